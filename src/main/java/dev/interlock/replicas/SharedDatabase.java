package dev.interlock.replicas;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether other replicas may share this database. PostgreSQL may serve several replicas: what one of them keeps in
 * memory (a catalog version, a lock) must then be kept in the database. The embedded H2 database belongs to one
 * process, which keeps such things in memory as it always did.
 */
@ApplicationScoped
public class SharedDatabase {

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    /** True on PostgreSQL, where replicas share the database. */
    public boolean shared() {
        return "postgresql".equalsIgnoreCase(dbKind)
                || "postgres".equalsIgnoreCase(dbKind)
                || "pgsql".equalsIgnoreCase(dbKind);
    }

    /**
     * Takes a PostgreSQL advisory lock for the rest of the connection's transaction, without waiting.
     *
     * @param c a connection in a transaction (auto-commit off)
     * @param key which lock ({@link LockKeys})
     * @return whether this transaction holds it now (another replica holds it otherwise)
     */
    public static boolean tryTransactionLock(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Takes PostgreSQL advisory locks for the rest of the connection's transaction, waiting for each while another
     * transaction holds it. They are taken in ascending order, so two transactions whose sets overlap never wait for
     * each other in a circle.
     *
     * @param c a connection in a transaction (auto-commit off)
     * @param keys which locks ({@link LockKeys})
     */
    public static void transactionLocks(Connection c, java.util.Collection<Long> keys) throws SQLException {
        Long[] sorted = keys.stream().distinct().sorted().toArray(Long[]::new);
        if (sorted.length == 0) {
            return;
        }
        // unnest yields the array's elements in order, and the aggregate takes each lock as its row arrives.
        try (PreparedStatement ps =
                c.prepareStatement("SELECT COUNT(pg_advisory_xact_lock(k)) FROM unnest(?) AS t(k)")) {
            ps.setArray(1, c.createArrayOf("bigint", sorted));
            ps.executeQuery().close();
        }
    }
}
