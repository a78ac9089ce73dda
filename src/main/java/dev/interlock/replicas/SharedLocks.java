package dev.interlock.replicas;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.interlock.sql.Jdbc;

/**
 * Locks by name that hold across replicas: work on one thing (a location being read and applied) waits while any
 * replica works on it. On PostgreSQL an advisory lock, waited for, held by a transaction: one of its own around work
 * that spans transactions ({@link #withLock}), or the work's own ({@link #inTransaction}). On the embedded H2 database
 * (one process) an in-process lock per name.
 */
@ApplicationScoped
public class SharedLocks {

    @Inject
    DataSource dataSource;

    @Inject
    SharedDatabase database;

    private final Map<String, ReentrantLock> local = new ConcurrentHashMap<>();

    /**
     * Does the work holding the lock of this name, once no other thread or replica holds it. On PostgreSQL the lock
     * takes a pool connection of its own for as long as the work lasts, besides any the work takes: for work that
     * spans transactions (a location read from its server, then applied).
     */
    public <T> T withLock(String name, Supplier<T> work) {
        ReentrantLock lock = local.computeIfAbsent(name, k -> new ReentrantLock());
        lock.lock();
        try {
            return database.shared() ? acrossReplicas(name, work) : work.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Does the work in a new transaction that holds the lock of this name until it ends, once no other thread or
     * replica holds it. The work's transaction takes the lock, so it takes one pool connection where {@link #withLock}
     * takes two: a few requests waiting at once cannot take the whole pool.
     */
    public <T> T inTransaction(String name, Supplier<T> work) {
        ReentrantLock lock = local.computeIfAbsent(name, k -> new ReentrantLock());
        lock.lock();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (database.shared()) {
                    Jdbc.run(dataSource, "taking the lock of " + name, c -> {
                        SharedDatabase.transactionLocks(c, List.of(LockKeys.named(name)));
                        return null;
                    });
                }
                return work.get();
            });
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
