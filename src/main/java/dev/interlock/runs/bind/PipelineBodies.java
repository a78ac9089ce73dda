package dev.interlock.runs.bind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.model.Metadata;
import dev.interlock.model.Node;
import dev.interlock.model.PipelineSpec;
import dev.interlock.pipeline.Durations;

/** Reads a stored pipeline body into what runs need of it ({@link PipelineInfo}, without its lineage). */
final class PipelineBodies {

    private final ObjectMapper mapper;

    PipelineBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The pipeline of a stored body; {@code null} if the body is not JSON. */
    PipelineInfo info(String ref, String body, Instant registeredAt) {
        Entity e;
        try {
            e = Entity.of(mapper.readValue(body, Object.class));
        } catch (java.io.IOException ex) {
            return null;
        }
        return info(ref, e, registeredAt);
    }

    /** The pipeline of an entity body. */
    PipelineInfo info(String ref, Entity e, Instant registeredAt) {
        Metadata md = e.metadata();
        PipelineSpec p = PipelineSpec.of(e.spec().get("pipeline"));
        ZoneId zone = ZoneOffset.UTC;
        try {
            if (!p.trigger().timezone().isBlank()) {
                zone = ZoneId.of(p.trigger().timezone());
            }
        } catch (RuntimeException ex) {
            // Registration refuses a bad timezone; a pipeline registered before that check gets UTC.
        }
        // Namespace as the stored reference has it; references that do not parse were refused at registration.
        String namespace = EntityRef.ofCanonical(ref).namespace();
        List<String> after =
                p.node().at("trigger.after").isList() ? refs(p.trigger().after(), "component", namespace) : List.of();
        String owner = e.spec().get("owner").isString()
                ? refs(List.of(e.spec().get("owner").text()), "group", namespace).stream()
                        .findFirst()
                        .orElse(null)
                : null;
        return new PipelineInfo(
                ref,
                text(md.title()),
                text(p.family()),
                owner,
                registeredAt,
                list(md.annotation("openlineage.io/job")),
                list(md.annotation("cdevents.dev/pipeline")),
                text(md.annotation("cdevents.dev/source")),
                text(md.annotation("github.com/project-slug")),
                list(md.annotation("github.com/workflow")),
                list(md.annotation("interlock.dev/github-branch")),
                text(p.trigger().schedule()),
                zone,
                Durations.parse(text(p.trigger().grace())).orElse(null),
                duration(p.slo().freshness()),
                successRate(p.node().at("slo.successRate")),
                duration(p.slo().maxDuration()),
                after,
                List.of(),
                List.of(),
                null);
    }

    private static List<String> refs(List<String> written, String defaultKind, String namespace) {
        List<String> out = new ArrayList<>();
        for (String r : written) {
            try {
                out.add(EntityRef.parse(r, defaultKind, namespace).toString());
            } catch (IllegalArgumentException ex) {
                // Refused at registration; nothing to follow.
            }
        }
        return List.copyOf(out);
    }

    /** {@code slo.successRate} when written as a number. */
    private static Double successRate(Node n) {
        if (n.isMissing() || n.isString() || n.scalarText() == null) {
            return null;
        }
        try {
            return Double.valueOf(n.scalarText());
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static Duration duration(String text) {
        return Durations.parse(text(text)).orElse(null);
    }

    private static List<String> list(String text) {
        String t = text(text);
        return t == null ? List.of() : JobPatterns.split(t);
    }

    /** Blank is absent. */
    private static String text(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
