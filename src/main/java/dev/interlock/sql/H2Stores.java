package dev.interlock.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * The storage engine (MVStore) behind a connection to the embedded H2 database in file mode, for the two jobs SQL
 * cannot do: writing commits before they are acknowledged ({@link H2DurableCommits}) and keeping the file compact
 * ({@link H2Housekeeping}). H2's {@code MVStore} is a public, documented API; reaching it from a JDBC connection goes
 * through H2's engine classes, so this is the one place that does.
 */
final class H2Stores {

    private H2Stores() {}

    /** The MVStore of an embedded H2 file database; empty for other databases, in-memory H2 and H2 servers. */
    static Optional<MVStore> of(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return Optional.empty();
        }
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return Optional.empty(); // a client of an H2 server: the server writes and compacts its own file
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        return store.getFileStore() == null || store.isClosed() ? Optional.empty() : Optional.of(store);
    }

    /**
     * Whether the connection is to an embedded H2 database whose store has closed itself: H2 does that after a write
     * failed (out of memory, a full disk), and every statement then fails until the process restarts.
     */
    static boolean closedEmbedded(Connection connection) throws SQLException {
        return connection.isWrapperFor(JdbcConnection.class)
                && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
                && (session.getDatabase().isClosing()
                        || session.getDatabase().getStore() == null
                        || session.getDatabase().getStore().getMvStore().isClosed());
    }
}
