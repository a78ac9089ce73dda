package dev.interlock.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps PostgreSQL's planner statistics and visibility map of the catalog tables current after large changes, as
 * H2 does by itself (it analyzes a table after 2,000 changed rows). Without them a freshly loaded catalog is
 * planned as an empty one: {@code by-query?filter=kind=component} sorts every component instead of reading 50 from
 * the index, looks relations up by scanning the whole table, and counts by reading every row; and autovacuum, when
 * it runs at all, comes a minute later. A pass ({@code VACUUM (ANALYZE)} of the tables the read side queries) runs
 * on a thread of its own once more entities changed than autovacuum's defaults would wait for (50 plus a tenth of
 * the catalog), once the catalog has been quiet for a second (a bulk load is analyzed once, when it ends, not after
 * each body) or at the latest ten seconds after that, and once at start (the defaults of
 * {@code interlock.catalog.planner-statistics.*}). When the catalog more than doubled since the last pass, as during
 * a load into a young catalog, the statistics alone ({@code ANALYZE}) are taken at once ({@link #due}). The scorer's
 * {@code scorecard_results} is analyzed with the catalog tables. Nothing is done on H2.
 */
@ApplicationScoped
public class PlannerStatistics {

    private static final Logger LOG = Logger.getLogger(PlannerStatistics.class);
    private static final String TABLES = "entities, search, relations, scorecard_results";
    private static final String PASS = "VACUUM (ANALYZE) " + TABLES;
    /**
     * During a load only the statistics, from a tenth of the usual sample (3,000 rows a table): vacuuming tables that
     * are being filled would read them again and again, and the plans that matter then (index or whole table) need
     * only the sizes. The full pass follows when the load ends.
     */
    private static final String STATISTICS_PASS = "ANALYZE " + TABLES;

    private static final String SMALL_SAMPLE = "SET LOCAL default_statistics_target = 10";

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @Inject
    DataSource dataSource;

    @Inject
    CatalogConfig config;

    /** Entities changed since the last pass started. */
    private final AtomicLong changed = new AtomicLong();
    /** The catalog's size as of the last pass. */
    private volatile long entities;
    /** Whether a pass is queued and not started: changes that come meanwhile are covered by it. */
    private final AtomicBoolean queued = new AtomicBoolean();
    /** When the last change committed and when the queued pass was asked for ({@link System#nanoTime()}). */
    private volatile long lastChange;

    private volatile long askedAt;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "interlock-planner-statistics");
        t.setDaemon(true);
        return t;
    });

    void onStart(@Observes StartupEvent start) {
        // A catalog loaded by an earlier start may never have been analyzed (autovacuum off).
        passLater();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogVersion.Changed change) {
        lastChange = System.nanoTime();
        switch (due(changed.addAndGet(change.refs().size()), entities, limits())) {
            case NOW -> {
                urgent = true;
                passLater();
                if (queued.get()) {
                    worker.execute(this::passWhenQuiet);
                }
            }
            case WHEN_QUIET -> passLater();
            case NOT_YET -> {}
        }
    }

    /** When a pass is due. */
    enum Due {
        NOT_YET,
        /** Once the catalog is quiet (a bulk load is analyzed when it ends). */
        WHEN_QUIET,
        /** At once, statistics only. */
        NOW
    }

    /**
     * When a pass is due after {@code changed} entities changed in a catalog of {@code entities} at the last pass.
     * When the catalog more than doubled (a bulk load into a young catalog), plans made for the smaller one scan
     * whole tables, and get worse with every body (the scorer's lookups took 50-100 ms each, and scoring 10,000
     * pipelines took 11-14 s instead of 9), so the statistics are taken at once rather than when the load ends.
     */
    static Due due(long changed, long entities, CatalogConfig.PlannerStatisticsConfig limits) {
        if (changed > limits.baseChanges() + entities) {
            return Due.NOW;
        }
        return changed > limits.baseChanges() + limits.changedFraction() * entities ? Due.WHEN_QUIET : Due.NOT_YET;
    }

    /** Whether the queued pass is to run without waiting for quiet. */
    private volatile boolean urgent;

    private void passLater() {
        if (dbKind.equals("postgresql") && queued.compareAndSet(false, true)) {
            askedAt = System.nanoTime();
            worker.schedule(this::passWhenQuiet, limits().quietPeriod().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Runs the pass, or waits again while changes keep coming (up to the longest wait). */
    private void passWhenQuiet() {
        if (!queued.get()) {
            return; // an earlier call ran the pass
        }
        long now = System.nanoTime();
        long quietIn = lastChange + limits().quietPeriod().toNanos() - now;
        if (!urgent && quietIn > 0 && now - askedAt < limits().longestWait().toNanos()) {
            worker.schedule(this::passWhenQuiet, quietIn, TimeUnit.NANOSECONDS);
            return;
        }
        boolean statisticsOnly = urgent;
        String pass = statisticsOnly ? STATISTICS_PASS : PASS;
        queued.set(false);
        urgent = false;
        changed.set(0);
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            if (statisticsOnly) {
                // SET LOCAL ends with the transaction: the pooled connection goes back with the usual target.
                c.setAutoCommit(false);
                try {
                    s.execute(SMALL_SAMPLE);
                    s.execute(pass);
                    c.commit();
                } finally {
                    c.setAutoCommit(true);
                }
            } else {
                s.execute(pass);
            }
            try (ResultSet rs = s.executeQuery("SELECT reltuples FROM pg_class WHERE oid = 'entities'::regclass")) {
                entities = rs.next() ? Math.max(0, rs.getLong(1)) : 0;
            }
            LOG.debugf("%s: %d ms, %d entities", pass, (System.nanoTime() - started) / 1_000_000, entities);
        } catch (SQLException e) {
            // Only plans suffer; the next large change tries again.
            LOG.warnf("%s failed: %s", pass, e.getMessage());
        }
    }

    private CatalogConfig.PlannerStatisticsConfig limits() {
        return config.plannerStatistics();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
