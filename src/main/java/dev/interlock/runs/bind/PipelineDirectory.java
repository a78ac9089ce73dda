package dev.interlock.runs.bind;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.interlock.catalog.CatalogVersion;
import dev.interlock.sql.Jdbc;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.pipeline.Durations;

/**
 * Every pipeline of the catalog as runs see it ({@link PipelineInfo}), with the lineage between pipelines (who writes
 * what another reads, and {@code trigger.after}). Read once per catalog version: a snapshot shared by binding,
 * missed-run detection and health.
 */
@ApplicationScoped
public class PipelineDirectory {

    /** One catalog version's pipelines. */
    public record Snapshot(long version, Map<String, PipelineInfo> pipelines, Map<String, Set<String>> upstream,
            Map<String, Set<String>> downstream, Map<String, Optional<String>> claims, Bindings.Index index) {

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
            + " WHERE type IN ('readsFrom', 'writesTo') AND source_ref IN ";
    private static final int IN_CHUNK = 500;

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
            try (PreparedStatement ps = c.prepareStatement(PIPELINES); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime created = rs.getObject(3, OffsetDateTime.class);
                    PipelineInfo info = info(rs.getString(1), rs.getString(2), created == null ? Instant.EPOCH
                            : created.toInstant());
                    if (info != null) {
                        pipelines.put(info.ref(), info);
                    }
                }
            }
            List<String> refs = List.copyOf(pipelines.keySet());
            for (int i = 0; i < refs.size(); i += IN_CHUNK) {
                List<String> chunk = refs.subList(i, Math.min(refs.size(), i + IN_CHUNK));
                try (PreparedStatement ps = c.prepareStatement(LINEAGE + "(" + Jdbc.marks(chunk.size()) + ")")) {
                    for (int j = 0; j < chunk.size(); j++) {
                        ps.setString(j + 1, chunk.get(j));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            (rs.getString(2).equals("readsFrom") ? reads : writes)
                                    .computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(3));
                        }
                    }
                }
            }
            return null;
        });
        Map<String, Set<String>> writers = new HashMap<>();
        writes.forEach((pipeline, targets) -> {
            if (pipelines.containsKey(pipeline)) {
                targets.forEach(t -> writers.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(pipeline));
            }
        });
        Map<String, Set<String>> upstream = new HashMap<>();
        Map<String, Set<String>> downstream = new HashMap<>();
        Map<String, PipelineInfo> withLineage = new java.util.TreeMap<>();
        for (PipelineInfo p : pipelines.values()) {
            List<String> in = reads.getOrDefault(p.ref(), List.of());
            List<String> out = writes.getOrDefault(p.ref(), List.of());
            PipelineInfo full = new PipelineInfo(p.ref(), p.title(), p.family(), p.owner(), p.registeredAt(),
                    p.openLineageJobs(), p.cdeventsPipelines(), p.cdeventsSource(), p.githubSlug(), p.githubWorkflows(),
                    p.schedule(), p.timezone(), p.grace(), p.freshnessSlo(), p.successRateSlo(), p.maxDurationSlo(),
                    p.after(), List.copyOf(in), List.copyOf(out));
            withLineage.put(p.ref(), full);
            Set<String> up = new LinkedHashSet<>();
            in.forEach(r -> up.addAll(writers.getOrDefault(r, Set.of())));
            p.after().stream().filter(pipelines::containsKey).forEach(up::add);
            up.remove(p.ref());
            upstream.put(p.ref(), up);
            up.forEach(u -> downstream.computeIfAbsent(u, k -> new LinkedHashSet<>()).add(p.ref()));
        }
        return new Snapshot(version, java.util.Collections.unmodifiableMap(withLineage), upstream, downstream,
                new java.util.concurrent.ConcurrentHashMap<>(), Bindings.Index.of(withLineage.values()));
    }

    private PipelineInfo info(String ref, String body, Instant registeredAt) {
        JsonNode e;
        try {
            e = mapper.readTree(body);
        } catch (java.io.IOException ex) {
            return null;
        }
        String namespace = EntityRef.ofCanonical(ref).namespace();
        JsonNode a = e.path("metadata").path("annotations");
        JsonNode p = e.path("spec").path("pipeline");
        JsonNode trigger = p.path("trigger");
        JsonNode slo = p.path("slo");
        String schedule = text(trigger.path("schedule"));
        ZoneId zone = ZoneOffset.UTC;
        try {
            if (text(trigger.path("timezone")) != null) {
                zone = ZoneId.of(text(trigger.path("timezone")));
            }
        } catch (RuntimeException ex) {
            // Registration refuses a bad timezone; a pipeline registered before that check gets UTC.
        }
        List<String> after = new ArrayList<>();
        for (JsonNode n : trigger.path("after")) {
            try {
                after.add(EntityRef.parse(n.asText(), "component", namespace).toString());
            } catch (IllegalArgumentException ex) {
                // Refused at registration; nothing to follow.
            }
        }
        String owner = text(e.path("spec").path("owner"));
        try {
            owner = owner == null ? null : EntityRef.parse(owner, "group", namespace).toString();
        } catch (IllegalArgumentException ex) {
            owner = null;
        }
        return new PipelineInfo(ref, text(e.path("metadata").path("title")), text(p.path("family")), owner,
                registeredAt, list(a.path("openlineage.io/job")), list(a.path("cdevents.dev/pipeline")),
                text(a.path("cdevents.dev/source")), text(a.path("github.com/project-slug")),
                list(a.path("github.com/workflow")), schedule, zone,
                Durations.parse(text(trigger.path("grace"))).orElse(null), duration(slo.path("freshness")),
                slo.path("successRate").isNumber() ? slo.path("successRate").asDouble() : null,
                duration(slo.path("maxDuration")), List.copyOf(after), List.of(), List.of());
    }

    private static Duration duration(JsonNode n) {
        return Durations.parse(text(n)).orElse(null);
    }

    private static List<String> list(JsonNode n) {
        String t = text(n);
        if (t == null) {
            return List.of();
        }
        return java.util.Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.isNull() && !n.asText().isBlank() ? n.asText() : null;
    }
}
