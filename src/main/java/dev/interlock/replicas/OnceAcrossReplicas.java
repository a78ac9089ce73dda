package dev.interlock.replicas;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Runs scheduled jobs once across replicas. On PostgreSQL a job runs under an advisory lock held by the transaction of
 * a connection of its own (another replica's run at the same time passes), and only when no replica ran it less than
 * half a period ago ({@code scheduled_jobs}), so every replica's scheduler firing makes one run per period, not one
 * per replica; when the replica that ran it stops, another one's next firing takes over. On the embedded H2 database
 * (one process) an in-process lock suffices.
 */
@ApplicationScoped
public class OnceAcrossReplicas {

    @Inject
    DataSource dataSource;

    @Inject
    SharedDatabase database;

    private final Map<String, Semaphore> local = new ConcurrentHashMap<>();

    /**
     * Runs a job here unless another replica runs it now or ran it recently.
     *
     * @param job the job's name (its lock and its row)
     * @param every its period as quarkus-scheduler writes it ({@code 60s}, {@code 1h}, {@code PT2M}); a run less
     *        than half of it after another replica's is passed; {@code null}: only runs at the same time are passed
     * @return whether it ran here
     */
    public boolean run(String job, String every, Runnable work) {
        if (!database.shared()) {
            Semaphore lock = local.computeIfAbsent(job, k -> new Semaphore(1));
            if (!lock.tryAcquire()) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                lock.release();
            }
        }
        Duration gap = every == null ? Duration.ZERO : period(every).dividedBy(2);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean ran = SharedDatabase.tryTransactionLock(c, LockKeys.job(job)) && due(c, job, gap);
                if (ran) {
                    work.run();
                    ranNow(c, job);
                }
                c.commit();
                return ran;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Scheduled job " + job + ": the lock in the database failed", e);
        }
    }

    /** A quarkus-scheduler period ({@code 10s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601) as a duration. */
    static Duration period(String every) {
        String s = every.trim().toUpperCase(Locale.ROOT);
        if (s.startsWith("P")) {
            return Duration.parse(s);
        }
        return s.endsWith("D") ? Duration.parse("P" + s) : Duration.parse("PT" + s);
    }

    private static boolean due(Connection c, String job, Duration gap) throws SQLException {
        if (gap.isZero()) {
            return true;
        }
        try (PreparedStatement ps =
                c.prepareStatement("SELECT last_run > clock_timestamp() - ? * INTERVAL '1 millisecond'"
                        + " FROM scheduled_jobs WHERE name = ?")) {
            ps.setLong(1, gap.toMillis());
            ps.setString(2, job);
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next() || !rs.getBoolean(1);
            }
        }
    }

    private static void ranNow(Connection c, String job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO scheduled_jobs (name, last_run) VALUES (?,"
                + " clock_timestamp()) ON CONFLICT (name) DO UPDATE SET last_run = EXCLUDED.last_run")) {
            ps.setString(1, job);
            ps.executeUpdate();
        }
    }
}
