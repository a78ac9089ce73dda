package dev.interlock.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.replicas.SharedDatabase;
import dev.interlock.runs.ingest.JobId;
import dev.interlock.sql.Jdbc;

/**
 * Keeps the rows of the table of jobs ({@link RunJobs}) as the runs change. {@link RunStore} calls it on the connection
 * of each change of the runs, in the change's transaction.
 *
 * <p>Storing runs only advances rows ({@code last_seen} is the latest time heard, whatever order the events come in),
 * so two replicas storing runs of one job at once agree whichever commits first. A change that moves runs or deletes
 * them (the rebinding, retention, an import, a run stored unclaimed that a pipeline took as it was updated) computes
 * the rows of the jobs it touched again from their runs: each row is deleted before the runs are read, in a statement
 * of its own, so a run another replica commits meanwhile is either read or advances the row afterwards. A row computed
 * again takes the times the runs hold now: a run reported by its tasks alone gives up their end when its own start
 * comes, so such a job's last sighting may move back when it is computed again.
 */
@ApplicationScoped
class RunJobRows {

    /** A job's row: its key, the pipeline its runs are bound to ('' for none), who it is, when last seen. */
    record Entry(String key, String bound, JobId job, Instant lastSeen) {}

    /**
     * A job's other name (a GitHub workflow's, which may be renamed while its key stays) as its rows keep it: the least
     * of those its runs gave, as {@code MIN(job_alt)} computes it from the runs, so that a row advanced run by run and
     * one computed again agree.
     */
    private static final String LEAST_ALT =
            "LEAST(COALESCE(run_jobs.job_alt, EXCLUDED.job_alt), COALESCE(EXCLUDED.job_alt, run_jobs.job_alt))";

    private static final String AGGREGATE = "SELECT job_key, COALESCE(pipeline_ref, ''), MIN(format),"
            + " MIN(job_namespace), MIN(job_name), MIN(job_alt),"
            + " MAX(GREATEST(sort_time, COALESCE(ended_at, sort_time), COALESCE(terminal_at, sort_time)))"
            + " FROM runs WHERE format <> 'schedule'";

    @Inject
    SharedDatabase database;

    /**
     * Computes again the rows of every job whose rows differ from what its runs give ({@link RunStore#jobs()}): a job
     * or a pipeline its runs are bound to that the table lacks, or one it holds that the runs do not. The table follows
     * every change this application makes to the runs; this catches what it cannot see, such as runs stored by a
     * replica of an earlier version during a rolling update.
     *
     * @return how many jobs' rows were computed again
     */
    int reconcile(Connection c, List<JobRuns> fromRuns) throws SQLException {
        Set<List<String>> runs = pairs(fromRuns);
        Set<List<String>> kept = pairs(RunJobs.all(c));
        Set<String> differ = new TreeSet<>();
        Stream.concat(
                        runs.stream().filter(j -> !kept.contains(j)),
                        kept.stream().filter(j -> !runs.contains(j)))
                .forEach(pair -> differ.add(pair.get(0)));
        refresh(c, differ);
        return differ.size();
    }

    /** Each job and where its runs are bound: who reported a job is compared no further (its words follow its key). */
    private static Set<List<String>> pairs(List<JobRuns> jobs) {
        Set<List<String>> out = new java.util.HashSet<>();
        jobs.forEach(j -> out.add(List.of(j.key(), j.pipelineRef() == null ? RunJobs.UNBOUND : j.pipelineRef())));
        return out;
    }

    /**
     * Advances the rows of the jobs of runs just written (inserted or updated), and computes again those of a job with
     * an unclaimed row one of whose runs a pipeline now claims as it was updated (a run stored before its job was
     * claimed, updated before the rebinding moved it).
     */
    void stored(Connection c, Collection<Run> runs) throws SQLException {
        Map<List<String>, Entry> latest = new TreeMap<>(RunJobRows::byKey);
        Set<String> claimedUpdates = new TreeSet<>();
        for (Run r : runs) {
            if (r.format().equals("schedule")) {
                continue;
            }
            Entry e = entry(r);
            latest.merge(List.of(e.key(), e.bound()), e, RunJobRows::merged);
            if (r.id() != 0 && r.pipelineRef() != null) {
                claimedUpdates.add(e.key());
            }
        }
        upsert(c, latest.values());
        if (!claimedUpdates.isEmpty()) {
            // Nearly every update is of a run bound all along: only jobs that also have an unclaimed row are computed.
            Set<String> unclaimed = new TreeSet<>();
            Jdbc.queryIn(
                    c,
                    "SELECT job_key FROM run_jobs WHERE bound_to = ? AND job_key IN (IN)",
                    List.of(RunJobs.UNBOUND),
                    claimedUpdates,
                    rs -> unclaimed.add(rs.getString(1)));
            refresh(c, unclaimed);
        }
    }

    /** Computes the rows of these jobs (by stored key) again from their runs: after runs moved or were deleted. */
    void refresh(Connection c, Collection<String> jobKeys) throws SQLException {
        if (jobKeys.isEmpty()) {
            return;
        }
        Set<String> keys = new TreeSet<>(jobKeys);
        Jdbc.updateIn(c, "DELETE FROM run_jobs WHERE job_key IN (IN)", List.of(), keys);
        List<Entry> entries = new ArrayList<>();
        Jdbc.queryIn(
                c,
                AGGREGATE + " AND job_key IN (IN) GROUP BY job_key, COALESCE(pipeline_ref, '')",
                List.of(),
                keys,
                rs -> entries.add(aggregate(rs)));
        upsert(c, entries);
    }

    /** Computes every row again from the runs: after an import replaced them. */
    void rebuild(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM run_jobs")) {
            ps.executeUpdate();
        }
        List<Entry> entries = new ArrayList<>();
        Jdbc.query(
                c,
                AGGREGATE + " GROUP BY job_key, COALESCE(pipeline_ref, '')",
                List.of(),
                rs -> entries.add(aggregate(rs)));
        upsert(c, entries);
    }

    /**
     * Inserts the rows, or advances those stored (the later sighting, the least other name: {@link #LEAST_ALT}). In
     * the order of their keys, so that two writers lock the rows they share in one order. On PostgreSQL a row another
     * replica inserted meanwhile is advanced, not inserted twice. On H2 (one process) the run writer and a rebinding or
     * retention that computes a job's rows at that very moment may both insert one: the database then refuses one of
     * them, and the run writer stores its group again, or the rebinding tries again.
     */
    private void upsert(Connection c, Collection<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        List<Entry> sorted = entries.stream()
                .sorted((a, b) -> byKey(List.of(a.key(), a.bound()), List.of(b.key(), b.bound())))
                .toList();
        if (database.shared()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_jobs (job_key, bound_to, format,"
                    + " job_namespace, job_name, job_alt, last_seen) VALUES (?,?,?,?,?,?,?)"
                    + " ON CONFLICT (job_key, bound_to) DO UPDATE SET"
                    + " last_seen = GREATEST(run_jobs.last_seen, EXCLUDED.last_seen), job_alt = " + LEAST_ALT
                    + " WHERE run_jobs.last_seen < EXCLUDED.last_seen OR EXCLUDED.job_alt < run_jobs.job_alt"
                    + " OR run_jobs.job_alt IS NULL AND EXCLUDED.job_alt IS NOT NULL")) {
                for (Entry e : sorted) {
                    bind(ps, e);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return;
        }
        List<Entry> missing = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE run_jobs SET last_seen = GREATEST(last_seen, ?),"
                + " job_alt = LEAST(COALESCE(job_alt, CAST(? AS VARCHAR(500))), COALESCE(CAST(? AS VARCHAR(500)), job_alt))"
                + " WHERE job_key = ? AND bound_to = ?")) {
            for (Entry e : sorted) {
                ps.setObject(1, RunStore.ts(e.lastSeen()));
                ps.setString(2, e.job().alt());
                ps.setString(3, e.job().alt());
                ps.setString(4, e.key());
                ps.setString(5, e.bound());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    missing.add(sorted.get(i));
                }
            }
        }
        if (!missing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_jobs (job_key, bound_to, format,"
                    + " job_namespace, job_name, job_alt, last_seen) VALUES (?,?,?,?,?,?,?)")) {
                for (Entry e : missing) {
                    bind(ps, e);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement ps, Entry e) throws SQLException {
        ps.setString(1, e.key());
        ps.setString(2, e.bound());
        ps.setString(3, e.job().format());
        ps.setString(4, e.job().namespace());
        ps.setString(5, e.job().name());
        ps.setString(6, e.job().alt());
        ps.setObject(7, RunStore.ts(e.lastSeen()));
    }

    /** A run's row, its job's words cut as the runs table cuts them. */
    private static Entry entry(Run r) {
        JobId job = r.job();
        Instant seen = Stream.of(r.sortTime(), r.endedAt(), r.terminalAt())
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElseThrow();
        return new Entry(
                RunStore.clip(job.key(), 1000),
                r.pipelineRef() == null ? RunJobs.UNBOUND : r.pipelineRef(),
                new JobId(
                        job.format(),
                        RunStore.clip(job.namespace(), 500),
                        RunStore.clip(job.name(), 500),
                        RunStore.clip(job.alt(), 500)),
                seen);
    }

    private static Entry aggregate(java.sql.ResultSet rs) throws SQLException {
        return new Entry(
                rs.getString(1),
                rs.getString(2),
                new JobId(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)),
                rs.getObject(7, OffsetDateTime.class).toInstant());
    }

    /** Two runs' rows of one job and binding: the later sighting, the least other name (see {@link #LEAST_ALT}). */
    private static Entry merged(Entry a, Entry b) {
        Entry later = a.lastSeen().isAfter(b.lastSeen()) ? a : b;
        String alt = Stream.of(a.job().alt(), b.job().alt())
                .filter(Objects::nonNull)
                .min(String::compareTo)
                .orElse(null);
        JobId job = later.job();
        return new Entry(
                later.key(),
                later.bound(),
                new JobId(job.format(), job.namespace(), job.name(), alt),
                later.lastSeen());
    }

    private static int byKey(List<String> a, List<String> b) {
        int byJob = a.get(0).compareTo(b.get(0));
        return byJob != 0 ? byJob : a.get(1).compareTo(b.get(1));
    }
}
