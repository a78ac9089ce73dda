package dev.interlock.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;

import javax.sql.DataSource;

/** The plain-JDBC plumbing the read side shares: one connection per call, and {@code ?} lists for IN clauses. */
public final class Jdbc {

    /** Work done with one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Jdbc() {
    }

    /**
     * Runs work on a connection of the pool.
     *
     * @param what what the work is, for the message of a failure
     */
    public static <T> T run(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed", e);
        }
    }

    /** {@code ?,?,?}: n parameter marks for an IN list. */
    public static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
