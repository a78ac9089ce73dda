package dev.interlock.replicas;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
    /** In-process locks of groups (every location): shared by work on a member, taken alone by work on them all. */
    private final Map<String, ReadWriteLock> groups = new ConcurrentHashMap<>();
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
        return withLock(name, null, work);
    }

    /**
     * As {@link #withLock(String, Supplier)}, the lock of a member of a group (none when {@code null}): the work also
     * holds the group's lock in shared mode, so it does not run while work on the whole group
     * ({@link #inTransactionAlone}) does.
     */
    public <T> T withLock(String name, String group, Supplier<T> work) {
        return inGroup(
                group,
                () -> local.with(name, () -> database.shared() ? acrossReplicas(group, name, work) : work.get()));
    }

    /**
     * Does the work in a new transaction that holds the lock of this name, and the group's in shared mode (none when
     * {@code null}; as {@link #withLock(String, String, Supplier)}), until it ends, once no other thread or replica holds them. The
     * work's transaction takes the locks, so it takes one pool connection where {@link #withLock} takes two: a few
     * requests waiting at once cannot take the whole pool.
     *
     * @param wait how long another replica may hold the lock (a refresh reading a slow server): the transaction waits
     *     for it, so its time limit is this much longer than the usual one
     */
    public <T> T inTransaction(String name, String group, Duration wait, Supplier<T> work) {
        return inGroup(
                group,
                () -> local.with(
                        name,
                        () -> transaction(
                                wait,
                                "the lock of " + name,
                                c -> {
                                    shared(c, group);
                                    SharedDatabase.transactionLocks(c, List.of(LockKeys.named(name)));
                                },
                                work)));
    }

    /**
     * Does the work in a new transaction that holds the group's lock alone until it ends, once no work on any member
     * of the group runs on any replica; work on a member waits meanwhile (an import, which replaces locations).
     *
     * @param wait how long work on a member may go on (a refresh reading a slow server), as for {@link #inTransaction}
     */
    public <T> T inTransactionAlone(String group, Duration wait, Supplier<T> work) {
        ReadWriteLock lock = group(group);
        lock.writeLock().lock();
        try {
            return transaction(
                    wait,
                    "the lock of " + group,
                    c -> SharedDatabase.transactionLocks(c, List.of(LockKeys.named(group))),
                    work);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A connection's statements that take locks. */
    private interface Locking {
        void lock(Connection c) throws SQLException;
    }

    /** The work in a new transaction, its time limit lengthened by the wait, after the locks (on PostgreSQL). */
    private <T> T transaction(Duration wait, String what, Locking locking, Supplier<T> work) {
        return QuarkusTransaction.requiringNew()
                .timeout((int) transactionTimeout.plus(wait).toSeconds())
                .call(() -> {
                    if (database.shared()) {
                        Jdbc.run(dataSource, "taking " + what, c -> {
                            locking.lock(c);
                            return null;
                        });
                    }
                    return work.get();
                });
    }

    /** The work holding the group's in-process lock in shared mode (no lock for no group). */
    private <T> T inGroup(String group, Supplier<T> work) {
        if (group == null) {
            return work.get();
        }
        ReadWriteLock lock = group(group);
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The group's in-process lock: fair, so that work on the whole group is not kept waiting by a stream of members. */
    private ReadWriteLock group(String group) {
        return groups.computeIfAbsent(group, k -> new ReentrantReadWriteLock(true));
    }

    /** Takes the group's lock in shared mode on this connection, for its transaction (none for no group). */
    private static void shared(Connection c, String group) throws SQLException {
        if (group != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock_shared(?)")) {
                ps.setLong(1, LockKeys.named(group));
                ps.execute();
            }
        }
    }

    /** How many names this process holds or waits for a lock of now (locks are kept only meanwhile). */
    int localLocks() {
        return local.size();
    }

    private <T> T acrossReplicas(String group, String name, Supplier<T> work) {
        if (holding.get()) {
            return locked(group, name, work);
        }
        slots.acquireUninterruptibly();
        holding.set(true);
        try {
            return locked(group, name, work);
        } finally {
            holding.set(false);
            slots.release();
        }
    }

    private <T> T locked(String group, String name, Supplier<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            shared(c, group);
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
