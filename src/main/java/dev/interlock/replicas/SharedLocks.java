package dev.interlock.replicas;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Locks by name that hold across replicas: work on one thing (a location being read and applied) waits while any
 * replica works on it. On PostgreSQL an advisory lock held by the transaction of a connection of its own, waited for;
 * on the embedded H2 database (one process) an in-process lock per name.
 */
@ApplicationScoped
public class SharedLocks {

    @Inject
    DataSource dataSource;

    @Inject
    SharedDatabase database;

    private final Map<String, ReentrantLock> local = new ConcurrentHashMap<>();

    /** Does the work holding the lock of this name, once no other thread or replica holds it. */
    public <T> T withLock(String name, Supplier<T> work) {
        ReentrantLock lock = local.computeIfAbsent(name, k -> new ReentrantLock());
        lock.lock();
        try {
            return database.shared() ? acrossReplicas(name, work) : work.get();
        } finally {
            lock.unlock();
        }
    }

    private <T> T acrossReplicas(String name, Supplier<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, LockKeys.named(name));
                ps.execute();
                return work.get();
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The lock of " + name + " in the database failed", e);
        }
    }
}
