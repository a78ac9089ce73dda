package dev.interlock.runs;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.runs.ingest.JobId;
import dev.interlock.sql.Jdbc;

/**
 * The runs table, in plain JDBC: runs folded from events, looked up by key, by pipeline and by page. Called inside
 * the caller's transaction (the pool's connections join it), so a run and its raw events ({@link RunEventStore})
 * commit together or not at all.
 */
@ApplicationScoped
public class RunStore {

    static final String COLUMNS =
            "id, format, run_key, run_id, job_key, job_namespace, job_name, job_alt, pipeline_ref,"
                    + " state, terminal_at, queued_at, started_at, ended_at, nominal_time, sort_time, run_trigger, actor, attempt,"
                    + " manual, infra_error, url, error, datasets, events, reports_itself, branch, branch_kind,"
                    + " child_ends";

    /**
     * The columns of reads that only show or judge runs: without {@code child_ends}, which only the fold needs (a DAG
     * run's may hold thousands of lines). A run read so is never saved.
     */
    static final String READ_COLUMNS = COLUMNS.replace("child_ends", "NULL AS child_ends");

    @Inject
    DataSource dataSource;

    @Inject
    RunJobRows jobRows;

    /** The run of a format with this key. */
    public Optional<Run> find(String format, String runKey) {
        List<Run> found = query("SELECT " + COLUMNS + " FROM runs WHERE run_key = ? AND format = ?", runKey, format);
        return found.stream().findFirst();
    }

    /** The runs of a format with these keys, by key. */
    public Map<String, Run> findAll(String format, Collection<String> runKeys) {
        Map<String, Run> out = new HashMap<>();
        queryIn(
                        "SELECT " + COLUMNS + " FROM runs WHERE format = ? AND run_key IN (IN)",
                        List.of(format),
                        new LinkedHashSet<>(runKeys))
                .forEach(r -> out.put(r.runKey(), r));
        return out;
    }

    /**
     * A run read to be changed was deleted, or stored again under another id, before the change was written (an import
     * replaces the runs it restores, and retention deletes old ones): the change was not written, and the caller's
     * transaction must be done again from a new reading.
     */
    public static final class RunGone extends IllegalStateException {
        RunGone(Run run) {
            super("run " + run.runKey() + " (" + run.format() + ") was replaced while an event was folded into it");
        }
    }

    /**
     * Inserts the new runs ({@code id} 0) and updates the stored ones, in two JDBC batches.
     *
     * @throws RunGone when a stored run is no longer there (what was written before it is undone with the caller's
     *     transaction, which must roll back)
     */
    public void saveAll(Collection<Run> runs) {
        List<Run> inserts = runs.stream().filter(r -> r.id() == 0).toList();
        List<Run> updates = runs.stream().filter(r -> r.id() != 0).toList();
        Jdbc.run(dataSource, "run save", c -> {
            if (!inserts.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (format, run_key, run_id, job_key,"
                        + " job_namespace, job_name, job_alt, pipeline_ref, state, terminal_at, queued_at, started_at,"
                        + " ended_at, nominal_time, sort_time, run_trigger, actor, attempt, manual, infra_error, url, error,"
                        + " datasets, events, reports_itself, branch, branch_kind, child_ends)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    for (Run r : inserts) {
                        bind(ps, r);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (!updates.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET format = ?, run_key = ?, run_id = ?,"
                        + " job_key = ?, job_namespace = ?, job_name = ?, job_alt = ?, pipeline_ref = ?, state = ?,"
                        + " terminal_at = ?, queued_at = ?, started_at = ?, ended_at = ?, nominal_time = ?, sort_time = ?,"
                        + " run_trigger = ?, actor = ?, attempt = ?, manual = ?, infra_error = ?, url = ?, error = ?,"
                        + " datasets = ?, events = ?, reports_itself = ?, branch = ?, branch_kind = ?,"
                        + " child_ends = ? WHERE id = ?")) {
                    for (Run r : updates) {
                        ps.setLong(bind(ps, r), r.id());
                        ps.addBatch();
                    }
                    int[] counts = ps.executeBatch();
                    for (int i = 0; i < counts.length; i++) {
                        if (counts[i] == 0) {
                            throw new RunGone(updates.get(i));
                        }
                    }
                }
            }
            jobRows.stored(c, runs);
            return null;
        });
    }

    /** Sets a run's columns from the first parameter on; returns the next parameter's index. */
    private static int bind(PreparedStatement ps, Run r) throws SQLException {
        int i = 1;
        ps.setString(i++, r.format());
        ps.setString(i++, r.runKey());
        ps.setString(i++, clip(r.runKey(), 300));
        ps.setString(i++, clip(r.job().key(), 1000));
        ps.setString(i++, clip(r.job().namespace(), 500));
        ps.setString(i++, clip(r.job().name(), 500));
        ps.setString(i++, clip(r.job().alt(), 500));
        ps.setString(i++, r.pipelineRef());
        ps.setString(i++, r.state().word());
        ps.setObject(i++, ts(r.terminalAt()));
        ps.setObject(i++, ts(r.queuedAt()));
        ps.setObject(i++, ts(r.startedAt()));
        ps.setObject(i++, ts(r.endedAt()));
        ps.setObject(i++, ts(r.nominalTime()));
        ps.setObject(i++, ts(r.sortTime()));
        ps.setString(i++, r.trigger());
        ps.setString(i++, clip(r.actor(), 300));
        if (r.attempt() == null) {
            ps.setNull(i++, Types.INTEGER);
        } else {
            ps.setInt(i++, r.attempt());
        }
        ps.setBoolean(i++, r.manual());
        ps.setBoolean(i++, r.infraError());
        ps.setString(i++, clip(r.url(), 2000));
        ps.setString(i++, clip(r.error(), 4000));
        ps.setString(i++, r.datasets());
        ps.setInt(i++, r.events());
        ps.setBoolean(i++, r.reportsItself());
        ps.setString(i++, clip(r.branch(), 255));
        ps.setString(i++, r.branchKind() == null ? null : r.branchKind().word());
        ps.setString(i++, r.childEnds());
        return i;
    }

    /** A pipeline's runs since a time, oldest first. */
    public List<Run> since(String pipelineRef, Instant since) {
        return query(
                "SELECT " + READ_COLUMNS
                        + " FROM runs WHERE pipeline_ref = ? AND sort_time >= ? ORDER BY sort_time, id",
                pipelineRef,
                ts(since));
    }

    /**
     * Runs of many pipelines since a time, in no order, at most {@code limit} for each {@link Jdbc#IN_CHUNK} pipelines
     * (a caller that gets more than it can hold asks again in smaller parts).
     */
    public List<Run> since(Collection<String> pipelineRefs, Instant since, int limit) {
        return queryIn(
                "SELECT " + READ_COLUMNS + " FROM runs WHERE sort_time >= ? AND pipeline_ref IN (IN)"
                        + (limit == Integer.MAX_VALUE ? "" : " FETCH FIRST " + limit + " ROWS ONLY"),
                List.of(ts(since)),
                pipelineRefs);
    }

    /** How many runs each of these pipelines has had since a time; pipelines with none are left out. */
    public Map<String, Integer> countsSince(Collection<String> pipelineRefs, Instant since) {
        Map<String, Integer> out = new HashMap<>();
        Jdbc.run(dataSource, "runs count", c -> {
            Jdbc.queryIn(
                    c,
                    "SELECT pipeline_ref, COUNT(*) AS n FROM runs WHERE sort_time >= ? AND pipeline_ref IN (IN)"
                            + " GROUP BY pipeline_ref",
                    List.of(ts(since)),
                    pipelineRefs,
                    rs -> out.put(rs.getString("pipeline_ref"), rs.getInt("n")));
            return null;
        });
        return out;
    }

    /**
     * A page of a pipeline's runs, newest first, before a cursor ({@code sortTime/id}), of these states (every state
     * when none is given).
     */
    public List<Run> page(String pipelineRef, Set<RunState> states, Instant beforeTime, long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + READ_COLUMNS + " FROM runs WHERE pipeline_ref = ?");
        List<Object> args = new ArrayList<>(List.of(pipelineRef));
        if (!states.isEmpty()) {
            sql.append(" AND state IN (")
                    .append(String.join(", ", java.util.Collections.nCopies(states.size(), "?")))
                    .append(")");
            states.forEach(st -> args.add(st.word()));
        }
        if (beforeTime != null) {
            sql.append(" AND (sort_time < ? OR (sort_time = ? AND id < ?))");
            args.add(ts(beforeTime));
            args.add(ts(beforeTime));
            args.add(beforeId);
        }
        sql.append(" ORDER BY sort_time DESC, id DESC LIMIT ").append(limit);
        return query(sql.toString(), args.toArray());
    }

    /**
     * Every job that has runs, once per pipeline its runs are bound to (or none), from the runs themselves: reads every
     * run ({@link RunJobs#all()} reads a row per job).
     */
    public List<JobRuns> jobs() {
        return jobRuns(JOBS + " WHERE format <> 'schedule' GROUP BY job_key, pipeline_ref");
    }

    /**
     * A job's row: only what {@link JobRuns} holds. Grouped by the job's key alone (its format is the key's first word):
     * PostgreSQL then sorts narrower rows, or reads them in the order of the key's index, instead of sorting them on
     * disk (of 800,000 runs, 200,000 of 5,000 unclaimed jobs: every job in 893 against 1,478 ms, when the row also
     * held the runs' count and latest times).
     */
    private static final String JOBS =
            "SELECT job_key, MIN(format), MIN(job_namespace), MIN(job_name), MIN(job_alt), pipeline_ref FROM runs";

    private List<JobRuns> jobRuns(String sql) {
        List<JobRuns> out = new ArrayList<>();
        Jdbc.run(dataSource, "runs query", c -> {
            // By position: a row per job, thousands of jobs.
            Jdbc.query(
                    c,
                    sql,
                    List.of(),
                    rs -> out.add(new JobRuns(
                            rs.getString(1),
                            new JobId(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                            rs.getString(6))));
            return null;
        });
        return out;
    }

    /** Whether any run is stored. */
    public boolean any() {
        return Jdbc.run(dataSource, "runs query", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM runs FETCH FIRST 1 ROWS ONLY");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /**
     * Moves jobs' runs to pipelines (to unbound with a {@code null} value), by job key; how many runs moved. The rows of
     * the table of jobs are computed again at the end, all at once in the order of their keys: a run writer waiting for
     * one of them then holds none the move still needs.
     */
    public int rebind(Map<String, String> pipelineByJob) {
        if (pipelineByJob.isEmpty()) {
            return 0;
        }
        return Jdbc.run(dataSource, "rebind", c -> {
            int moved = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE runs SET pipeline_ref = ? WHERE job_key = ?" + " AND format <> 'schedule'")) {
                for (Map.Entry<String, String> e : new java.util.TreeMap<>(pipelineByJob).entrySet()) {
                    ps.setString(1, e.getValue());
                    ps.setString(2, e.getKey());
                    moved += ps.executeUpdate();
                }
            }
            jobRows.refresh(c, pipelineByJob.keySet());
            return moved;
        });
    }

    /**
     * Deletes runs that happened before a time; how many. Then checks the table of jobs against the runs (a job whose
     * every run went is no longer listed, one that kept some is, and anything the table missed is mended): the
     * retention's hourly pass reads every job's runs once.
     */
    public int deleteBefore(Instant before) {
        int deleted = Jdbc.run(dataSource, "retention", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM runs WHERE sort_time < ?")) {
                ps.setObject(1, ts(before));
                return ps.executeUpdate();
            }
        });
        reconcileJobs(jobs());
        return deleted;
    }

    /**
     * Computes again the rows of the table of jobs that differ from what the runs give (as {@link #jobs()} read them);
     * how many jobs.
     */
    public int reconcileJobs(List<JobRuns> fromRuns) {
        return Jdbc.run(dataSource, "run jobs check", c -> jobRows.reconcile(c, fromRuns));
    }

    /** Computes the table of jobs again from the runs, in the caller's transaction: after an import replaced them. */
    public void rebuildJobs() {
        Jdbc.run(dataSource, "run jobs rebuild", c -> {
            jobRows.rebuild(c);
            return null;
        });
    }

    List<Run> query(String sql, Object... args) {
        List<Run> out = new ArrayList<>();
        Jdbc.run(dataSource, "runs query", c -> {
            Jdbc.query(c, sql, java.util.Arrays.asList(args), rs -> out.add(row(rs)));
            return null;
        });
        return out;
    }

    private List<Run> queryIn(String sql, List<?> before, Collection<String> keys) {
        List<Run> out = new ArrayList<>();
        Jdbc.run(dataSource, "runs query", c -> {
            Jdbc.queryIn(c, sql, before, keys, rs -> out.add(row(rs)));
            return null;
        });
        return out;
    }

    private static Run row(ResultSet rs) throws SQLException {
        String format = rs.getString("format");
        JobId job = new JobId(format, rs.getString("job_namespace"), rs.getString("job_name"), rs.getString("job_alt"));
        int attempt = rs.getInt("attempt");
        Integer att = rs.wasNull() ? null : attempt;
        return new Run(
                rs.getLong("id"),
                format,
                rs.getString("run_key"),
                job,
                rs.getString("pipeline_ref"),
                RunState.of(rs.getString("state")),
                instant(rs, "terminal_at"),
                instant(rs, "queued_at"),
                instant(rs, "started_at"),
                instant(rs, "ended_at"),
                instant(rs, "nominal_time"),
                rs.getString("run_trigger"),
                rs.getString("actor"),
                att,
                rs.getBoolean("manual"),
                rs.getBoolean("infra_error"),
                rs.getString("url"),
                rs.getString("error"),
                rs.getString("datasets"),
                rs.getInt("events"),
                // Stored before V16 (or imported from an export made before it): its state stays what it was.
                rs.getObject("reports_itself") == null || rs.getBoolean("reports_itself"),
                rs.getString("branch"),
                BranchKind.of(rs.getString("branch_kind")),
                rs.getString("child_ends"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** A time as the timestamp columns hold it. */
    static OffsetDateTime ts(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    /** Text cut to a column's width. */
    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
