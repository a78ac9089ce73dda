package dev.interlock.replicas;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Work under a shared lock runs, and on PostgreSQL waits while another replica holds the same lock. */
@QuarkusTest
class SharedLocksTest {

    @Inject
    SharedLocks locks;

    @Inject
    SharedDatabase database;

    @Inject
    DataSource dataSource;

    @Test
    void workRunsUnderTheLockAndGivesItsAnswer() {
        assertEquals("done", locks.withLock("test:" + System.nanoTime(), () -> "done"));
    }

    @Test
    void locksOfNamesNobodyUsesAreNotKept() {
        for (int i = 0; i < 500; i++) {
            locks.withLock("test:withLock:" + i, () -> null);
            locks.inTransaction("test:inTransaction:" + i, Duration.ZERO, () -> null);
        }
        // A location refresh of the test catalog may hold its lock now: it lets go once done.
        await().atMost(Duration.ofSeconds(30)).until(() -> locks.localLocks() == 0);
    }

    @Tag("postgresql")
    @Test
    void workWaitsWhileAnotherReplicaHoldsTheLock() throws SQLException {
        String name = "test:" + System.nanoTime();
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<Boolean> done;
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, LockKeys.named(name));
                ps.execute();
            }
            done = CompletableFuture.supplyAsync(() -> locks.withLock(name, () -> ran.getAndSet(true)));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !ran.get());
            other.commit();
        }
        await().atMost(Duration.ofSeconds(10)).until(done::isDone);
        assertTrue(ran.get(), "the work ran once the other replica let go");
    }

    @Tag("postgresql")
    @Test
    void workOnAWholeGroupAndWorkOnAMemberWaitForEachOtherAcrossReplicas() throws SQLException {
        String group = "test-group:" + System.nanoTime();
        // Another replica refreshing a location: the group's lock held shared. An import waits for it.
        AtomicBoolean alone = new AtomicBoolean();
        CompletableFuture<Boolean> importing;
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            lock(other, "SELECT pg_advisory_xact_lock_shared(?)", group);
            importing = CompletableFuture.supplyAsync(
                    () -> locks.inTransactionAlone(group, Duration.ofSeconds(30), () -> alone.getAndSet(true)));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !alone.get());
            other.commit();
        }
        await().atMost(Duration.ofSeconds(10)).until(importing::isDone);
        assertTrue(alone.get(), "the work on the whole group ran once the member's was done");

        // Another replica importing: the group's lock held alone. A refresh, and a change, wait for it.
        AtomicBoolean refreshed = new AtomicBoolean();
        AtomicBoolean changed = new AtomicBoolean();
        CompletableFuture<Boolean> refreshing;
        CompletableFuture<Boolean> changing;
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            lock(other, "SELECT pg_advisory_xact_lock(?)", group);
            refreshing = CompletableFuture.supplyAsync(
                    () -> locks.withLock("test:" + System.nanoTime(), group, () -> refreshed.getAndSet(true)));
            changing = CompletableFuture.supplyAsync(() -> locks.inTransaction(
                    "test:" + System.nanoTime(), group, Duration.ofSeconds(30), () -> changed.getAndSet(true)));
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> !refreshed.get() && !changed.get());
            other.commit();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> refreshing.isDone() && changing.isDone());
        assertTrue(refreshed.get() && changed.get(), "the members' work ran once the whole group's was done");
    }

    private static void lock(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, LockKeys.named(name));
            ps.execute();
        }
    }
}
