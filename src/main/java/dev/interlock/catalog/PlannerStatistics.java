package dev.interlock.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
 * Keeps PostgreSQL's planner statistics and visibility map of the catalog tables, and of the run tables, current
 * after large changes, as H2 does by itself (it analyzes a table after 2,000 changed rows). Without them a freshly
 * loaded catalog is planned as an empty one: {@code by-query?filter=kind=component} sorts every component instead of
 * reading 50 from the index, looks relations up by scanning the whole table, and counts by reading every row; and the
 * ingest of a backlog of run events looks each group's runs up by scanning the whole {@code runs} table (400,000
 * OpenLineage events into an empty database took more than 19 minutes, against 33 s on H2); and autovacuum, when it
 * runs at all, comes a minute later. A pass ({@code VACUUM (ANALYZE)} of the tables of one group) runs on a thread of
 * its own once more rows changed than autovacuum's defaults would wait for (50 plus a tenth of the group's main
 * table: entities, or runs, counted by the run events stored), once the group has been quiet for a second (a bulk load
 * is analyzed once, when it ends, not after each body) or at the latest ten seconds after that, and once at start
 * (the defaults of {@code interlock.catalog.planner-statistics.*}). When the table more than doubled since the last
 * pass, as during a load into a young catalog, the statistics alone ({@code ANALYZE}) are taken at once ({@link
 * #due}). The scorer's {@code scorecard_results} is analyzed with the catalog tables. Nothing is done on H2.
 */
@ApplicationScoped
public class PlannerStatistics {

    private static final Logger LOG = Logger.getLogger(PlannerStatistics.class);

    /**
     * During a load only the statistics, from a tenth of the usual sample (3,000 rows a table): vacuuming tables that
     * are being filled would read them again and again, and the plans that matter then (index or whole table) need
     * only the sizes. The full pass follows when the load ends.
     */
    private static final String SMALL_SAMPLE = "SET LOCAL default_statistics_target = 10";

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @Inject
    DataSource dataSource;

    @Inject
    CatalogConfig config;

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "interlock-planner-statistics");
        t.setDaemon(true);
        return t;
    });

    private final Tables catalog = new Tables("entities, search, relations, scorecard_results", "entities");
    private final Tables runs = new Tables("runs, run_events, run_event_waits, run_jobs", "runs");

    void onStart(@Observes StartupEvent start) {
        // A catalog or runs loaded by an earlier start may never have been analyzed (autovacuum off).
        catalog.passLater();
        runs.passLater();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogVersion.Changed change) {
        catalog.changed(change.refs().size());
    }

    /**
     * Run events were stored (committed): each inserted or changed a run and inserted an event. They are counted
     * against the runs, about two events each, so a load of runs is analyzed about twice as early as a catalog's.
     */
    public void runEventsStored(int events) {
        if (events <= 0) {
            return;
        }
        try {
            runs.changed(events);
        } catch (RejectedExecutionException e) {
            // Shutting down: the next start's pass covers them.
        }
    }

    /** When a pass is due. */
    enum Due {
        NOT_YET,
        /** Once the tables are quiet (a bulk load is analyzed when it ends). */
        WHEN_QUIET,
        /** At once, statistics only. */
        NOW
    }

    /**
     * When a pass is due after {@code changed} rows changed in a table of {@code rows} at the last pass. When the table
     * more than doubled (a bulk load into a young catalog), plans made for the smaller one scan whole tables, and get
     * worse with every body (the scorer's lookups took 50-100 ms each, and scoring 10,000 pipelines took 11-14 s
     * instead of 9), so the statistics are taken at once rather than when the load ends.
     */
    static Due due(long changed, long rows, CatalogConfig.PlannerStatisticsConfig limits) {
        if (changed > limits.baseChanges() + rows) {
            return Due.NOW;
        }
        return changed > limits.baseChanges() + limits.changedFraction() * rows ? Due.WHEN_QUIET : Due.NOT_YET;
    }

    /** Tables analyzed together, after the changes counted against the size of the first of them. */
    private final class Tables {

        private final String pass;
        private final String statisticsPass;
        private final String sizeTable;
        /** Rows changed since the last pass started. */
        private final AtomicLong changed = new AtomicLong();
        /** The size of {@link #sizeTable} as of the last pass. */
        private volatile long rows;
        /** Whether a pass is queued and not started: changes that come meanwhile are covered by it. */
        private final AtomicBoolean queued = new AtomicBoolean();
        /** When the last change committed and when the queued pass was asked for ({@link System#nanoTime()}). */
        private volatile long lastChange;

        private volatile long askedAt;
        /** Whether the queued pass is to run without waiting for quiet. */
        private volatile boolean urgent;

        Tables(String tables, String sizeTable) {
            this.pass = "VACUUM (ANALYZE) " + tables;
            this.statisticsPass = "ANALYZE " + tables;
            this.sizeTable = sizeTable;
        }

        void changed(long count) {
            lastChange = System.nanoTime();
            switch (due(changed.addAndGet(count), rows, limits())) {
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

        void passLater() {
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
            String sql = statisticsOnly ? statisticsPass : pass;
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
                        s.execute(sql);
                        c.commit();
                    } finally {
                        c.setAutoCommit(true);
                    }
                } else {
                    s.execute(sql);
                }
                try (ResultSet rs =
                        s.executeQuery("SELECT reltuples FROM pg_class WHERE oid = '" + sizeTable + "'::regclass")) {
                    rows = rs.next() ? Math.max(0, rs.getLong(1)) : 0;
                }
                LOG.debugf("%s: %d ms, %d rows in %s", sql, (System.nanoTime() - started) / 1_000_000, rows, sizeTable);
            } catch (SQLException e) {
                // Only plans suffer; the next large change tries again.
                LOG.warnf("%s failed: %s", sql, e.getMessage());
            }
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
