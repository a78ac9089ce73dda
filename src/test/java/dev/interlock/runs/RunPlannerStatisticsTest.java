package dev.interlock.runs;

import static dev.interlock.support.Api.lineage;
import static dev.interlock.support.Api.postLineage;
import static dev.interlock.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, a load of run events is followed by planner statistics of the run tables, as a catalog load is: with
 * those of the empty table (autovacuum off, or not yet come), each group of events looks its runs up by scanning the
 * whole table, and a backlog takes minutes per hundred thousand events.
 */
@QuarkusTest
class RunPlannerStatisticsTest {

    private static final int RUNS = 3_000;
    private static final String ANALYSES = "SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'runs'";

    @Inject
    DataSource dataSource;

    @Tag("postgresql")
    @Test
    void aLoadOfRunEventsIsAnalyzed() throws SQLException {
        // The pass at start (after this process started) is done first: only a pass after the load can count it.
        long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> count("SELECT COUNT(*) FROM pg_stat_user_tables WHERE relname = 'runs'"
                                + " AND last_analyze >= to_timestamp(" + started / 1000 + ")")
                        == 1);
        long analyses = count(ANALYSES);
        long before = count("SELECT COUNT(*) FROM runs");
        String namespace = unique("backlog");
        Instant t0 = Instant.now().minusSeconds(86_400);
        for (int batch = 0; batch < RUNS / 500; batch++) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                events.add(lineage(
                        "COMPLETE",
                        t0.plusSeconds(batch * 500L + i),
                        UUID.randomUUID().toString(),
                        namespace,
                        "job" + (i % 50),
                        null));
            }
            postLineage("[" + String.join(",", events) + "]").statusCode(201);
        }
        // ANALYZE sets the planner's row count of the table; only a pass after the load counts the new runs. The
        // count of analyses leaves autovacuum's out (autoanalyze_count).
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> count(ANALYSES) > analyses
                        && count("SELECT reltuples::bigint FROM pg_class WHERE oid = 'runs'::regclass")
                                >= before + RUNS / 2);
        assertTrue(count("SELECT COUNT(*) FROM runs") >= before + RUNS);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
