package dev.interlock.runs.bind;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.interlock.catalog.CatalogVersion;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.model.Metadata;
import dev.interlock.model.Node;
import dev.interlock.model.PipelineSpec;
import dev.interlock.pipeline.Durations;
import dev.interlock.sql.Jdbc;

/**
 * Every pipeline of the catalog as runs see it ({@link PipelineInfo}), with the lineage between pipelines (who writes
 * what another reads, and {@code trigger.after}). Read once per catalog version: a snapshot shared by binding,
 * missed-run detection and health.
 */
@ApplicationScoped
public class PipelineDirectory {

    /** One catalog version's pipelines. */
    public record Snapshot(
            long version,
            Map<String, PipelineInfo> pipelines,
            Map<String, Set<String>> upstream,
            Map<String, Set<String>> downstream,
            Map<String, Optional<String>> claims,
            Bindings.Index index) {

        public Optional<PipelineInfo> get(String ref) {
            return Optional.ofNullable(pipelines.get(ref));
        }

        /** Pipelines it reads from (writers of its inputs) and runs after, excluding itself. */
        public Set<String> upstreamOf(String ref) {
            return upstream.getOrDefault(ref, Set.of());
        }

        /** Pipelines that read what it writes, or run after it. */
        public Set<String> downstreamOf(String ref) {
            return downstream.getOrDefault(ref, Set.of());
        }
    }

    private static final String PIPELINES = "SELECT e.entity_ref, e.body, e.created_at FROM entities e WHERE e.kind ="
            + " 'component' AND e.id IN (SELECT s.entity_id FROM search s WHERE s.search_key = 'spec.type'"
            + " AND s.search_value = 'pipeline')";
    /**
     * What some pipelines read and write, found through the index on source_ref: all readsFrom/writesTo rows would be
     * a scan of the whole relations table after every change. (A subquery for the pipelines instead of a list of
     * references fails in H2 2.4 once its result spills to disk.)
     */
    private static final String LINEAGE = "SELECT source_ref, type, target_ref FROM relations"
            + " WHERE type IN ('readsFrom', 'writesTo') AND source_ref IN (IN)";

    @Inject
    DataSource dataSource;

    @Inject
    CatalogVersion catalogVersion;

    @Inject
    ObjectMapper mapper;

    private volatile Snapshot snapshot;

    /** The pipelines as of the current catalog version. */
    public Snapshot current() {
        long version = catalogVersion.current();
        Snapshot s = snapshot;
        if (s != null && s.version() == version) {
            return s;
        }
        synchronized (this) {
            if (snapshot == null || snapshot.version() != version) {
                snapshot = load(version);
            }
            return snapshot;
        }
    }

    private Snapshot load(long version) {
        Map<String, PipelineInfo> pipelines = new LinkedHashMap<>();
        Map<String, List<String>> reads = new HashMap<>();
        Map<String, List<String>> writes = new HashMap<>();
        Jdbc.run(dataSource, "pipelines", c -> {
            Jdbc.query(c, PIPELINES, List.of(), rs -> {
                OffsetDateTime created = rs.getObject(3, OffsetDateTime.class);
                PipelineInfo info =
                        info(rs.getString(1), rs.getString(2), created == null ? Instant.EPOCH : created.toInstant());
                if (info != null) {
                    pipelines.put(info.ref(), info);
                }
            });
            Jdbc.queryIn(
                    c,
                    LINEAGE,
                    List.of(),
                    List.copyOf(pipelines.keySet()),
                    rs -> (rs.getString(2).equals("readsFrom") ? reads : writes)
                            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getString(3)));
            return null;
        });
        Map<String, Set<String>> writers = new HashMap<>();
        writes.forEach((pipeline, targets) -> {
            if (pipelines.containsKey(pipeline)) {
                targets.forEach(t ->
                        writers.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(pipeline));
            }
        });
        Map<String, Set<String>> upstream = new HashMap<>();
        Map<String, Set<String>> downstream = new HashMap<>();
        Map<String, PipelineInfo> withLineage = new java.util.TreeMap<>();
        for (PipelineInfo p : pipelines.values()) {
            List<String> in = reads.getOrDefault(p.ref(), List.of());
            List<String> out = writes.getOrDefault(p.ref(), List.of());
            PipelineInfo full = new PipelineInfo(
                    p.ref(),
                    p.title(),
                    p.family(),
                    p.owner(),
                    p.registeredAt(),
                    p.openLineageJobs(),
                    p.cdeventsPipelines(),
                    p.cdeventsSource(),
                    p.githubSlug(),
                    p.githubWorkflows(),
                    p.schedule(),
                    p.timezone(),
                    p.grace(),
                    p.freshnessSlo(),
                    p.successRateSlo(),
                    p.maxDurationSlo(),
                    p.after(),
                    List.copyOf(in),
                    List.copyOf(out));
            withLineage.put(p.ref(), full);
            Set<String> up = new LinkedHashSet<>();
            in.forEach(r -> up.addAll(writers.getOrDefault(r, Set.of())));
            p.after().stream().filter(pipelines::containsKey).forEach(up::add);
            up.remove(p.ref());
            upstream.put(p.ref(), up);
            up.forEach(u ->
                    downstream.computeIfAbsent(u, k -> new LinkedHashSet<>()).add(p.ref()));
        }
        return new Snapshot(
                version,
                java.util.Collections.unmodifiableMap(withLineage),
                upstream,
                downstream,
                new java.util.concurrent.ConcurrentHashMap<>(),
                Bindings.Index.of(withLineage.values()));
    }

    private PipelineInfo info(String ref, String body, Instant registeredAt) {
        Entity e;
        try {
            e = Entity.of(mapper.readValue(body, Object.class));
        } catch (java.io.IOException ex) {
            return null;
        }
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
                text(p.trigger().schedule()),
                zone,
                Durations.parse(text(p.trigger().grace())).orElse(null),
                duration(p.slo().freshness()),
                successRate(p.node().at("slo.successRate")),
                duration(p.slo().maxDuration()),
                after,
                List.of(),
                List.of());
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
        if (t == null) {
            return List.of();
        }
        return java.util.Arrays.stream(t.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Blank is absent. */
    private static String text(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
