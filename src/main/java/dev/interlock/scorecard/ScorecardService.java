package dev.interlock.scorecard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.catalog.CatalogVersion;
import dev.interlock.catalog.EntityFilter;
import dev.interlock.sql.Jdbc;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.replicas.LockKeys;
import dev.interlock.replicas.SharedDatabase;

/**
 * Scores entities against every scorecard that applies to them, and keeps the results: the current one per
 * entity and scorecard, and a history row whenever a result changes (for the trend). Scoring follows every
 * committed change, for what it may have affected: the changed entities, the entities whose relations point at
 * them (a team that lost a member, a table a pipeline reads), the entities maintained by a changed team's
 * members, and everything a changed scorecard applies to.
 */
@ApplicationScoped
public class ScorecardService {

    private static final Logger LOG = Logger.getLogger(ScorecardService.class);
    private static final int BATCH = 500;
    /** History level of an entity that left a scorecard (deleted, or the scorecard no longer applies). */
    static final String REMOVED = "(removed)";

    @Inject
    CatalogQueries queries;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    jakarta.enterprise.inject.Instance<RunFacts> runFacts;

    /** Every registered scorecard. */
    public List<Scorecard> scorecards() {
        EntityFilter kind = EntityFilter.parse(List.of("kind=scorecard"));
        return queries.list(new CatalogQueries.Query(kind, List.of(), null, List.of()), 0, 1_000).stream()
                .map(Scorecard::of).toList();
    }

    public Optional<Scorecard> scorecard(EntityRef ref) {
        return queries.byRef(ref).map(Scorecard::of);
    }

    /**
     * Scoring runs on one thread of its own, after the change committed: registration does not wait for it, and
     * scorings never race each other over the same results. What waits is kept in the database ({@link ScoringWork})
     * until its results are stored; on PostgreSQL one replica scores at a time (it holds an advisory lock while it
     * works), so a result and its history row are written once. Work is queued per scorecard and done a slice at a
     * time, each scorecard in turn ({@link ScoringQueue}), and new work is claimed between slices, so one expensive
     * scorecard cannot starve the others.
     */
    private final java.util.concurrent.ExecutorService scorer = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "interlock-scorer");
                t.setDaemon(true);
                return t;
            });
    /** Entities per slice of scoring work. */
    static final int SLICE = 100;
    /** Rows of work claimed at most per look at the table. */
    private static final int CLAIM = 100;
    private final ScoringQueue queue = new ScoringQueue();
    /** Facts of entities computed since the last change was planned (used only by the scorer thread). */
    private final Map<String, Map<String, Object>> factsCache = new HashMap<>();
    /** Whether a look at the work is queued on the scorer thread and not started (wakes meanwhile are covered). */
    private final java.util.concurrent.atomic.AtomicBoolean woken = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean stopping;

    @Inject
    ScoringWork work;

    @Inject
    SharedDatabase database;

    /** The change queued its work in its transaction ({@link ScoringWork}); now that it committed, score it. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogVersion.Changed change) {
        wake();
    }

    /** Re-scores, on the scorer thread, what a change to these entities may have affected. */
    public void rescoreLater(Collection<String> changed) {
        work.add(ScoringWork.Kind.CHANGE, changed);
        wake();
    }

    /**
     * Keeps the scoring that committed run changes to these pipelines call for (them and what reads from them
     * downstream); {@link #wake()} then scores it, with whatever else came meanwhile.
     */
    public void runsChanged(Collection<String> pipelines) {
        work.add(ScoringWork.Kind.RUNS, pipelines);
    }

    /** Looks for work nobody is doing: left by a replica that stopped, or queued while another replica scored. */
    @io.quarkus.scheduler.Scheduled(every = "${interlock.scoring.poll-every:2s}", delayed = "1s",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!stopping && work.pending() > 0) {
            wake();
        }
    }

    /** Scores the work that waits, soon, on the scorer thread. */
    public void wake() {
        if (!stopping && woken.compareAndSet(false, true)) {
            scorer.submit(this::drain);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        stopping = true;
        scorer.shutdownNow();
    }

    /**
     * Claims the waiting work in one transaction (on PostgreSQL under the scorer lock: when another replica holds it,
     * that replica scores), scores it, then deletes the rows and commits. A failure, a stop or a crash before the
     * commit leaves the rows for the next scorer; scoring them again writes the same results and no new history.
     */
    private void drain() {
        woken.set(false);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!database.shared() || SharedDatabase.tryTransactionLock(c, LockKeys.SCORER)) {
                    List<Long> done = scoreClaimed(c);
                    if (stopping) {
                        c.rollback();
                        return;
                    }
                    work.delete(c, done);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            if (!stopping) {
                LOG.errorf(e, "Scoring failed; its work stays queued and is tried again");
            }
        }
    }

    /** Claims work and scores it until none is left (or the application stops); returns the ids of the rows. */
    private List<Long> scoreClaimed(Connection c) throws SQLException {
        List<Long> claimed = new ArrayList<>();
        long after = 0;
        while (!stopping) {
            List<ScoringWork.Item> fresh = work.claim(c, after, CLAIM);
            Set<String> runs = new LinkedHashSet<>();
            for (ScoringWork.Item item : fresh) {
                if (item.kind() == ScoringWork.Kind.RUNS) {
                    runs.addAll(item.refs());
                } else {
                    plan(item);
                }
                claimed.add(item.id());
                after = item.id();
            }
            planRuns(runs);
            if (!scoreSlice() && fresh.isEmpty()) {
                break;
            }
        }
        return claimed;
    }

    /** Queues the entities one row of work calls for, on the scorecards it concerns. */
    private void plan(ScoringWork.Item item) {
        try {
            switch (item.kind()) {
                case CHANGE -> rescore(item.refs());
                case RESTORED -> {
                    // Restored with their results: only the entities around them may need scoring.
                    factsCache.clear();
                    Set<String> affected = pointingAt(item.refs());
                    affected.removeAll(new HashSet<>(item.refs()));
                    queueOnEveryScorecard(affected);
                }
                case RUNS -> planRuns(new LinkedHashSet<>(item.refs()));
            }
        } catch (RuntimeException e) {
            // Dropped like a failed scoring always was: the next change to these entities scores them again.
            LOG.errorf(e, "Planning the scoring of %d entities (%s) failed", item.refs().size(), item.kind());
        }
    }

    /** Queues the pipelines whose runs changed (of all the rows claimed together) and what reads from them. */
    private void planRuns(Set<String> pipelines) {
        if (pipelines.isEmpty()) {
            return;
        }
        try {
            factsCache.clear();
            queueOnEveryScorecard(runFacts.isResolvable() ? runFacts.get().affectedBy(pipelines) : pipelines);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Planning the scoring after run changes to %d pipelines failed", pipelines.size());
        }
    }

    private void queueOnEveryScorecard(Collection<String> refs) {
        scorecards().forEach(s -> queue.add(s.ref().toString(), refs));
    }

    /** Queues what a change to these entities may have affected (called on the scorer thread). */
    void rescore(Collection<String> changed) {
        factsCache.clear();
        List<Scorecard> scorecards = scorecards();
        List<String> current = scorecards.stream().map(s -> s.ref().toString()).toList();
        queue.retain(current);
        List<String> changedScorecards = changed.stream().filter(r -> r.startsWith("scorecard:")).toList();
        if (!changedScorecards.isEmpty()) {
            // A removed scorecard leaves no results behind.
            removeResults("scorecard_ref NOT IN", current);
        }
        if (scorecards.isEmpty()) {
            return;
        }
        // A changed scorecard is re-scored for every entity; the others only for what the change affected.
        List<Scorecard> everything = scorecards.stream()
                .filter(s -> changedScorecards.contains(s.ref().toString())).toList();
        rescoreEverything(everything);
        Set<String> affected = new LinkedHashSet<>(changed);
        affected.addAll(pointingAt(changed));
        scorecards.stream().filter(s -> !everything.contains(s)).forEach(s -> queue.add(s.ref().toString(), affected));
    }

    /** Queues every entity of the catalog on these scorecards (after a scorecard changed). */
    void rescoreEverything(List<Scorecard> scorecards) {
        if (scorecards.isEmpty()) {
            return;
        }
        List<String> all = Jdbc.run(dataSource, "entity list", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT entity_ref FROM entities ORDER BY entity_ref");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        scorecards.forEach(s -> queue.add(s.ref().toString(), all));
    }

    /** Scores the next slice of queued work; returns false when there was none. */
    private boolean scoreSlice() {
        var slice = queue.next(SLICE);
        if (slice.isEmpty()) {
            return false;
        }
        try {
            Optional<Scorecard> scorecard = scorecard(EntityRef.ofCanonical(slice.get().scorecardRef()));
            if (scorecard.isPresent()) {
                score(slice.get().entityRefs(), scorecard.get());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Scoring %d entities on %s failed", slice.get().entityRefs().size(),
                    slice.get().scorecardRef());
        }
        return true;
    }

    /** Whether no scoring work waits, here or in the database (for tests and readiness). */
    public boolean idle() {
        return queue.size() == 0 && work.pending() == 0;
    }

    private void score(List<String> refs, Scorecard scorecard) {
        List<Map<String, Object>> found = queries.byRefs(refs.stream().map(EntityRef::ofCanonical).toList());
        List<Map<String, Object>> present = found.stream().filter(e -> e != null).toList();
        Set<String> gone = new HashSet<>(refs);
        present.forEach(e -> gone.remove(Facts.ref(e)));
        if (!gone.isEmpty()) {
            removeResults("entity_ref IN", new ArrayList<>(gone));
        }
        Map<String, Map<String, Object>> facts = facts(present);
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        List<ScoreResult> results = new ArrayList<>();
        List<String[]> notApplying = new ArrayList<>();
        for (Map<String, Object> entity : present) {
            String ref = Facts.ref(entity);
            Map<String, Object> vars = facts.get(ref);
            if (!Rules.test(scorecard.appliesTo(), vars)) {
                notApplying.add(new String[] {scorecard.ref().toString(), ref});
                continue;
            }
            results.add(evaluate(scorecard, ref, vars, now));
        }
        store(results, notApplying);
    }

    /** The facts of these entities, reusing those computed for another scorecard since the last change. */
    private Map<String, Map<String, Object>> facts(List<Map<String, Object>> entities) {
        List<Map<String, Object>> missing = entities.stream().filter(e -> !factsCache.containsKey(Facts.ref(e)))
                .toList();
        if (factsCache.size() + missing.size() > 20_000) {
            factsCache.clear();
            missing = entities;
        }
        if (!missing.isEmpty()) {
            factsCache.putAll(Facts.of(missing, new Facts.Lookup() {
                @Override
                public Map<String, Map<String, Object>> entities(Set<String> refs) {
                    return lookup(refs);
                }

                @Override
                public Map<String, Object> runs(String ref) {
                    return runFacts.isResolvable() ? runFacts.get().of(ref) : RunFacts.NONE;
                }
            }));
        }
        Map<String, Map<String, Object>> out = new HashMap<>();
        entities.forEach(e -> out.put(Facts.ref(e), factsCache.get(Facts.ref(e))));
        return out;
    }

    /**
     * The results an entity would get before it is stored (the register preview): each scorecard that applies to
     * it, evaluated against the catalog as it stands.
     *
     * @param entity the entity in the API's shape, with {@code metadata.namespace} set and its declared relations
     */
    public List<ScoreResult> wouldScore(Map<String, Object> entity) {
        Map<String, Object> vars = Facts.of(List.of(entity), this::lookup).get(Facts.ref(entity));
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        List<ScoreResult> out = new ArrayList<>();
        for (Scorecard scorecard : scorecards()) {
            if (Rules.test(scorecard.appliesTo(), vars)) {
                out.add(evaluate(scorecard, Facts.ref(entity), vars, now));
            }
        }
        return out;
    }

    /** One entity's result on one scorecard. */
    static ScoreResult evaluate(Scorecard scorecard, String ref, Map<String, Object> vars, String now) {
        List<String> passed = new ArrayList<>();
        List<ScoreResult.Failed> failed = new ArrayList<>();
        for (Scorecard.Check check : scorecard.checks()) {
            if (Rules.test(check.rule(), vars)) {
                passed.add(check.id());
            } else {
                failed.add(new ScoreResult.Failed(check.id(), check.title(), check.why()));
            }
        }
        return new ScoreResult(ref, scorecard.ref().toString(), scorecard.levelReached(new HashSet<>(passed)), passed,
                failed, now);
    }

    private Map<String, Map<String, Object>> lookup(Set<String> refs) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        List<String> all = new ArrayList<>(refs);
        for (int i = 0; i < all.size(); i += BATCH) {
            List<EntityRef> chunk = all.subList(i, Math.min(all.size(), i + BATCH)).stream()
                    .map(EntityRef::ofCanonical).toList();
            for (Map<String, Object> e : queries.byRefs(chunk)) {
                if (e != null) {
                    out.put(Facts.ref(e), e);
                }
            }
        }
        return out;
    }

    /**
     * What a change may have affected besides the changed entities: entities whose relations point at them, the
     * targets of their own relations (which gain or lose an inverse relation), what the members of a changed team
     * maintain, and what the teams of a changed person own (their member count changed).
     */
    private Set<String> pointingAt(Collection<String> changed) {
        Set<String> out = new LinkedHashSet<>(sources(changed, null));
        out.addAll(targets(changed, null));
        List<String> groups = changed.stream().filter(r -> r.startsWith("group:")).toList();
        Set<String> members = new LinkedHashSet<>();
        members.addAll(targets(groups, "hasMember"));
        members.addAll(sources(groups, "memberOf"));
        out.addAll(sources(members, "maintainedBy"));
        List<String> people = changed.stream().filter(r -> r.startsWith("user:")).toList();
        Set<String> teams = new LinkedHashSet<>(targets(people, "memberOf"));
        teams.addAll(sources(people, "hasMember"));
        out.addAll(sources(teams, "ownedBy"));
        return out;
    }

    private Set<String> sources(Collection<String> targets, String type) {
        return column("SELECT DISTINCT source_ref FROM relations WHERE " + (type == null ? "" : "type = ? AND ")
                + "target_ref IN ", targets, type);
    }

    private Set<String> targets(Collection<String> sources, String type) {
        return column("SELECT DISTINCT target_ref FROM relations WHERE " + (type == null ? "" : "type = ? AND ")
                + "source_ref IN ", sources, type);
    }

    private Set<String> column(String sql, Collection<String> keys, String type) {
        Set<String> out = new LinkedHashSet<>();
        List<String> all = new ArrayList<>(keys);
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < all.size(); i += BATCH) {
                List<String> chunk = all.subList(i, Math.min(all.size(), i + BATCH));
                try (PreparedStatement ps = c.prepareStatement(sql + "(" + Jdbc.marks(chunk.size()) + ")")) {
                    int index = 1;
                    if (type != null) {
                        ps.setString(index++, type);
                    }
                    for (String k : chunk) {
                        ps.setString(index++, k);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("relations query failed", e);
        }
        return out;
    }

    /** The current results of one scorecard (all entities), or of one entity (all scorecards). */
    public List<ScoreResult> results(String scorecardRef, String entityRef) {
        return current(resultsOfAny(scorecardRef, entityRef));
    }

    /** Results of scorecards that still exist (a removed one's are deleted when it goes; this covers the gap). */
    private List<ScoreResult> current(List<ScoreResult> results) {
        Set<String> existing = new HashSet<>();
        scorecards().forEach(s -> existing.add(s.ref().toString()));
        return results.stream().filter(r -> existing.contains(r.scorecardRef())).toList();
    }

    private List<ScoreResult> resultsOfAny(String scorecardRef, String entityRef) {
        String sql = "SELECT result FROM scorecard_results WHERE "
                + (scorecardRef != null ? "scorecard_ref = ?" : "entity_ref = ?") + " ORDER BY entity_ref, scorecard_ref";
        List<ScoreResult> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, scorecardRef != null ? scorecardRef : entityRef);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.readValue(rs.getString(1), ScoreResult.class));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("scorecard results query failed", e);
        }
        return out;
    }

    @Inject
    ScorecardConfig config;

    /** The levels of these entities on the headline scorecard; empty when it is not registered. */
    public HeadlineLevels headline(Collection<String> entityRefs) {
        String name = config.headline();
        EntityRef ref = EntityRef.parse(name, "scorecard", EntityRef.DEFAULT_NAMESPACE);
        Optional<Scorecard> scorecard = scorecard(ref);
        if (scorecard.isEmpty()) {
            return new HeadlineLevels("Level", null, List.of(), Map.of());
        }
        Map<String, String> levels = new HashMap<>();
        resultsOf(entityRefs).forEach((entity, results) -> results.stream()
                .filter(r -> r.scorecardRef().equals(ref.toString())).findFirst()
                .ifPresent(r -> levels.put(entity, r.level() == null ? "none" : r.level())));
        return new HeadlineLevels(scorecard.get().title() + " level", ref.toString(), scorecard.get().levels(),
                levels);
    }

    /** The current results of these entities on every scorecard, by entity reference. */
    public Map<String, List<ScoreResult>> resultsOf(Collection<String> entityRefs) {
        Map<String, List<ScoreResult>> out = new HashMap<>();
        Set<String> existing = new HashSet<>();
        scorecards().forEach(s -> existing.add(s.ref().toString()));
        List<String> all = new ArrayList<>(new LinkedHashSet<>(entityRefs));
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < all.size(); i += BATCH) {
                List<String> chunk = all.subList(i, Math.min(all.size(), i + BATCH));
                try (PreparedStatement ps = c.prepareStatement("SELECT result FROM scorecard_results WHERE entity_ref IN ("
                        + Jdbc.marks(chunk.size()) + ") ORDER BY scorecard_ref")) {
                    for (int j = 0; j < chunk.size(); j++) {
                        ps.setString(j + 1, chunk.get(j));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ScoreResult r = mapper.readValue(rs.getString(1), ScoreResult.class);
                            if (existing.contains(r.scorecardRef())) {
                                out.computeIfAbsent(r.entityRef(), k -> new ArrayList<>()).add(r);
                            }
                        }
                    }
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("scorecard results query failed", e);
        }
        return out;
    }

    /** One day of a scorecard's trend: how many entities reached each level (null key: none). */
    public record TrendPoint(String day, Map<String, Long> levels) {
    }

    /** The level distribution at the end of each day with a change, from the history. */
    public List<TrendPoint> trend(String scorecardRef) {
        Map<String, String> latest = new HashMap<>();
        List<TrendPoint> out = new ArrayList<>();
        String sql = "SELECT entity_ref, level, evaluated_at FROM scorecard_history WHERE scorecard_ref = ?"
                + " ORDER BY evaluated_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, scorecardRef);
            String day = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String d = rs.getTimestamp(3).toInstant().toString().substring(0, 10);
                    if (day != null && !d.equals(day)) {
                        out.add(point(day, latest));
                    }
                    day = d;
                    String level = rs.getString(2);
                    if (REMOVED.equals(level)) {
                        latest.remove(rs.getString(1));
                    } else {
                        latest.put(rs.getString(1), level == null ? "none" : level);
                    }
                }
            }
            if (day != null) {
                out.add(point(day, latest));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("scorecard history query failed", e);
        }
        return out;
    }

    private static TrendPoint point(String day, Map<String, String> latest) {
        Map<String, Long> counts = new HashMap<>();
        latest.values().forEach(l -> counts.merge(l, 1L, Long::sum));
        return new TrendPoint(day, counts);
    }

    private void store(List<ScoreResult> results, List<String[]> notApplying) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Map<String, ScoreResult> previous = previous(c, results);
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM scorecard_results WHERE scorecard_ref = ? AND entity_ref = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO scorecard_results (entity_ref,"
                            + " scorecard_ref, level, result, evaluated_at) VALUES (?, ?, ?, ?, ?)");
                    PreparedStatement history = c.prepareStatement("INSERT INTO scorecard_history (scorecard_ref,"
                            + " entity_ref, level, passed, failed, evaluated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (String[] pair : notApplying) {
                    delete.setString(1, pair[0]);
                    delete.setString(2, pair[1]);
                    delete.addBatch();
                }
                for (ScoreResult r : results) {
                    delete.setString(1, r.scorecardRef());
                    delete.setString(2, r.entityRef());
                    delete.addBatch();
                    Timestamp at = Timestamp.from(OffsetDateTime.parse(r.evaluatedAt()).toInstant());
                    insert.setString(1, r.entityRef());
                    insert.setString(2, r.scorecardRef());
                    insert.setString(3, r.level());
                    insert.setString(4, mapper.writeValueAsString(r));
                    insert.setTimestamp(5, at);
                    insert.addBatch();
                    ScoreResult before = previous.get(r.scorecardRef() + " " + r.entityRef());
                    if (before == null || !before.passed().equals(r.passed())
                            || !java.util.Objects.equals(before.level(), r.level())) {
                        history.setString(1, r.scorecardRef());
                        history.setString(2, r.entityRef());
                        history.setString(3, r.level());
                        history.setInt(4, r.passed().size());
                        history.setInt(5, r.failed().size());
                        history.setTimestamp(6, at);
                        history.addBatch();
                    }
                }
                int[] deleted = delete.executeBatch();
                for (int i = 0; i < notApplying.size(); i++) {
                    if (deleted[i] > 0) {
                        history.setString(1, notApplying.get(i)[0]);
                        history.setString(2, notApplying.get(i)[1]);
                        history.setString(3, REMOVED);
                        history.setInt(4, 0);
                        history.setInt(5, 0);
                        history.setTimestamp(6, Timestamp.from(java.time.Instant.now()));
                        history.addBatch();
                    }
                }
                insert.executeBatch();
                history.executeBatch();
            }
            c.commit();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("storing scorecard results failed", e);
        }
    }

    private Map<String, ScoreResult> previous(Connection c, List<ScoreResult> results)
            throws SQLException, JsonProcessingException {
        Map<String, ScoreResult> out = new HashMap<>();
        List<String> refs = results.stream().map(ScoreResult::entityRef).distinct().toList();
        for (int i = 0; i < refs.size(); i += BATCH) {
            List<String> chunk = refs.subList(i, Math.min(refs.size(), i + BATCH));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT result FROM scorecard_results WHERE entity_ref IN (" + Jdbc.marks(chunk.size()) + ")")) {
                for (int j = 0; j < chunk.size(); j++) {
                    ps.setString(j + 1, chunk.get(j));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ScoreResult r = mapper.readValue(rs.getString(1), ScoreResult.class);
                        out.put(r.scorecardRef() + " " + r.entityRef(), r);
                    }
                }
            }
        }
        return out;
    }

    /** Deletes results ({@code where} is "entity_ref IN" or "scorecard_ref NOT IN"), noting each in the history. */
    private void removeResults(String where, List<String> keys) {
        String in = keys.isEmpty() ? "('')" : "(" + Jdbc.marks(keys.size()) + ")";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement history = c.prepareStatement("INSERT INTO scorecard_history (scorecard_ref,"
                    + " entity_ref, level, passed, failed, evaluated_at) SELECT scorecard_ref, entity_ref, ?, 0, 0, ?"
                    + " FROM scorecard_results WHERE " + where + " " + in);
                    PreparedStatement delete = c.prepareStatement(
                            "DELETE FROM scorecard_results WHERE " + where + " " + in)) {
                history.setString(1, REMOVED);
                history.setTimestamp(2, Timestamp.from(java.time.Instant.now()));
                for (int i = 0; i < keys.size(); i++) {
                    history.setString(i + 3, keys.get(i));
                    delete.setString(i + 1, keys.get(i));
                }
                history.executeUpdate();
                delete.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("removing scorecard results failed", e);
        }
    }

}
