package dev.interlock.runs;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.runs.ingest.RunEvent;
import dev.interlock.sql.Jdbc;

/**
 * The raw events table: every accepted event as it arrived, kept to deduplicate redeliveries and to show what a run
 * was folded from. Called inside the caller's transaction (the pool's connections join it), so an event and its run
 * ({@link RunStore}) commit together or not at all.
 */
@ApplicationScoped
public class RunEventStore {

    /**
     * An event to store, with the run it was folded into ({@code null} when none) and, for a task run whose pipeline
     * run is not known yet, that run as it waits for it ({@code null} otherwise): the run's id qualified by the task
     * run's source, whatever key the run is stored under once it comes; kept in {@code run_event_waits}.
     */
    public record StoredEvent(RunEvent event, String runKey, String waitsFor) {

        /** An event folded into a run, or into none, that waits for nothing. */
        public StoredEvent(RunEvent event, String runKey) {
            this(event, runKey, null);
        }
    }

    /**
     * An event kept raw until its run is known: its dedup key, the key of the run it waits for, when it happened, and
     * how long its body is (bodies are read in batches of bounded size: {@link #bodies}).
     */
    public record Waiting(String dedupKey, String waitsFor, Instant eventTime, long length) {}

    @Inject
    DataSource dataSource;

    /** Which of these dedup keys of a format were accepted before. */
    public Set<String> seenAmong(String format, Collection<String> keys) {
        Set<String> out = new HashSet<>();
        Jdbc.run(dataSource, "event lookup", c -> {
            Jdbc.queryIn(
                    c,
                    "SELECT dedup_key FROM run_events WHERE format = ? AND dedup_key IN (IN)",
                    List.of(format),
                    keys,
                    rs -> out.add(rs.getString(1)));
            return null;
        });
        return out;
    }

    /** Stores events as they arrived, in one JDBC batch, and the waits of task runs kept raw in another. */
    public void insertEvents(List<StoredEvent> events, Instant receivedAt) {
        if (events.isEmpty()) {
            return;
        }
        Jdbc.run(dataSource, "event insert", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_events (format, dedup_key, event_type,"
                    + " event_time, received_at, job_key, run_key, body) VALUES (?,?,?,?,?,?,?,?)")) {
                for (StoredEvent stored : events) {
                    RunEvent e = stored.event();
                    Jdbc.bind(
                            ps,
                            java.util.Arrays.asList(
                                    e.format(),
                                    e.dedupKey(),
                                    RunStore.clip(e.eventType(), 200),
                                    RunStore.ts(e.eventTime()),
                                    RunStore.ts(receivedAt),
                                    RunStore.clip(e.job().key(), 1000),
                                    stored.runKey(),
                                    e.body()),
                            1);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<StoredEvent> waiting =
                    events.stream().filter(s -> s.waitsFor() != null).toList();
            if (!waiting.isEmpty()) {
                // A wait may be there without its event (an archive imported without the event's row): replaced.
                try (PreparedStatement stale =
                                c.prepareStatement("DELETE FROM run_event_waits WHERE dedup_key = ? AND format = ?");
                        PreparedStatement ps = c.prepareStatement("INSERT INTO run_event_waits (format, dedup_key,"
                                + " waits_for, event_time) VALUES (?,?,?,?)")) {
                    for (StoredEvent stored : waiting) {
                        RunEvent e = stored.event();
                        Jdbc.bind(stale, List.of(e.dedupKey(), e.format()), 1);
                        stale.addBatch();
                        Jdbc.bind(
                                ps,
                                List.of(e.format(), e.dedupKey(), stored.waitsFor(), RunStore.ts(e.eventTime())),
                                1);
                        ps.addBatch();
                    }
                    stale.executeBatch();
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    /** The events of a format that wait for one of these runs, without their bodies. */
    public List<Waiting> waitingFor(String format, Collection<String> runKeys) {
        List<Waiting> out = new java.util.ArrayList<>();
        if (runKeys.isEmpty()) {
            return out;
        }
        Jdbc.run(dataSource, "waiting events", c -> {
            Jdbc.queryIn(
                    c,
                    "SELECT w.dedup_key, w.waits_for, w.event_time, LENGTH(e.body) FROM run_event_waits w"
                            + " JOIN run_events e ON e.format = w.format AND e.dedup_key = w.dedup_key"
                            + " WHERE w.format = ? AND w.waits_for IN (IN)",
                    List.of(format),
                    runKeys,
                    rs -> out.add(new Waiting(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getObject(3, java.time.OffsetDateTime.class).toInstant(),
                            rs.getLong(4))));
            return null;
        });
        return out;
    }

    /** The bodies of these events of a format, by dedup key. */
    public Map<String, String> bodies(String format, Collection<String> dedupKeys) {
        Map<String, String> out = new java.util.HashMap<>();
        Jdbc.run(dataSource, "event bodies", c -> {
            Jdbc.queryIn(
                    c,
                    "SELECT dedup_key, body FROM run_events WHERE format = ? AND dedup_key IN (IN)",
                    List.of(format),
                    dedupKeys,
                    rs -> out.put(rs.getString(1), rs.getString(2)));
            return null;
        });
        return out;
    }

    /** Events of a format that waited and are now folded into their run: they wait no more. */
    public void folded(String format, Collection<String> dedupKeys) {
        if (dedupKeys.isEmpty()) {
            return;
        }
        Jdbc.run(
                dataSource,
                "waiting events folded",
                c -> Jdbc.updateIn(
                        c,
                        "DELETE FROM run_event_waits WHERE format = ? AND dedup_key IN (IN)",
                        List.of(format),
                        dedupKeys));
    }

    /** Deletes raw events that happened before a time, and their waits; how many events. */
    public int deleteBefore(Instant before) {
        return Jdbc.run(dataSource, "retention", c -> {
            try (PreparedStatement waits = c.prepareStatement("DELETE FROM run_event_waits WHERE event_time < ?");
                    PreparedStatement ps = c.prepareStatement("DELETE FROM run_events WHERE event_time < ?")) {
                waits.setObject(1, RunStore.ts(before));
                waits.executeUpdate();
                ps.setObject(1, RunStore.ts(before));
                return ps.executeUpdate();
            }
        });
    }

    /** How many raw events are stored. */
    public long eventCount() {
        long[] count = new long[1];
        Jdbc.run(dataSource, "count", c -> {
            Jdbc.query(c, "SELECT COUNT(*) FROM run_events", List.of(), rs -> count[0] = rs.getLong(1));
            return null;
        });
        return count[0];
    }
}
