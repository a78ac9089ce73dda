package dev.interlock.runs;

import static dev.interlock.runs.RunEvents.postCDEvent;
import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.runs.derive.ScheduledJobs;
import dev.interlock.runs.ingest.CDEventsParser;
import dev.interlock.runs.ingest.RunEvent;
import dev.interlock.runs.ingest.RunIngestion;

/**
 * CDEvents task runs that arrive before their pipeline run (Tekton sends each as its controller reconciles, so a task's
 * start or end can come first) wait, kept raw, and are folded into the pipeline run when its first event comes: in a
 * later request, or later in the same group of requests.
 */
@QuarkusTest
class WaitingTaskRunsTest {

    private static final Instant T0 = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Inject
    DataSource dataSource;

    @Inject
    RunIngestion ingestion;

    @Inject
    ScheduledJobs jobs;

    private static String runs(String name) {
        return "/api/pipelines/default/" + name + "/runs";
    }

    @Test
    void taskRunsThatCameFirstAreFoldedIntoTheirPipelineRun() {
        String name = registered("tekton-early");
        String source = "/tekton/" + name;
        String run = "pr-" + name;
        String taskStarted = RunEvents.taskRun(
                "started", UUID.randomUUID().toString(), source, T0.plusSeconds(5), run + "-build", "build", run, null);
        postCDEvent(taskStarted).statusCode(201);
        postCDEvent(buildFailed(source, run)).statusCode(201);
        // Before its pipeline run: no run, and not a job of its own either.
        as("bob").get(runs(name)).then().body("items.size()", equalTo(0));
        assertEquals(List.of(run + "@", run + "@"), waitsFor(source));
        postCDEvent(pipelineStarted(source, run, name)).statusCode(201);
        as("bob")
                .get(runs(name))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].runId", equalTo(run))
                .body("items[0].state", equalTo("running"))
                .body("items[0].error", equalTo("step build failed"));
        assertEquals(List.of(), waitsFor(source));
        // Folded later, the task runs' own rows keep no run key (their waiting rows are gone).
        assertEquals(java.util.Arrays.asList(null, null, run), runKeys(source));
        as("bob")
                .queryParam("q", "taskrun:build")
                .get("/api/runs/unbound")
                .then()
                .body("items.name", not(hasItem("taskrun:build")));
        // A redelivery of a task event folded this way is a repeat and changes nothing.
        postCDEvent(taskStarted).statusCode(200).body("duplicates", equalTo(1));
        postCDEvent(RunEvents.pipelineRun(
                        "0.4.1",
                        "finished",
                        UUID.randomUUID().toString(),
                        source,
                        T0.plusSeconds(70),
                        run,
                        name,
                        "failure"))
                .statusCode(201);
        as("bob")
                .get(runs(name))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].state", equalTo("failed"))
                .body("items[0].durationSeconds", equalTo(70));
    }

    /** A pipeline run's end that comes after its tasks' but first of its own events still takes them in. */
    @Test
    void aPipelineRunKnownOnlyByItsEndTakesItsTasksIn() {
        String name = registered("tekton-end");
        String source = "/tekton/" + name;
        String run = "pr-" + name;
        postCDEvent(RunEvents.taskRun(
                        "started",
                        UUID.randomUUID().toString(),
                        source,
                        T0.plusSeconds(5),
                        run + "-t",
                        "test",
                        run,
                        null))
                .statusCode(201);
        postCDEvent(RunEvents.pipelineRun(
                        "0.5.1",
                        "finished",
                        UUID.randomUUID().toString(),
                        source,
                        T0.plusSeconds(40),
                        run,
                        name,
                        "success"))
                .statusCode(201);
        as("bob")
                .get(runs(name))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].state", equalTo("succeeded"))
                .body("items[0].error", nullValue())
                .body("items[0].startedAt", equalTo(T0.plusSeconds(5).toString()));
        assertEquals(List.of(), waitsFor(source));
    }

    /** The same run id from another source is another run: its tasks keep waiting for their own. */
    @Test
    void aRunOfTheSameIdFromAnotherSourceDoesNotTakeThem() {
        String name = unique("tekton-src");
        String source = "/tekton/" + name;
        String other = "/tekton-other/" + name;
        String run = "pr-" + name;
        register(RunEvents.dataPipeline(name, "cdevents.dev/pipeline: " + name, null))
                .statusCode(201);
        postCDEvent(buildFailed(source, run)).statusCode(201);
        postCDEvent(pipelineStarted(other, run, name)).statusCode(201);
        as("bob")
                .get(runs(name))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].state", equalTo("running"))
                .body("items[0].error", nullValue());
        assertEquals(List.of(run + "@"), waitsFor(source));
        postCDEvent(pipelineStarted(source, run, name)).statusCode(201);
        as("bob")
                .get(runs(name))
                .then()
                .body("items.size()", equalTo(2))
                .body("items.findAll { it.error == 'step build failed' }.size()", equalTo(1));
        assertEquals(List.of(), waitsFor(source));
    }

    /**
     * Bodies stored together (the run writer groups the requests waiting for it) fold a task run that comes before its
     * pipeline run in the group as they would in two groups.
     */
    @Test
    void aTaskRunEarlierInTheSameGroupIsFoldedToo() throws Exception {
        String name = registered("tekton-group");
        String source = "/tekton/" + name;
        String run = "pr-" + name;
        ObjectMapper json = new ObjectMapper();
        CDEventsParser parser = new CDEventsParser();
        RunEvent task = parser.parse(json.readTree(buildFailed(source, run)));
        RunEvent started = parser.parse(json.readTree(pipelineStarted(source, run, name)));
        List<RunIngestion.Result> results = ingestion.ingestAll(List.of(List.of(task), List.of(started)));
        assertEquals(1, results.get(0).accepted());
        assertEquals(1, results.get(1).accepted());
        as("bob")
                .get(runs(name))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].state", equalTo("running"))
                .body("items[0].error", equalTo("step build failed"));
        assertEquals(List.of(), waitsFor(source));
        assertEquals(List.of(run, run), runKeys(source));
    }

    /**
     * Task runs of a pipeline no descriptor claims yet are folded into its unbound run, and go with it to the pipeline
     * registered later.
     */
    @Test
    void theTasksOfAnUnclaimedPipelineRunGoWithItWhenItIsClaimed() {
        String name = unique("tekton-later");
        String source = "/tekton/" + name;
        String run = "pr-" + name;
        postCDEvent(buildFailed(source, run)).statusCode(201);
        postCDEvent(pipelineStarted(source, run, name)).statusCode(201);
        assertEquals(List.of(), waitsFor(source));
        register(RunEvents.dataPipeline(name, "cdevents.dev/pipeline: " + name, null))
                .statusCode(201);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as("bob")
                        .get(runs(name))
                        .then()
                        .body("items.size()", equalTo(1))
                        .body("items[0].state", equalTo("running"))
                        .body("items[0].error", equalTo("step build failed")));
    }

    /**
     * A task run a day or more from the pipeline run event keeps waiting: a run id used again weeks later does not take
     * in the tasks of a run whose own events were never heard of.
     */
    @Test
    void aTaskRunMoreThanADayFromItsPipelineRunKeepsWaiting() {
        String name = registered("tekton-old");
        String source = "/tekton/" + name;
        String run = "pr-" + name;
        postCDEvent(RunEvents.taskRun(
                        "finished",
                        UUID.randomUUID().toString(),
                        source,
                        T0.minus(Duration.ofDays(2)),
                        "tr-" + name,
                        "build",
                        run,
                        "failure"))
                .statusCode(201);
        postCDEvent(buildFailed(source, run).replace("step build failed", "step build failed again"))
                .statusCode(201);
        postCDEvent(pipelineStarted(source, run, name)).statusCode(201);
        as("bob")
                .get(runs(name))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].startedAt", equalTo(T0.toString()))
                .body("items[0].error", equalTo("step build failed again"));
        assertEquals(List.of(run + "@"), waitsFor(source));
    }

    /**
     * Waiting task runs whose bodies together are larger than one read are folded all the same, their bodies read in
     * turns (all of them at once could exhaust the writer's heap).
     */
    @Test
    void largeWaitingTaskRunsAreFoldedInTurns() {
        String name = registered("tekton-large");
        String source = "/tekton/" + name;
        String run = "pr-" + name;
        String padding = "\"note\": \"" + "p".repeat(500_000) + "\", \"taskName\"";
        for (int i = 0; i < 10; i++) {
            postCDEvent(RunEvents.taskRun(
                                    i < 9 ? "started" : "finished",
                                    UUID.randomUUID().toString(),
                                    source,
                                    T0.plusSeconds(10 + i),
                                    run + "-" + i,
                                    "task" + i,
                                    run,
                                    i < 9 ? null : "failure")
                            .replace("\"taskName\"", padding))
                    .statusCode(201);
        }
        postCDEvent(pipelineStarted(source, run, name)).statusCode(201);
        as("bob")
                .get(runs(name))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].state", equalTo("running"))
                .body("items[0].error", equalTo("step task9 failed"));
        assertEquals(List.of(), waitsFor(source));
        List<String> keys = new ArrayList<>(java.util.Collections.nCopies(10, null));
        keys.add(run);
        assertEquals(keys, runKeys(source));
    }

    /** Retention deletes a waiting task run with its wait. */
    @Test
    void retentionDeletesAWaitingTaskRun() {
        String source = "/tekton/" + unique("tekton-aged");
        postCDEvent(RunEvents.taskRun(
                        "started",
                        UUID.randomUUID().toString(),
                        source,
                        Instant.now().minus(Duration.ofDays(200)),
                        "tr-aged",
                        "build",
                        "pr-aged",
                        null))
                .statusCode(201);
        assertEquals(List.of("pr-aged@"), waitsFor(source));
        jobs.prune(Instant.now().minus(Duration.ofDays(90)));
        assertEquals(List.of(), waitsFor(source));
        assertEquals(List.of(), runKeys(source));
    }

    /**
     * A task run naming a pipeline run id longer than any pipeline run's is refused by its field, not stored (it was a
     * 500: the key it waits for overflowed its column).
     */
    @Test
    void aPipelineRunIdLongerThanAnyRunsIsRefused() {
        String name = unique("tekton-long");
        String source = "/tekton/" + name;
        postCDEvent(RunEvents.taskRun(
                        "started",
                        UUID.randomUUID().toString(),
                        source,
                        T0,
                        "tr-" + name,
                        "build",
                        "r".repeat(301),
                        null))
                .statusCode(400)
                .body("errors[0].field", equalTo("subject.content.pipelineRun.id"))
                .body(
                        "errors[0].message",
                        equalTo("\"subject.content.pipelineRun.id\" is 301 characters long; at most 300 are kept"));
        assertEquals(List.of(), runKeys(source));
        postCDEvent(RunEvents.taskRun(
                        "started",
                        UUID.randomUUID().toString(),
                        source,
                        T0,
                        "tr-" + name,
                        "build",
                        "r".repeat(300),
                        null))
                .statusCode(201);
        assertEquals(List.of("r".repeat(300) + "@"), waitsFor(source));
    }

    /** The name of a new pipeline that claims the CDEvents pipeline of its own name. */
    private static String registered(String prefix) {
        String name = unique(prefix);
        register(RunEvents.dataPipeline(name, "cdevents.dev/pipeline: " + name, null))
                .statusCode(201);
        return name;
    }

    /** A task run of build, failed a minute after the pipeline run started. */
    private static String buildFailed(String source, String run) {
        return RunEvents.taskRun(
                "finished",
                UUID.randomUUID().toString(),
                source,
                T0.plusSeconds(60),
                run + "-build",
                "build",
                run,
                "failure");
    }

    /** A pipeline run's start. */
    private static String pipelineStarted(String source, String run, String name) {
        return RunEvents.pipelineRun("0.4.1", "started", UUID.randomUUID().toString(), source, T0, run, name, null);
    }

    /** What each of a source's task run events waits for, the run key's digest cut off. */
    private List<String> waitsFor(String source) {
        return column(
                "SELECT w.waits_for FROM run_event_waits w JOIN run_events e ON e.format = w.format"
                        + " AND e.dedup_key = w.dedup_key WHERE e.job_key LIKE ? ORDER BY e.id",
                "cdevents:" + source + "|taskrun:%");
    }

    /** The run each of a source's events was folded into. */
    private List<String> runKeys(String source) {
        return column("SELECT run_key FROM run_events WHERE job_key LIKE ? ORDER BY id", "cdevents:" + source + "|%");
    }

    private List<String> column(String sql, String jobKey) {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, jobKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String value = rs.getString(1);
                    out.add(value == null || !value.contains("@") ? value : value.substring(0, value.indexOf('@') + 1));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
