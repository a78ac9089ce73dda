package dev.interlock.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.jboss.logging.Logger;

/**
 * Keeps the embedded H2 database's file close to the size of its data.
 *
 * <p>H2 never overwrites a page: each commit writes the pages it changed into a new chunk at the end of the file, and
 * the older copies leave holes in earlier chunks. H2's own background thread rewrites the live pages of half-empty
 * chunks and moves chunks into freed space, but it did not keep up with Interlock's writes: registering 100,000
 * components left a 4.4 to 4.7 GB file holding about 20 % live data, whether H2 wrote commits at once
 * ({@code WRITE_DELAY=0}, which stops that thread) or from the thread with {@link H2DurableCommits} writing each
 * transaction (its default, kept). This job does the same two steps on a timer, once nothing else writes:
 *
 * <ol>
 *   <li>rewrite the live pages of chunks that are mostly holes (H2 only touches chunks older than its
 *       {@code RETENTION_TIME}, which a crash may still need), and commit, so that those chunks become free;
 *   <li>move chunks from the end of the file into free space and shrink the file (H2 syncs the file before it
 *       overwrites anything).
 * </ol>
 *
 * <p>Only H2 in file mode has such a store; on PostgreSQL and in-memory H2 the job looks once and rests.
 */
@ApplicationScoped
public class H2Housekeeping {

    private static final Logger LOG = Logger.getLogger(H2Housekeeping.class);

    /**
     * Live pages are rewritten while less than this percentage of the chunks is live data. H2 then rewrites chunks
     * whatever their fill rate (the emptiest first). At 70 the file of 100,000 components rested at 1.1 GB; at 80 it
     * went to 858-892 MB about 2.5 minutes after the load in two runs, and was still 1.1 GB at 3 minutes in a third
     * (bench/README.md).
     */
    static final int REWRITE_BELOW_FILL_RATE = 80;
    /** Chunks are moved while less than this percentage of the file is in use (H2's own default). */
    static final int MOVE_BELOW_FILL_RATE = 90;
    /**
     * Most bytes of live pages rewritten per round: writers wait on H2's store lock meanwhile. Taken from the emptiest
     * chunks first, so that one round frees many times as much (after 100,000 registrations most chunks were 2 %
     * live).
     */
    static final int REWRITE_BYTES = 32 * 1024 * 1024;
    /** Most bytes of chunks moved towards the start of the file per run. */
    static final long MOVE_BYTES = 32L * 1024 * 1024;

    @Inject
    DataSource dataSource;

    @Inject
    H2DurableCommits commits;

    /** The application's writes counted at the last run (runs never overlap). */
    private long writesAtLastRun = -1;
    /** When chunks were last rewritten, in {@link System#nanoTime()}. */
    private long lastRewrite = System.nanoTime();
    /**
     * Whether the store was found compact, or there is no H2 file store (PostgreSQL, in-memory H2): then nothing is
     * done until the application writes again (and {@link H2DurableCommits} counts writes to an H2 file only).
     */
    boolean settled;

    @Scheduled(every = "${interlock.h2.housekeeping-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        long now = System.nanoTime();
        // Only while the application writes nothing: a bulk registration is not slowed down (rewriting while it ran
        // cost it 15 %), and what it left behind is compacted within a minute or two of its end. H2's own background
        // writes do not count, or its housekeeping would keep this one waiting.
        long writes = commits.writes();
        if (writes != writesAtLastRun) {
            writesAtLastRun = writes;
            settled = false;
            return;
        }
        if (settled) {
            return; // an idle server stays idle: no connection, no work every second
        }
        try (Connection connection = dataSource.getConnection()) {
            H2Stores.of(connection).ifPresentOrElse(store -> tidy(store, now), () -> settled = true);
        } catch (SQLException | RuntimeException e) {
            // The next run tries again; nothing is lost by a skipped run, the file is only larger for a while.
            LOG.warnf("H2 housekeeping skipped: %s", e.toString());
        }
    }

    /**
     * One round. Chunks are rewritten at most once per retention time, because the chunks a rewrite empties still
     * count as (dead) chunks until they are older than that: rewriting again meanwhile rewrote ever fuller chunks,
     * and the file swung between 0.8 and 1.2 GB without settling. Chunks are moved every round. Once the store is
     * compact (neither step has anything left to do) the job rests until the application writes again.
     */
    private void tidy(MVStore store, long now) {
        long retention = TimeUnit.MILLISECONDS.toNanos(store.getRetentionTime() + 1_000L);
        if (rewrite(store, now - lastRewrite > retention)) {
            lastRewrite = now;
        }
        FileStore<?> file = store.getFileStore();
        settled = file.getChunksFillRate() >= REWRITE_BELOW_FILL_RATE
                && (!(file instanceof RandomAccessStore randomAccess)
                        || randomAccess.getFillRate() >= MOVE_BELOW_FILL_RATE);
    }

    /**
     * Rewrites the live pages of half-empty chunks (when {@code rewrite}) and moves chunks into free space, shrinking
     * the file.
     *
     * @return whether chunks were rewritten
     */
    static boolean rewrite(MVStore store, boolean rewrite) {
        FileStore<?> file = store.getFileStore();
        boolean rewritten = false;
        if (rewrite
                && file.getChunksFillRate() < REWRITE_BELOW_FILL_RATE
                && store.compact(REWRITE_BELOW_FILL_RATE, REWRITE_BYTES)) {
            // The rewritten pages are written by this commit; the chunks they came from are then free once they are
            // older than the retention time, and a later store drops them.
            store.commit();
            rewritten = true;
        }
        if (file instanceof RandomAccessStore randomAccess && randomAccess.getFillRate() < MOVE_BELOW_FILL_RATE) {
            randomAccess.compactMoveChunks(MOVE_BELOW_FILL_RATE, MOVE_BYTES, store);
        }
        return rewritten;
    }
}
