package dev.interlock.runs.bind;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import dev.interlock.catalog.CatalogVersion;
import dev.interlock.replicas.SharedDatabase;
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

    private static final Logger LOG = Logger.getLogger(PipelineDirectory.class);

    /** Every pipeline's reference with what identifies its stored version (uid and etag: a new etag per write). */
    private static final String VERSIONS =
            "SELECT e.entity_ref, e.id, e.etag, e.created_at, e.updated_at FROM entities e WHERE e.kind = 'component'"
                    + " AND e.id IN (SELECT s.entity_id FROM search s WHERE s.search_key = 'spec.type'"
                    + " AND s.search_value = 'pipeline')";
    /** Those of some references that are stored pipelines (the condition of {@link #VERSIONS}). */
    private static final String BODIES = "SELECT e.entity_ref, e.id, e.etag, e.created_at, e.updated_at, e.body"
            + " FROM entities e"
            + " WHERE e.kind = 'component' AND EXISTS (SELECT 1 FROM search s WHERE s.entity_id = e.id"
            + " AND s.search_key = 'spec.type' AND s.search_value = 'pipeline') AND e.entity_ref IN (IN)";
    /**
     * What some pipelines read and write, found through the index on source_ref: all readsFrom/writesTo rows would be
     * a scan of the whole relations table after every change. (A subquery for the pipelines instead of a list of
     * references fails in H2 2.4 once its result spills to disk.)
     */
    private static final String LINEAGE = "SELECT source_ref, type, target_ref FROM relations"
            + " WHERE type IN ('readsFrom', 'writesTo') AND source_ref IN (IN)";

    /** The changes of some pipelines' {@code spec.pipeline}, newest first, with the body each replaced. */
    private static final String SCHEDULE_CHANGES = "SELECT entity_ref, at, body FROM entity_history"
            + " WHERE action = 'updated' AND changed_fields LIKE '%spec.pipeline%' AND at >= ? AND entity_ref IN (IN)"
            + " ORDER BY id DESC";

    /** A pipeline as last read: its stored version and what was read of it, lineage included. */
    private record Known(String version, PipelineInfo info) {}

    @Inject
    DataSource dataSource;

    @Inject
    CatalogVersion catalogVersion;

    @Inject
    SharedDatabase database;

    @Inject
    ObjectMapper mapper;

    private volatile Snapshot snapshot;

    /** The pipelines of the last snapshot, by reference; read and replaced only under this object's lock. */
    private Map<String, Known> known = Map.of();

    /**
     * Entities changed in this process since the last snapshot (committed), and how many changes committed here: on a
     * database of its own (H2) a snapshot is brought up to date by reading these again, not every pipeline. A
     * reference is added before the count moves, so a snapshot taken at a count has read every change counted.
     */
    private final Set<String> changed = ConcurrentHashMap.newKeySet();

    private final AtomicLong changes = new AtomicLong();

    /** Whether every pipeline was read once (under this object's lock), to log the first read, which a start pays. */
    private boolean readOnce;

    private PipelineBodies bodies;

    @PostConstruct
    void init() {
        bodies = new PipelineBodies(mapper);
    }

    /**
     * Runs before the default-priority observers of the commit, such as the rebinder's, so that what they start after
     * the commit reads a snapshot that has this change.
     */
    void committed(
            @Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(Interceptor.Priority.APPLICATION)
                    CatalogVersion.Changed change) {
        if (!database.shared()) {
            changed.addAll(change.refs());
            changes.incrementAndGet();
        }
    }

    /**
     * The pipelines as of now. On a database replicas share, as of the current catalog version (which moves with
     * other replicas' changes too), compared pipeline by pipeline; on one of its own, as of this process's last change.
     */
    public Snapshot current() {
        boolean shared = database.shared();
        long version = shared ? catalogVersion.current() : changes.get();
        Snapshot s = snapshot;
        if (s != null && s.version() == version) {
            return s;
        }
        synchronized (this) {
            if (snapshot == null || snapshot.version() != version) {
                version = shared ? version : changes.get();
                // Taken one by one: a reference changed again meanwhile stays for the next snapshot.
                Set<String> refs = new HashSet<>();
                for (Iterator<String> i = changed.iterator(); i.hasNext(); ) {
                    refs.add(i.next());
                    i.remove();
                }
                try {
                    snapshot = shared || snapshot == null ? load(version) : reread(version, refs);
                } catch (RuntimeException e) {
                    // Not read: the next snapshot reads them (else it would stamp the old values as current).
                    changed.addAll(refs);
                    throw e;
                }
            }
            return snapshot;
        }
    }

    /**
     * Reads the pipelines as of this version: their stored versions, and the bodies and lineage of only those that
     * changed since the last snapshot (a pipeline's readsFrom and writesTo rows are written with its body), so that a
     * registration of one pipeline does not read all of them again.
     */
    private Snapshot load(long version) {
        long started = System.nanoTime();
        boolean first = !readOnce;
        readOnce = true;
        Map<String, Known> pipelines = new LinkedHashMap<>();
        Jdbc.run(dataSource, "pipelines", c -> {
            List<String> stale = new ArrayList<>();
            Jdbc.query(c, VERSIONS, List.of(), rs -> {
                String ref = rs.getString(1);
                Known was = known.get(ref);
                if (was != null && was.version().equals(storedVersion(rs))) {
                    pipelines.put(ref, was);
                } else {
                    pipelines.put(ref, null);
                    stale.add(ref);
                }
            });
            read(c, stale, pipelines);
            return null;
        });
        // Gone between the two reads, or not readable: left out (the next version reads them again).
        pipelines.values().removeIf(java.util.Objects::isNull);
        known = pipelines;
        if (first) {
            // Every pipeline is read once at start: how long that takes is what a restart costs the runs pages.
            LOG.infof(
                    "Read %d pipelines (%d scheduled) in %d ms",
                    pipelines.size(),
                    pipelines.values().stream()
                            .filter(k -> k.info().schedule() != null)
                            .count(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return snapshot(version, pipelines);
    }

    /** The last snapshot's pipelines with these references read again (gone if they are no pipeline now). */
    private Snapshot reread(long version, Set<String> refs) {
        Map<String, Known> pipelines = new LinkedHashMap<>(known);
        pipelines.keySet().removeAll(refs);
        Jdbc.run(dataSource, "changed pipelines", c -> {
            read(c, refs, pipelines);
            return null;
        });
        known = pipelines;
        return snapshot(version, pipelines);
    }

    /** Reads those of these references that are stored pipelines, with their lineage, into {@code pipelines}. */
    private void read(Connection c, Collection<String> refs, Map<String, Known> pipelines) throws SQLException {
        Map<String, List<String>> reads = new HashMap<>();
        Map<String, List<String>> writes = new HashMap<>();
        Jdbc.queryIn(
                c,
                LINEAGE,
                List.of(),
                refs,
                rs -> (rs.getString(2).equals("readsFrom") ? reads : writes)
                        .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getString(3)));
        List<String> scheduled = new ArrayList<>();
        Jdbc.queryIn(c, BODIES, List.of(), refs, rs -> {
            String ref = rs.getString(1);
            OffsetDateTime created = rs.getObject(4, OffsetDateTime.class);
            PipelineInfo info =
                    bodies.info(ref, rs.getString(6), created == null ? Instant.EPOCH : created.toInstant());
            if (info != null) {
                pipelines.put(
                        ref,
                        new Known(
                                storedVersion(rs),
                                withLineage(
                                        info,
                                        reads.getOrDefault(ref, List.of()),
                                        writes.getOrDefault(ref, List.of()))));
                if (info.schedule() != null) {
                    scheduled.add(ref);
                }
            }
        });
        scheduleChanges(c, scheduled, pipelines);
    }

    /**
     * When each of these scheduled pipelines' schedule last changed: the newest change of its history after which the
     * body before it had another cron or timezone. Only changes of {@code spec.pipeline} within
     * {@link PipelineInfo#TICKS_JUDGED} are read, newest first: an older change floors no tick judged, and a pipeline
     * edited daily for years would otherwise have every body of its history parsed.
     */
    private void scheduleChanges(Connection c, List<String> refs, Map<String, Known> pipelines) throws SQLException {
        if (refs.isEmpty()) {
            return;
        }
        Set<String> settled = new HashSet<>();
        OffsetDateTime horizon = OffsetDateTime.now(java.time.ZoneOffset.UTC).minus(PipelineInfo.TICKS_JUDGED);
        Jdbc.queryIn(c, SCHEDULE_CHANGES, List.of(horizon), refs, rs -> {
            String ref = rs.getString(1);
            Known now = pipelines.get(ref);
            if (now == null || settled.contains(ref) || rs.getString(3) == null) {
                return;
            }
            PipelineInfo before = bodies.info(ref, rs.getString(3), now.info().registeredAt());
            if (before != null
                    && (!java.util.Objects.equals(before.schedule(), now.info().schedule())
                            || !before.timezone().equals(now.info().timezone()))) {
                settled.add(ref);
                OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
                pipelines.put(ref, new Known(now.version(), now.info().withScheduleSince(at.toInstant())));
            }
        });
    }

    /**
     * What identifies a stored version of an entity (columns 2 to 5 of {@link #VERSIONS} and {@link #BODIES}): its uid
     * and etag (a new etag per write), and its times, which an import from a hand-edited archive that kept uid and
     * etag still sets.
     */
    private static String storedVersion(ResultSet rs) throws SQLException {
        return rs.getString(2) + '/' + rs.getString(3) + '/' + rs.getString(4) + '/' + rs.getString(5);
    }

    private static PipelineInfo withLineage(PipelineInfo p, List<String> in, List<String> out) {
        return new PipelineInfo(
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
                p.githubBranches(),
                p.schedule(),
                p.timezone(),
                p.grace(),
                p.freshnessSlo(),
                p.successRateSlo(),
                p.maxDurationSlo(),
                p.after(),
                List.copyOf(in),
                List.copyOf(out),
                p.scheduleSince());
    }

    /** The snapshot of these pipelines: the lineage between them, and the index that binds runs to them. */
    private static Snapshot snapshot(long version, Map<String, Known> known) {
        Map<String, PipelineInfo> pipelines = new LinkedHashMap<>();
        known.forEach((ref, k) -> pipelines.put(ref, k.info()));
        Map<String, List<String>> writes = new HashMap<>();
        pipelines.values().forEach(p -> writes.put(p.ref(), p.outputs()));
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
            withLineage.put(p.ref(), p);
            Set<String> up = new LinkedHashSet<>();
            p.inputs().forEach(r -> up.addAll(writers.getOrDefault(r, Set.of())));
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
}
