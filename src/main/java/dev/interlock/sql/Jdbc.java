package dev.interlock.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

/**
 * The one place for plain JDBC: a connection of the pool per piece of work (it joins the caller's transaction when
 * there is one, since the pool's connections are enlisted in JTA), parameters bound by position, and IN lists split
 * into chunks of {@link #IN_CHUNK} so no statement holds more parameters than a database accepts.
 */
public final class Jdbc {

    /** How many values one IN list holds at most. */
    public static final int IN_CHUNK = 500;

    /** Work done with one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private Jdbc() {}

    /**
     * Runs work on a connection of the pool.
     *
     * @param what what the work is, for the message of a failure
     */
    public static <T> T run(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            IllegalStateException failure = new IllegalStateException(what + " failed", e);
            // A batch's failure (JDBC's BatchUpdateException) carries the statement's own exception, with the
            // database's cause, as its next exception rather than as its cause: kept here, the log shows it.
            int kept = 0;
            for (SQLException next = e.getNextException(); next != null && kept < 5; next = next.getNextException()) {
                failure.addSuppressed(next);
                kept++;
            }
            throw failure;
        }
    }

    /** {@code ?,?,?}: n parameter marks for an IN list. */
    public static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    /** The values in consecutive chunks of at most {@link #IN_CHUNK}. */
    public static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = values instanceof List<T> l ? l : new ArrayList<>(values);
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        }
        return out;
    }

    /** Runs a query with positional parameters and reads each row. */
    public static void query(Connection c, String sql, List<?> params, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    /**
     * Runs a query once per chunk of keys and reads each row: every {@code (IN)} in the SQL becomes the chunk's
     * parameter marks, and the parameters are {@code before}, then the chunk once per {@code (IN)}.
     *
     * @param sql e.g. {@code SELECT body FROM entities WHERE kind = ? AND entity_ref IN (IN)}
     */
    public static void queryIn(Connection c, String sql, List<?> before, Collection<?> keys, Row row)
            throws SQLException {
        int lists = countLists(sql);
        for (List<?> chunk : chunks(keys)) {
            List<Object> params = new ArrayList<>(before);
            for (int i = 0; i < lists; i++) {
                params.addAll(chunk);
            }
            query(c, sql.replace("(IN)", "(" + marks(chunk.size()) + ")"), params, row);
        }
    }

    /** Runs an update once per chunk of keys, like {@link #queryIn}; the number of rows changed. */
    public static int updateIn(Connection c, String sql, List<?> before, Collection<?> keys) throws SQLException {
        int lists = countLists(sql);
        int changed = 0;
        for (List<?> chunk : chunks(keys)) {
            try (PreparedStatement ps = c.prepareStatement(sql.replace("(IN)", "(" + marks(chunk.size()) + ")"))) {
                int i = bind(ps, before, 1);
                for (int l = 0; l < lists; l++) {
                    i = bind(ps, chunk, i);
                }
                changed += ps.executeUpdate();
            }
        }
        return changed;
    }

    /** Binds values from parameter index {@code from}; the next free index. */
    public static int bind(PreparedStatement ps, List<?> values, int from) throws SQLException {
        int i = from;
        for (Object v : values) {
            ps.setObject(i++, v);
        }
        return i;
    }

    private static int countLists(String sql) {
        int n = 0;
        for (int i = sql.indexOf("(IN)"); i >= 0; i = sql.indexOf("(IN)", i + 4)) {
            n++;
        }
        return n;
    }
}
