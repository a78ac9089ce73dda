package dev.interlock.replicas;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.interlock.sql.Jdbc;

/**
 * Locks by name that hold across replicas: work on one thing (a location being read and applied) waits while any
 * replica works on it. On PostgreSQL an advisory lock, waited for, held by a transaction: one of its own around work
 * that spans transactions ({@link #withLock}), or the work's own ({@link #inTransaction}). On the embedded H2 database
 * (one process) an in-process lock per name, kept while held or waited for ({@link NamedLocks}).
 *
 * <p>A transaction of its own is a pool connection held for as long as the work lasts, and the work may read a
 * location's server for minutes: {@code interlock.replicas.lock-connections} of them at most at once, and further such
 * work waits in the process for one, holding nothing (sixteen refreshes asked for at once took the whole pool: they
 * waited for connections to read their own locations, and answered 500 when the pool's wait ran out).
 */
@ApplicationScoped
public class SharedLocks {

    @Inject
    DataSource dataSource;

    @Inject
    SharedDatabase database;

    /** The usual time limit of a transaction, which {@link #inTransaction} lengthens by its wait. */
    @ConfigProperty(name = "quarkus.transaction-manager.default-transaction-timeout", defaultValue = "60s")
    Duration transactionTimeout;

    /** Most pool connections that hold a lock at once ({@link #withLock}, PostgreSQL only). */
    @ConfigProperty(name = "interlock.replicas.lock-connections", defaultValue = "6")
    int lockConnections;

    private final NamedLocks local = new NamedLocks();
    /** Whether this thread holds a lock connection already: work under one lock that takes another takes no slot. */
    private final ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> false);

    private Semaphore slots;

    @PostConstruct
    void init() {
        slots = new Semaphore(Math.max(1, lockConnections), true);
    }

    /**
     * Does the work holding the lock of this name, once no other thread or replica holds it. On PostgreSQL the lock
     * takes a pool connection of its own for as long as the work lasts, besides any the work takes: for work that
     * spans transactions (a location read from its server, then applied).
     */
    public <T> T withLock(String name, Supplier<T> work) {
        return local.with(name, () -> database.shared() ? acrossReplicas(name, work) : work.get());
    }

    /**
     * Does the work in a new transaction that holds the lock of this name until it ends, once no other thread or
     * replica holds it. The work's transaction takes the lock, so it takes one pool connection where {@link #withLock}
     * takes two: a few requests waiting at once cannot take the whole pool.
     *
     * @param wait how long another replica may hold the lock (a refresh reading a slow server): the transaction waits
     *     for it, so its time limit is this much longer than the usual one
     */
    public <T> T inTransaction(String name, Duration wait, Supplier<T> work) {
        return inTransaction(List.of(name), wait, work);
    }

    /**
     * Does the work in a new transaction that holds the locks of all these names until it ends, as
     * {@link #inTransaction(String, Duration, Supplier)} does for one (an import, which replaces many locations at
     * once). They are taken in one order everywhere, so that two such transactions cannot wait for each other.
     */
    public <T> T inTransaction(Collection<String> names, Duration wait, Supplier<T> work) {
        return local.withAll(
                names,
                () -> QuarkusTransaction.requiringNew()
                        .timeout((int) transactionTimeout.plus(wait).toSeconds())
                        .call(() -> {
                            if (database.shared() && !names.isEmpty()) {
                                Jdbc.run(dataSource, "taking the locks of " + names.size() + " names", c -> {
                                    SharedDatabase.transactionLocks(
                                            c,
                                            names.stream().map(LockKeys::named).toList());
                                    return null;
                                });
                            }
                            return work.get();
                        }));
    }

    /** How many names this process holds or waits for a lock of now (locks are kept only meanwhile). */
    int localLocks() {
        return local.size();
    }

    private <T> T acrossReplicas(String name, Supplier<T> work) {
        if (holding.get()) {
            return locked(name, work);
        }
        slots.acquireUninterruptibly();
        holding.set(true);
        try {
            return locked(name, work);
        } finally {
            holding.set(false);
            slots.release();
        }
    }

    private <T> T locked(String name, Supplier<T> work) {
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
