package dev.interlock.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalPoolInterceptor;
import org.h2.mvstore.MVStore;

/**
 * Writes the embedded H2 database's committed changes to its file before the connection that made them goes back to
 * the pool, so before the request is answered: an acknowledged write survives a {@code kill -9}.
 *
 * <p>H2 writes commits from a background thread, within {@code WRITE_DELAY} milliseconds (its default 500 is kept).
 * That thread is worth keeping: while a large registration is still inserting, it writes the pages already changed on
 * another core (with {@code WRITE_DELAY=0} the request's own thread did all of it, and registration took a quarter
 * longer), and it rewrites half-empty parts of the file (without it the file grew to 4.4 GB at 100,000 components).
 * What it does not do is write a commit before it is acknowledged; this interceptor does that part. Agroal calls it
 * once per transaction, after the commit, or when a connection used without a transaction is closed.
 *
 * <p>On PostgreSQL (and in-memory H2) it does nothing: the database makes its own commits durable.
 */
@ApplicationScoped
public class H2DurableCommits implements AgroalPoolInterceptor {

    private final AtomicLong written = new AtomicLong();

    @Override
    public void onConnectionReturn(Connection connection) {
        try {
            // commit() stores what is not yet in the file (this transaction's changes and any other's) and returns
            // once it is written; nothing unsaved, nothing to wait for.
            H2Stores.of(connection).filter(MVStore::hasUnsavedChanges).ifPresent(store -> {
                store.commit();
                written.incrementAndGet();
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the H2 store to write a commit", e);
        }
    }

    /**
     * How many times a returned connection left changes to write, since start: it grows while the application writes
     * and stands still while it does not (H2's own background writes do not count).
     */
    public long writes() {
        return written.get();
    }
}
