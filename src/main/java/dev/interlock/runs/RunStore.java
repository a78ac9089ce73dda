package dev.interlock.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.sql.Jdbc;
import dev.interlock.runs.ingest.JobId;
import dev.interlock.runs.ingest.RunEvent;

/**
 * The raw events and runs tables, in plain JDBC. Called inside the caller's transaction (the pool's connections
 * join it), so an event and its run commit together or not at all.
 */
@ApplicationScoped
public class RunStore {

    static final String COLUMNS = "id, format, run_key, run_id, job_key, job_namespace, job_name, job_alt, pipeline_ref,"
            + " state, terminal_at, queued_at, started_at, ended_at, nominal_time, sort_time, run_trigger, actor, attempt,"
            + " manual, infra_error, url, error, datasets, events";

    @Inject
    DataSource dataSource;

    /** Which of these dedup keys of a format were accepted before (one query per 500 keys). */
    public java.util.Set<String> seenAmong(String format, Collection<String> keys) {
        java.util.Set<String> out = new java.util.HashSet<>();
        List<String> all = new ArrayList<>(keys);
        Jdbc.run(dataSource, "event lookup", c -> {
            for (int i = 0; i < all.size(); i += 500) {
                List<String> chunk = all.subList(i, Math.min(all.size(), i + 500));
                try (PreparedStatement ps = c.prepareStatement("SELECT dedup_key FROM run_events WHERE dedup_key IN ("
                        + Jdbc.marks(chunk.size()) + ") AND format = ?")) {
                    for (int k = 0; k < chunk.size(); k++) {
                        ps.setString(k + 1, chunk.get(k));
                    }
                    ps.setString(chunk.size() + 1, format);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                }
            }
            return null;
        });
        return out;
    }

    /** An event to store, with the run it was folded into ({@code null} when none). */
    public record StoredEvent(RunEvent event, String runKey) {
    }

    /** Stores events as they arrived, in one JDBC batch. */
    public void insertEvents(List<StoredEvent> events, Instant receivedAt) {
        if (events.isEmpty()) {
            return;
        }
        Jdbc.run(dataSource, "event insert", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_events (format, dedup_key, event_type,"
                    + " event_time, received_at, job_key, run_key, body) VALUES (?,?,?,?,?,?,?,?)")) {
                for (StoredEvent stored : events) {
                    RunEvent e = stored.event();
                    ps.setString(1, e.format());
                    ps.setString(2, e.dedupKey());
                    ps.setString(3, clip(e.eventType(), 200));
                    ps.setObject(4, ts(e.eventTime()));
                    ps.setObject(5, ts(receivedAt));
                    ps.setString(6, clip(e.job().key(), 1000));
                    ps.setString(7, stored.runKey());
                    ps.setString(8, e.body());
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    /** The run of a format with this key. */
    public Optional<Run> find(String format, String runKey) {
        List<Run> found = query("SELECT " + COLUMNS + " FROM runs WHERE run_key = ? AND format = ?", runKey, format);
        return found.stream().findFirst();
    }

    /** The runs of a format with these keys, by key (one query per 500 keys). */
    public java.util.Map<String, Run> findAll(String format, Collection<String> runKeys) {
        java.util.Map<String, Run> out = new java.util.HashMap<>();
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(runKeys));
        for (int i = 0; i < all.size(); i += 500) {
            List<Object> args = new ArrayList<>(all.subList(i, Math.min(all.size(), i + 500)));
            String sql = "SELECT " + COLUMNS + " FROM runs WHERE run_key IN (" + Jdbc.marks(args.size())
                    + ") AND format = ?";
            args.add(format);
            for (Run r : query(sql, args.toArray())) {
                out.put(r.runKey(), r);
            }
        }
        return out;
    }

    /** Inserts the new runs ({@code id} 0) and updates the stored ones, in two JDBC batches. */
    public void saveAll(Collection<Run> runs) {
        List<Run> inserts = runs.stream().filter(r -> r.id() == 0).toList();
        List<Run> updates = runs.stream().filter(r -> r.id() != 0).toList();
        Jdbc.run(dataSource, "run save", c -> {
            if (!inserts.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (format, run_key, run_id, job_key,"
                        + " job_namespace, job_name, job_alt, pipeline_ref, state, terminal_at, queued_at, started_at,"
                        + " ended_at, nominal_time, sort_time, run_trigger, actor, attempt, manual, infra_error, url, error,"
                        + " datasets, events) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
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
                        + " datasets = ?, events = ? WHERE id = ?")) {
                    for (Run r : updates) {
                        ps.setLong(bind(ps, r), r.id());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
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
        return i;
    }

    /** A pipeline's runs since a time, oldest first. */
    public List<Run> since(String pipelineRef, Instant since) {
        return query("SELECT " + COLUMNS + " FROM runs WHERE pipeline_ref = ? AND sort_time >= ? ORDER BY sort_time, id",
                pipelineRef, ts(since));
    }

    /** Runs of many pipelines since a time, oldest first. */
    public List<Run> since(Collection<String> pipelineRefs, Instant since) {
        List<Run> out = new ArrayList<>();
        List<String> all = new ArrayList<>(pipelineRefs);
        for (int i = 0; i < all.size(); i += 500) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 500));
            List<Object> args = new ArrayList<>(chunk);
            args.add(ts(since));
            out.addAll(query("SELECT " + COLUMNS + " FROM runs WHERE pipeline_ref IN (" + Jdbc.marks(chunk.size())
                    + ") AND sort_time >= ? ORDER BY sort_time, id", args.toArray()));
        }
        return out;
    }

    /** A page of a pipeline's runs, newest first, before a cursor ({@code sortTime/id}), optionally of one state. */
    public List<Run> page(String pipelineRef, RunState state, Instant beforeTime, long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM runs WHERE pipeline_ref = ?");
        List<Object> args = new ArrayList<>(List.of(pipelineRef));
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state.word());
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

    /** Every job that has runs, with the pipeline its runs are bound to (null when unbound). */
    public List<Run> jobs() {
        return query("SELECT MIN(id) AS id, format, MIN(run_key) AS run_key, MIN(run_id) AS run_id, job_key,"
                + " MIN(job_namespace) AS job_namespace, MIN(job_name) AS job_name, MIN(job_alt) AS job_alt, pipeline_ref,"
                + " MIN(state) AS state, MIN(terminal_at) AS terminal_at, MIN(queued_at) AS queued_at,"
                + " MIN(started_at) AS started_at, MAX(ended_at) AS ended_at, MIN(nominal_time) AS nominal_time,"
                + " MAX(sort_time) AS sort_time, MIN(run_trigger) AS run_trigger, MIN(actor) AS actor,"
                + " MIN(attempt) AS attempt, FALSE AS manual, FALSE AS infra_error, MIN(url) AS url, MIN(error) AS error,"
                + " MIN(datasets) AS datasets, COUNT(*) AS events FROM runs WHERE format <> 'schedule'"
                + " GROUP BY format, job_key, pipeline_ref");
    }

    /** Moves a job's runs to a pipeline (or to unbound with {@code null}). */
    public int rebind(String jobKey, String pipelineRef) {
        return Jdbc.run(dataSource, "rebind", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET pipeline_ref = ? WHERE job_key = ?"
                    + " AND format <> 'schedule'")) {
                ps.setString(1, pipelineRef);
                ps.setString(2, jobKey);
                return ps.executeUpdate();
            }
        });
    }

    /** Deletes raw events and runs that happened before a time; returns {events, runs}. */
    public int[] deleteBefore(Instant before) {
        return Jdbc.run(dataSource, "retention", c -> {
            int events;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM run_events WHERE event_time < ?")) {
                ps.setObject(1, ts(before));
                events = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM runs WHERE sort_time < ?")) {
                ps.setObject(1, ts(before));
                return new int[] {events, ps.executeUpdate()};
            }
        });
    }

    /** How many raw events are stored. */
    public long eventCount() {
        return Jdbc.run(dataSource, "count", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM run_events")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    List<Run> query(String sql, Object... args) {
        return Jdbc.run(dataSource, "runs query", c -> read(c, sql, args));
    }

    private static List<Run> read(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Run> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        }
    }

    private static Run row(ResultSet rs) throws SQLException {
        String format = rs.getString("format");
        JobId job = new JobId(format, rs.getString("job_namespace"), rs.getString("job_name"), rs.getString("job_alt"));
        int attempt = rs.getInt("attempt");
        Integer att = rs.wasNull() ? null : attempt;
        return new Run(rs.getLong("id"), format, rs.getString("run_key"), job, rs.getString("pipeline_ref"),
                RunState.of(rs.getString("state")), instant(rs, "terminal_at"), instant(rs, "queued_at"),
                instant(rs, "started_at"), instant(rs, "ended_at"), instant(rs, "nominal_time"),
                rs.getString("run_trigger"), rs.getString("actor"), att, rs.getBoolean("manual"),
                rs.getBoolean("infra_error"), rs.getString("url"), rs.getString("error"), rs.getString("datasets"),
                rs.getInt("events"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime ts(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
