package dev.interlock.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A scheduled job runs once per period across replicas: on PostgreSQL not while another replica holds its lock, and
 * not again within half a period of a run; on H2 (one process) not while it runs already.
 */
@QuarkusTest
class OnceAcrossReplicasTest {

    @Inject
    OnceAcrossReplicas once;

    @Inject
    SharedDatabase database;

    @Inject
    DataSource dataSource;

    @Test
    void aJobRunsOncePerPeriodAndNotWhileAnotherRunHoldsIt() throws SQLException {
        String job = "test-" + System.nanoTime();
        AtomicInteger runs = new AtomicInteger();
        assertTrue(once.run(job, "1h", runs::incrementAndGet));
        boolean nested = once.run(job, null, runs::incrementAndGet);
        if (database.shared()) {
            // Another replica's firing within the period passes, and so does one while another replica holds it.
            assertFalse(once.run(job, "1h", runs::incrementAndGet), "ran twice within half a period");
            try (Connection other = dataSource.getConnection()) {
                other.setAutoCommit(false);
                assertTrue(SharedDatabase.tryTransactionLock(other, LockKeys.job(job)));
                assertFalse(once.run(job, null, runs::incrementAndGet), "ran while another replica held it");
                other.rollback();
            }
            assertTrue(nested, "without a period, a run after the last one ended runs");
            assertEquals(2, runs.get());
        } else {
            assertTrue(nested);
            assertEquals(2, runs.get());
        }
        AtomicInteger inner = new AtomicInteger();
        assertTrue(once.run(
                job + "-nested",
                null,
                () -> assertFalse(once.run(job + "-nested", null, inner::incrementAndGet), "ran inside its own run")));
        assertEquals(0, inner.get());
    }

    @Test
    void periodsAreReadAsTheSchedulerWritesThem() {
        assertEquals(Duration.ofSeconds(60), OnceAcrossReplicas.period("60s"));
        assertEquals(Duration.ofHours(1), OnceAcrossReplicas.period("1h"));
        assertEquals(Duration.ofDays(2), OnceAcrossReplicas.period("2d"));
        assertEquals(Duration.ofMinutes(2), OnceAcrossReplicas.period("PT2M"));
    }
}
