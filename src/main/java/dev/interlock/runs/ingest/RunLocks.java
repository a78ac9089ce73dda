package dev.interlock.runs.ingest;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.replicas.LockKeys;
import dev.interlock.replicas.SharedDatabase;
import dev.interlock.sql.Jdbc;

/**
 * Keeps two replicas from folding events of one run at the same time. Each replica stores run events through one
 * writer ({@link GroupCommit}), so within a process two events of a run never race; replicas sharing a PostgreSQL
 * database do. Without a lock, two writers read a run as it stood and the second's fold is written over the first's
 * (an event, a failed task's error or the run's end lost), and a task run stored while its pipeline run's first event
 * commits elsewhere is kept waiting for an event of that run that may never come. A group therefore first takes, for
 * its transaction, the advisory locks of the run ids its events name (their own, their parent's, their root's) before
 * it reads any run: a task run and its pipeline run name the same id, and every key a run is stored under is its id or
 * the id qualified. Run ids share {@link LockKeys#RUN_STRIPES} locks, so a backfill of thousands of runs in one body
 * takes at most that many. The embedded H2 database belongs to one process and takes none.
 */
@ApplicationScoped
class RunLocks {

    @Inject
    SharedDatabase database;

    @Inject
    DataSource dataSource;

    /** Takes the locks of the runs these bodies' events name, for the caller's transaction. */
    void lockRunsOf(List<List<RunEvent>> bodies) {
        if (!database.shared()) {
            return;
        }
        Set<Long> keys = new TreeSet<>();
        for (List<RunEvent> body : bodies) {
            for (RunEvent e : body) {
                if (e.aboutRun()) {
                    Stream.of(e.runId(), e.parentRunId(), e.rootRunId())
                            .filter(Objects::nonNull)
                            .forEach(id -> keys.add(key(e.format(), id)));
                }
            }
        }
        Jdbc.run(dataSource, "locking runs", c -> {
            SharedDatabase.transactionLocks(c, keys);
            return null;
        });
    }

    /** The lock of a run id of a format: one of {@link LockKeys#RUN_STRIPES}, however many runs a group names. */
    static long key(String format, String runId) {
        return LockKeys.run(format + "|" + runId);
    }
}
