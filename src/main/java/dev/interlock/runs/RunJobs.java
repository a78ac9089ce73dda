package dev.interlock.runs;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.runs.ingest.JobId;
import dev.interlock.sql.Jdbc;

/**
 * The table of jobs ({@code run_jobs}, V20) as read: a row per job and pipeline its runs are bound to (or none), with
 * when the job was last heard from, so that the list of unclaimed jobs and the rebinding read a row per job, not every
 * run. {@link RunJobRows} keeps the rows as the runs change.
 */
@ApplicationScoped
public class RunJobs {

    /** Where the rows of unclaimed jobs are bound: nowhere (a key column holds no null). */
    static final String UNBOUND = "";

    /**
     * A job no pipeline claims, as its row has it.
     *
     * @param key the job's key as the runs store it (cut to the column, as {@link JobId#key()} of the cut words may not
     *     be)
     */
    public record Unclaimed(String key, JobId job, Instant lastSeen) {}

    @Inject
    DataSource dataSource;

    /** Every job no pipeline claims, in no order. Reads a row per job. */
    public List<Unclaimed> unclaimed() {
        List<Unclaimed> out = new ArrayList<>();
        Jdbc.run(dataSource, "run jobs query", c -> {
            Jdbc.query(
                    c,
                    "SELECT job_key, format, job_namespace, job_name, job_alt, last_seen FROM run_jobs"
                            + " WHERE bound_to = ?",
                    List.of(UNBOUND),
                    rs -> out.add(new Unclaimed(
                            rs.getString(1),
                            new JobId(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                            rs.getObject(6, OffsetDateTime.class).toInstant())));
            return null;
        });
        return out;
    }

    /** Every job that has runs, once per pipeline its runs are bound to (or none). Reads a row per job. */
    public List<JobRuns> all() {
        return Jdbc.run(dataSource, "run jobs query", RunJobs::all);
    }

    /** {@link #all()} on a connection of the caller's. */
    static List<JobRuns> all(Connection c) throws SQLException {
        List<JobRuns> out = new ArrayList<>();
        Jdbc.query(
                c,
                "SELECT job_key, format, job_namespace, job_name, job_alt, bound_to FROM run_jobs",
                List.of(),
                rs -> out.add(new JobRuns(
                        rs.getString(1),
                        new JobId(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                        rs.getString(6).equals(UNBOUND) ? null : rs.getString(6))));
        return out;
    }

    /** How many runs no pipeline claims each of these jobs has (by stored key); jobs without any are left out. */
    public Map<String, Long> unclaimedRuns(Collection<String> jobKeys) {
        Map<String, Long> out = new HashMap<>();
        if (jobKeys.isEmpty()) {
            return out;
        }
        Jdbc.run(dataSource, "run jobs query", c -> {
            Jdbc.queryIn(
                    c,
                    "SELECT job_key, COUNT(*) FROM runs WHERE job_key IN (IN) AND pipeline_ref IS NULL"
                            + " AND format <> 'schedule' GROUP BY job_key",
                    List.of(),
                    Set.copyOf(jobKeys),
                    rs -> out.put(rs.getString(1), rs.getLong(2)));
            return null;
        });
        return out;
    }
}
