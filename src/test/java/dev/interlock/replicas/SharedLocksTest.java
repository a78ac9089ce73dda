package dev.interlock.replicas;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

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
            locks.inTransaction("test:inTransaction:" + i, null, Duration.ZERO, () -> null);
        }
        // A location refresh of the test catalog may hold its lock now: it lets go once done.
        await().atMost(Duration.ofSeconds(30)).until(() -> locks.localLocks() == 0);
    }

    @Tag("postgresql")
    @Test
    void workWaitsWhileAnotherReplicaHoldsTheLock() throws SQLException {
        String name = "test:" + System.nanoTime();
        waitsForAnotherReplica(
                "SELECT pg_advisory_xact_lock(?)", name, ran -> locks.withLock(name, () -> ran.getAndSet(true)));
    }

    @Tag("postgresql")
    @Test
    void workOnAWholeGroupAndWorkOnAMemberWaitForEachOtherAcrossReplicas() throws SQLException {
        String group = "test-group:" + System.nanoTime();
        // Another replica refreshing a location holds the group's lock shared: an import waits for it.
        waitsForAnotherReplica(
                "SELECT pg_advisory_xact_lock_shared(?)",
                group,
                ran -> locks.inTransactionAlone(group, Duration.ofSeconds(30), () -> ran.getAndSet(true)));
        // Another replica importing holds it alone: a refresh and a change wait for it.
        waitsForAnotherReplica(
                "SELECT pg_advisory_xact_lock(?)",
                group,
                ran -> locks.withLock("test:" + System.nanoTime(), group, () -> ran.getAndSet(true)),
                ran -> locks.inTransaction(
                        "test:" + System.nanoTime(), group, Duration.ofSeconds(30), () -> ran.getAndSet(true)));
    }

    /**
     * Takes a lock in another session (as another replica would) with this statement, starts each work (given a flag
     * to set when it runs), checks that none runs for a second, lets the lock go, and checks that each then runs.
     */
    @SafeVarargs
    private void waitsForAnotherReplica(String sql, String name, Function<AtomicBoolean, Object>... works)
            throws SQLException {
        List<AtomicBoolean> ran = new ArrayList<>();
        List<CompletableFuture<Object>> done = new ArrayList<>();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement(sql)) {
                ps.setLong(1, LockKeys.named(name));
                ps.execute();
            }
            for (Function<AtomicBoolean, Object> work : works) {
                AtomicBoolean flag = new AtomicBoolean();
                ran.add(flag);
                done.add(CompletableFuture.supplyAsync(() -> work.apply(flag)));
            }
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> ran.stream().noneMatch(AtomicBoolean::get));
            other.commit();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> done.stream().allMatch(CompletableFuture::isDone));
        assertTrue(ran.stream().allMatch(AtomicBoolean::get), "the work ran once the other replica let go");
    }
}
