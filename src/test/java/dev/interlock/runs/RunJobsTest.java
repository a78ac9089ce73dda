package dev.interlock.runs;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.lineage;
import static dev.interlock.support.Api.postLineage;
import static dev.interlock.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.runs.derive.ScheduledJobs;
import dev.interlock.support.Api;

/**
 * The table of jobs (V20) follows the runs through every change that adds, moves or deletes them, so the list of
 * unclaimed jobs, which reads it, shows what the runs say: compared after each step with the same figures computed from
 * the runs themselves.
 */
@QuarkusTest
class RunJobsTest {

    private static final Instant T0 = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Inject
    DataSource dataSource;

    @Inject
    RunStore store;

    @Inject
    ScheduledJobs jobs;

    @Inject
    UnboundJobs unbound;

    @Test
    void aJobIsSeenWhenItsLatestRunEndedWhateverOrderItsEventsCameIn() {
        String ns = unique("seen");
        String run = UUID.randomUUID().toString();
        postLineage(lineage("START", T0, run, ns, "load", null)).statusCode(201);
        postLineage(lineage("COMPLETE", T0.plusSeconds(300), run, ns, "load", null))
                .statusCode(201);
        // An older run sent afterwards (a backfill) adds a run, and the job was still last seen at the first run's end.
        postLineage(lineage("COMPLETE", T0.minusSeconds(3600), UUID.randomUUID().toString(), ns, "load", null))
                .statusCode(201);
        as("bob")
                .queryParam("q", ns)
                .get("/api/runs/unbound")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].runs", equalTo(2))
                .body("items[0].lastSeen", equalTo(T0.plusSeconds(300).toString()));
        assertFollowsTheRuns(ns);
    }

    @Test
    void aRunAPipelineTakesAsItIsUpdatedTakesItsJobOffTheListOnceItHasNoOtherUnclaimedRun() {
        String ns = unique("taken");
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        postLineage(lineage("START", T0, first, ns, "sync", null)).statusCode(201);
        postLineage(lineage("START", T0.plusSeconds(60), second, ns, "sync", null))
                .statusCode(201);
        String pipeline = "component:default/" + unique("taker");
        // As the ingest does when a run stored unclaimed gets an event after a pipeline claimed its job; in one
        // transaction, rolled back at the end: no pipeline claims the job, and a rebinding pass would move the runs
        // back.
        QuarkusTransaction.begin();
        try {
            // The later run first: the unclaimed row then keeps the earlier run's time, not the later's.
            takeRun(second, pipeline);
            List<UnboundJobs.Job> listed =
                    unbound.page(ns, null, 10).orElseThrow().items();
            assertEquals(List.of(1L), listed.stream().map(UnboundJobs.Job::runs).toList());
            assertEquals(
                    List.of(T0.toString()),
                    listed.stream().map(UnboundJobs.Job::lastSeen).toList());
            assertFollowsTheRuns(ns);
            takeRun(first, pipeline);
            assertEquals(0, unbound.page(ns, null, 10).orElseThrow().totalItems());
            assertFollowsTheRuns(ns);
        } finally {
            QuarkusTransaction.rollback();
        }
        unclaimed(ns).body("items[0].runs", equalTo(2));
        assertFollowsTheRuns(ns);
    }

    @Test
    void aRegisteredPipelineTakesItsJobOffTheListAndRetentionDropsJobsWithoutRuns() {
        String ns = unique("kept");
        Instant old = Instant.now().minus(200, ChronoUnit.DAYS);
        postLineage(lineage("COMPLETE", old, UUID.randomUUID().toString(), ns, "gone", null))
                .statusCode(201);
        postLineage(lineage("COMPLETE", old, UUID.randomUUID().toString(), ns, "stays", null))
                .statusCode(201);
        postLineage(lineage("COMPLETE", T0, UUID.randomUUID().toString(), ns, "stays", null))
                .statusCode(201);
        postLineage(lineage("COMPLETE", T0, UUID.randomUUID().toString(), ns, "claimed", null))
                .statusCode(201);
        unclaimed(ns).body("totalItems", equalTo(3));
        String name = unique("claims");
        Api.register(RunEvents.dataPipeline(name, "openlineage.io/job: " + ns + "/claimed", null))
                .statusCode(201);
        // The registration's rebinding pass moves the job's runs, and its row with them.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> unclaimed(ns).body("items.name", equalTo(List.of("stays", "gone"))));
        assertFollowsTheRuns(ns);
        jobs.prune(Instant.now().minus(Duration.ofDays(90)));
        unclaimed(ns)
                .body("items.name", equalTo(List.of("stays")))
                .body("items[0].runs", equalTo(1))
                .body("items[0].lastSeen", equalTo(T0.toString()));
        assertFollowsTheRuns(ns);
        // An import builds the table again from the runs: a table that lost its rows gets them back.
        update("DELETE FROM run_jobs WHERE job_key LIKE ?", "openlineage:" + ns + "|%");
        QuarkusTransaction.requiringNew().run(store::rebuildJobs);
        assertFollowsTheRuns(ns);
        unclaimed(ns).body("items.name", equalTo(List.of("stays")));
    }

    /**
     * Runs the table never heard of (stored by a replica of an earlier version during a rolling update) are found by the
     * retention's hourly pass, which checks the table against the runs.
     */
    @Test
    void theRetentionsPassListsAJobWhoseRowsTheTableMissed() {
        String ns = unique("missed");
        postLineage(lineage("COMPLETE", T0, UUID.randomUUID().toString(), ns, "old-writer", null))
                .statusCode(201);
        update("DELETE FROM run_jobs WHERE job_key LIKE ?", "openlineage:" + ns + "|%");
        unclaimed(ns).body("totalItems", equalTo(0));
        jobs.prune(Instant.now().minus(Duration.ofDays(90)));
        unclaimed(ns).body("items.name", equalTo(List.of("old-writer"))).body("items[0].runs", equalTo(1));
        assertFollowsTheRuns(ns);
    }

    private static io.restassured.response.ValidatableResponse unclaimed(String ns) {
        return as("bob").queryParam("q", ns).get("/api/runs/unbound").then().statusCode(200);
    }

    private void takeRun(String runId, String pipeline) {
        Run run = store.find("openlineage", runId).orElseThrow();
        store.saveAll(List.of(run.withPipeline(pipeline)));
    }

    /** The namespace's rows of the table are those its runs give: job, pipeline (or none), who, when last seen. */
    private void assertFollowsTheRuns(String ns) {
        String like = "openlineage:" + ns + "|%";
        List<String> computed = rows(
                "SELECT job_key, COALESCE(pipeline_ref, ''), MIN(format), MIN(job_namespace), MIN(job_name),"
                        + " MAX(GREATEST(sort_time, COALESCE(ended_at, sort_time), COALESCE(terminal_at, sort_time)))"
                        + " FROM runs WHERE job_key LIKE ? GROUP BY job_key, COALESCE(pipeline_ref, '') ORDER BY 1, 2",
                like);
        List<String> kept = rows(
                "SELECT job_key, bound_to, format, job_namespace, job_name, last_seen FROM run_jobs"
                        + " WHERE job_key LIKE ? ORDER BY 1, 2",
                like);
        assertEquals(computed, kept);
    }

    private List<String> rows(String sql, String param) {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i < 6; i++) {
                        row.add(rs.getString(i));
                    }
                    row.add(rs.getObject(6, OffsetDateTime.class).toInstant().toString());
                    out.add(String.join(" | ", row));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private void update(String sql, String param) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
