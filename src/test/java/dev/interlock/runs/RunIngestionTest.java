package dev.interlock.runs;

import static dev.interlock.runs.RunEvents.postCDEvent;
import static dev.interlock.runs.RunEvents.postGitHub;
import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.lineage;
import static dev.interlock.support.Api.postLineage;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.interlock.support.Api;

/**
 * Ingestion of the three formats through their real clients and payload shapes: OpenLineage's Java client with its
 * HTTP transport, CloudEvents (binary and structured mode) carrying CDEvents 0.4.1 and 0.5.1, GitHub workflow_run
 * deliveries signed as GitHub signs them. Out-of-order events, retries, roll-up, wildcards, unbound jobs and every
 * kind of bad input (4xx in the API's error shape naming the field, nothing stored).
 */
@QuarkusTest
class RunIngestionTest {

    private static final Instant T0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private static String health(String name) {
        return "/api/pipelines/default/" + name + "/health";
    }

    private static OpenLineageClient client(String user) {
        return client(user, null);
    }

    private static OpenLineageClient client(String user, HttpConfig.Compression compression) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpConfig config = new HttpConfig();
        config.setCompression(compression);
        config.setUrl(URI.create("http://localhost:" + (port == 0 ? RestAssured.port : port)));
        config.setHeaders(Map.of(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8))));
        return new OpenLineageClient(new HttpTransport(config));
    }

    /**
     * OpenLineage's clients compress their events when configured to ({@code compression: gzip}): the body is
     * decompressed, and its size limit holds for what it decompresses to (a small body of 40 MB of zeros is a 413).
     */
    @Test
    void eventsTheClientCompressesAreReadAndABombIsRefused() throws Exception {
        String name = unique("gz");
        register(RunEvents.dataPipeline(name, "openlineage.io/job: interlock-test/" + name, null))
                .statusCode(201);
        OpenLineage ol = new OpenLineage(URI.create("https://github.com/OpenLineage/OpenLineage"));
        OpenLineage.Run run = ol.newRunBuilder().runId(UUID.randomUUID()).build();
        OpenLineage.Job job =
                ol.newJobBuilder().namespace("interlock-test").name(name).build();
        try (OpenLineageClient client = client("ci", HttpConfig.Compression.GZIP)) {
            for (var type : List.of(OpenLineage.RunEvent.EventType.START, OpenLineage.RunEvent.EventType.COMPLETE)) {
                client.emit(ol.newRunEventBuilder()
                        .eventType(type)
                        .eventTime(T0.plusSeconds(type == OpenLineage.RunEvent.EventType.START ? 0 : 60)
                                .atZone(ZoneOffset.UTC))
                        .run(run)
                        .job(job)
                        .inputs(List.of())
                        .outputs(List.of())
                        .build());
            }
        }
        as("bob")
                .get(health(name))
                .then()
                .statusCode(200)
                .body("lastRun.state", equalTo("succeeded"))
                .body("lastRun.durationSeconds", equalTo(60));

        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 40; i++) {
                gzip.write(zeros);
            }
        }
        as("ci").contentType("application/json")
                .header("Content-Encoding", "gzip")
                .body(zipped.toByteArray())
                .post("/api/v1/lineage")
                .then()
                .statusCode(413);
    }

    @Test
    void theOpenLineageClientsCompleteBeforeStartGivesASucceededRunWithBothTimes() throws Exception {
        String name = unique("ol");
        register(RunEvents.dataPipeline(name, "openlineage.io/job: interlock-test/" + name, null))
                .statusCode(201);
        OpenLineage ol = new OpenLineage(URI.create("https://github.com/OpenLineage/OpenLineage"));
        UUID runId = UUID.randomUUID();
        OpenLineage.Job job =
                ol.newJobBuilder().namespace("interlock-test").name(name).build();
        OpenLineage.Run run = ol.newRunBuilder()
                .runId(runId)
                .facets(ol.newRunFacetsBuilder()
                        .nominalTime(ol.newNominalTimeRunFacetBuilder()
                                .nominalStartTime(T0.atZone(ZoneOffset.UTC))
                                .build())
                        .build())
                .build();
        OpenLineage.OutputDataset out = ol.newOutputDatasetBuilder()
                .namespace("snowflake://northwind")
                .name("ANALYTICS.FCT_REVENUE")
                .outputFacets(ol.newOutputDatasetOutputFacetsBuilder()
                        .outputStatistics(ol.newOutputStatisticsOutputDatasetFacetBuilder()
                                .rowCount(1200L)
                                .build())
                        .build())
                .build();
        try (OpenLineageClient client = client("ci")) {
            // COMPLETE arrives first, then the START it follows (event time decides, not arrival).
            client.emit(ol.newRunEventBuilder()
                    .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
                    .eventTime(T0.plusSeconds(600).atZone(ZoneOffset.UTC))
                    .run(run)
                    .job(job)
                    .inputs(List.of())
                    .outputs(List.of(out))
                    .build());
            client.emit(ol.newRunEventBuilder()
                    .eventType(OpenLineage.RunEvent.EventType.START)
                    .eventTime(T0.atZone(ZoneOffset.UTC))
                    .run(run)
                    .job(job)
                    .inputs(List.of())
                    .outputs(List.of())
                    .build());
        }
        as("bob")
                .get(health(name))
                .then()
                .statusCode(200)
                .body("lastRun.runId", equalTo(runId.toString()))
                .body("lastRun.state", equalTo("succeeded"))
                .body("lastRun.startedAt", equalTo(T0.toString()))
                .body("lastRun.endedAt", equalTo(T0.plusSeconds(600).toString()))
                .body("lastRun.durationSeconds", equalTo(600))
                .body("lastRun.nominalTime", equalTo(T0.toString()))
                .body("lastRun.trigger", equalTo("schedule"))
                .body("lastRun.format", equalTo("openlineage"));
        as("bob")
                .get("/api/pipelines/default/" + name + "/runs")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1));
    }

    @Test
    void aRetriedEventChangesNothingAndAFloodOfDuplicatesIsCounted() {
        String name = unique("dup");
        register(RunEvents.dataPipeline(name, "openlineage.io/job: interlock-test/" + name, null))
                .statusCode(201);
        String runId = UUID.randomUUID().toString();
        String start = lineage("START", T0, runId, "interlock-test", name, null);
        String fail = lineage(
                "FAIL",
                T0.plusSeconds(60),
                runId,
                "interlock-test",
                name,
                "\"errorMessage\": {\"message\": \"relation RAW.X does not exist\", \"programmingLanguage\": \"SQL\"}");
        postLineage(start).statusCode(201).body("accepted", equalTo(1));
        postLineage(fail).statusCode(201);
        for (int i = 0; i < 20; i++) {
            postLineage(fail).statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        }
        postLineage("[" + start + "," + fail + "," + fail + "]").statusCode(200).body("duplicates", equalTo(3));
        as("bob")
                .get(health(name))
                .then()
                .statusCode(200)
                .body("lastRun.state", equalTo("failed"))
                .body("lastRun.error", equalTo("relation RAW.X does not exist"))
                .body("status", equalTo("failing"));
        as("bob").get("/api/pipelines/default/" + name + "/runs").then().body("items.size()", equalTo(1));
        // A later-arriving START never overwrites the terminal state.
        postLineage(lineage("START", T0.plusSeconds(5), runId, "interlock-test", name, null))
                .statusCode(201);
        as("bob")
                .get(health(name))
                .then()
                .body("lastRun.state", equalTo("failed"))
                .body("lastRun.startedAt", equalTo(T0.toString()));
    }

    @Test
    void concurrentClientsSendingBothEventsOfEachRunAtOnceGetEveryRunRight() throws Exception {
        String name = unique("burst");
        register(RunEvents.dataPipeline(name, "openlineage.io/job: interlock-test/" + name, null))
                .statusCode(201);
        int runs = 40;
        List<String> ids = new java.util.ArrayList<>();
        List<java.util.concurrent.Callable<Integer>> posts = new java.util.ArrayList<>();
        for (int i = 0; i < runs; i++) {
            String runId = UUID.randomUUID().toString();
            ids.add(runId);
            Instant start = T0.plusSeconds(i * 60L);
            // COMPLETE and START of one run race each other on two connections; each twice (a client's retry).
            for (String event : List.of(
                    lineage("COMPLETE", start.plusSeconds(30), runId, "interlock-test", name, null),
                    lineage("START", start, runId, "interlock-test", name, null))) {
                posts.add(() -> postLineage(event).extract().statusCode());
                posts.add(() -> postLineage(event).extract().statusCode());
            }
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (var f : pool.invokeAll(posts)) {
                org.hamcrest.MatcherAssert.assertThat(f.get(), org.hamcrest.Matchers.oneOf(200, 201));
            }
        } finally {
            pool.shutdown();
        }
        var page = as("bob")
                .get("/api/pipelines/default/" + name + "/runs?limit=100")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(runs))
                .extract()
                .jsonPath();
        for (int i = 0; i < runs; i++) {
            Instant start = T0.plusSeconds(i * 60L);
            String prefix = "items.find { it.runId == '" + ids.get(i) + "' }.";
            org.hamcrest.MatcherAssert.assertThat(page.getString(prefix + "state"), equalTo("succeeded"));
            org.hamcrest.MatcherAssert.assertThat(page.getString(prefix + "startedAt"), equalTo(start.toString()));
            org.hamcrest.MatcherAssert.assertThat(
                    page.getString(prefix + "endedAt"),
                    equalTo(start.plusSeconds(30).toString()));
        }
    }

    @Test
    void aRunWhoseJobChangesPipelineMidRunStaysOneRun() {
        String job = unique("job"), first = unique("p"), second = unique("p");
        register(RunEvents.dataPipeline(first, "openlineage.io/job: airflow/" + job, null))
                .statusCode(201);
        String runId = UUID.randomUUID().toString();
        postLineage(lineage("START", T0, runId, "airflow", job, null)).statusCode(201);
        // The job moves to another pipeline while it runs; its COMPLETE ends the same run.
        dev.interlock.support.Api.registerAs(
                        "admin", RunEvents.dataPipeline(first, "openlineage.io/job: airflow/x", null))
                .statusCode(201);
        register(RunEvents.dataPipeline(second, "openlineage.io/job: airflow/" + job, null))
                .statusCode(201);
        postLineage(lineage("COMPLETE", T0.plusSeconds(60), runId, "airflow", job, null))
                .statusCode(201);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> as("bob")
                        .get("/api/pipelines/default/" + second + "/runs")
                        .then()
                        .body("items.size()", equalTo(1))
                        .body("items[0].runId", equalTo(runId))
                        .body("items[0].state", equalTo("succeeded")));
    }

    @Test
    void aChildRollsUpOnlyIntoItsOwnSourcesRun() {
        String mine = unique("dag"), theirs = unique("dag");
        register(RunEvents.dataPipeline(mine, "openlineage.io/job: airflow/" + mine, null))
                .statusCode(201);
        register(RunEvents.dataPipeline(theirs, "openlineage.io/job: prefect/" + theirs, null))
                .statusCode(201);
        // Both schedulers report a run with the same id (a badly made one, or a replayed event).
        String shared = UUID.randomUUID().toString();
        postLineage(lineage("START", T0, shared, "airflow", mine, null)).statusCode(201);
        String theirParent = "\"parent\": {\"run\": {\"runId\": \"" + shared + "\"}, \"job\": {\"namespace\": "
                + "\"prefect\", \"name\": \"" + theirs + "\"}}";
        postLineage(lineage("FAIL", T0.plusSeconds(20), UUID.randomUUID().toString(), "prefect", "task", theirParent))
                .statusCode(201);
        as("bob").get(health(mine)).then().body("lastRun.state", equalTo("running"));
        as("bob").get(health(theirs)).then().body("lastRun.state", equalTo("failed"));
    }

    @Test
    void childJobsRollUpIntoTheirParentsRunAndWildcardsClaimJobs() {
        String name = unique("dag");
        register(RunEvents.dataPipeline(name, "openlineage.io/job: airflow/" + name + ", dbt/" + name + ".*", null))
                .statusCode(201);
        String parent = UUID.randomUUID().toString();
        String child = UUID.randomUUID().toString();
        postLineage(lineage("START", T0, parent, "airflow", name, null)).statusCode(201);
        String parentFacet = "\"parent\": {\"run\": {\"runId\": \"" + parent + "\"}, \"job\": {\"namespace\": "
                + "\"airflow\", \"name\": \"" + name + "\"}}";
        postLineage(lineage("START", T0.plusSeconds(10), child, "airflow", name + ".load_orders", parentFacet))
                .statusCode(201);
        postLineage(lineage("FAIL", T0.plusSeconds(20), child, "airflow", name + ".load_orders", parentFacet))
                .statusCode(201);
        // The DAG run reported its own start: only its own end ends it (the task may be retried).
        as("bob")
                .get(health(name))
                .then()
                .body("lastRun.runId", equalTo(parent))
                .body("lastRun.state", equalTo("running"));
        postLineage(lineage("FAIL", T0.plusSeconds(30), parent, "airflow", name, null))
                .statusCode(201);
        as("bob")
                .get(health(name))
                .then()
                .body("lastRun.runId", equalTo(parent))
                .body("lastRun.state", equalTo("failed"));
        as("bob").get("/api/pipelines/default/" + name + "/runs").then().body("items.size()", equalTo(1));
        // A wildcard claims dbt's model jobs.
        String model = UUID.randomUUID().toString();
        postLineage(lineage("COMPLETE", T0.plusSeconds(900), model, "dbt", name + ".fct_revenue", null))
                .statusCode(201);
        as("bob")
                .get("/api/pipelines/default/" + name + "/runs")
                .then()
                .body("items.size()", equalTo(2))
                .body("items[0].runId", equalTo(model))
                .body("items[0].state", equalTo("succeeded"));
    }

    @Test
    void theSameRunIdFromAnotherSourceIsARunOfItsOwn() {
        String name = unique("deploy"), other = unique("build"), runId = unique("42");
        register(RunEvents.dataPipeline(name, "cdevents.dev/pipeline: " + name, null)
                        .replace("family: data", "family: delivery"))
                .statusCode(201);
        for (String predicate : List.of("started", "finished")) {
            postCDEvent(RunEvents.pipelineRun(
                            "0.4.1",
                            predicate,
                            UUID.randomUUID().toString(),
                            "tekton/ci",
                            T0.plusSeconds(predicate.equals("started") ? 0 : 60),
                            runId,
                            name,
                            predicate.equals("finished") ? "success" : null))
                    .statusCode(201);
        }
        // Jenkins numbers its builds too: build 42 of another job, from another source, fails.
        postCDEvent(RunEvents.pipelineRun(
                        "0.4.1",
                        "finished",
                        UUID.randomUUID().toString(),
                        "jenkins/other",
                        T0.plusSeconds(120),
                        runId,
                        other,
                        "failure"))
                .statusCode(201);
        as("bob")
                .get(health(name))
                .then()
                .body("lastRun.state", equalTo("succeeded"))
                .body("status", equalTo("healthy"));
        unbound(other).body("items.name", hasItem(other));
    }

    @Test
    void cloudEventsInBinaryAndStructuredModeCarryCDEvents04And05() {
        String name = unique("tekton");
        register(RunEvents.dataPipeline(name, "cdevents.dev/pipeline: " + name, null)
                        .replace("family: data", "family: delivery"))
                .statusCode(201);
        String source = "/tekton/ci/" + name;
        // 0.4.1 in binary mode: the CloudEvent's attributes in ce-* headers, the CDEvent as the body.
        String queued =
                RunEvents.pipelineRun("0.4.1", "queued", UUID.randomUUID().toString(), source, T0, "pr-1", name, null);
        CloudEvent binary = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create(source))
                .withType("dev.cdevents.pipelinerun.queued.0.1.1")
                .withTime(T0.atOffset(ZoneOffset.UTC))
                .withData("application/json", queued.getBytes(StandardCharsets.UTF_8))
                .build();
        Api.anonymous()
                .auth()
                .preemptive()
                .basic("ci", "ci")
                .contentType(binary.getDataContentType())
                .header("ce-specversion", binary.getSpecVersion().toString())
                .header("ce-id", binary.getId())
                .header("ce-source", binary.getSource().toString())
                .header("ce-type", binary.getType())
                .header("ce-time", binary.getTime().toString())
                .body(binary.getData().toBytes())
                .post("/api/cdevents")
                .then()
                .statusCode(201);
        // 0.5.1 in structured mode, serialised by the CloudEvents SDK's JSON format.
        String finished = RunEvents.pipelineRun(
                "0.5.1",
                "finished",
                UUID.randomUUID().toString(),
                source,
                T0.plusSeconds(300),
                "pr-1",
                name,
                "success");
        CloudEvent structured = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create(source))
                .withType("dev.cdevents.pipelinerun.finished.0.2.0")
                .withData("application/json", finished.getBytes(StandardCharsets.UTF_8))
                .build();
        EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        Api.anonymous()
                .auth()
                .preemptive()
                .basic("ci", "ci")
                .contentType(JsonFormat.CONTENT_TYPE)
                .body(format.serialize(structured))
                .post("/api/cdevents")
                .then()
                .statusCode(201);
        // 0.5.1 started, plain JSON, arriving last.
        postCDEvent(RunEvents.pipelineRun(
                        "0.5.1",
                        "started",
                        UUID.randomUUID().toString(),
                        source,
                        T0.plusSeconds(30),
                        "pr-1",
                        name,
                        null))
                .statusCode(201);
        as("bob")
                .get(health(name))
                .then()
                .body("lastRun.runId", equalTo("pr-1"))
                .body("lastRun.state", equalTo("succeeded"))
                .body("lastRun.queuedAt", equalTo(T0.toString()))
                .body("lastRun.startedAt", equalTo(T0.plusSeconds(30).toString()))
                .body("lastRun.url", equalTo("https://tekton.example/runs/pr-1"));
        // error is an infrastructure failure, counted as failed.
        postCDEvent(RunEvents.pipelineRun(
                        "0.5.1",
                        "finished",
                        UUID.randomUUID().toString(),
                        source,
                        T0.plusSeconds(900),
                        "pr-2",
                        name,
                        "error"))
                .statusCode(201);
        as("bob")
                .get(health(name))
                .then()
                .body("lastRun.state", equalTo("failed"))
                .body("lastRun.error", equalTo("step build failed\nexit 1"));
        // Unknown CDEvent types are kept, not refused; the same context id again is a retry.
        String incident = """
                {"context": {"specversion": "0.5.0", "id": "inc-1", "source": "%s", "type": "dev.cdevents.incident.detected.0.2.0",
                 "timestamp": "%s"}, "subject": {"id": "INC-7", "content": {"description": "p99 up", "environment": {"id": "prod"}}}}
                """.formatted(source, T0);
        postCDEvent(incident).statusCode(201);
        postCDEvent(incident).statusCode(200).body("duplicates", equalTo(1));
        // So is a pipeline run's predicate CDEvents may add later, but it makes no run (one would be queued for ever).
        postCDEvent(RunEvents.pipelineRun(
                        "0.5.1",
                        "exploded",
                        UUID.randomUUID().toString(),
                        source,
                        T0.plusSeconds(1000),
                        "pr-3",
                        name,
                        null))
                .statusCode(201);
        as("bob")
                .get("/api/pipelines/default/" + name + "/runs?limit=50")
                .then()
                .statusCode(200)
                .body("items.runId", containsInAnyOrder("pr-1", "pr-2"));
    }

    @Test
    void gitHubWorkflowRunsAreVerifiedByTheirSignatureAndBoundBySlugAndWorkflow() {
        String name = unique("gha");
        String repo = "northwind-cloud/" + name;
        register(RunEvents.dataPipeline(
                                name,
                                "github.com/project-slug: " + repo + "\ngithub.com/workflow: "
                                        + ".github/workflows/ci.yml",
                                null)
                        .replace("family: data", "family: delivery"))
                .statusCode(201);
        long id = 9_000_000L + (long) (Math.random() * 1_000_000);
        String ping = "{\"zen\": \"Keep it logically awesome.\", \"hook_id\": 1}";
        Api.anonymous()
                .contentType("application/json")
                .header("X-GitHub-Event", "ping")
                .header("X-Hub-Signature-256", RunEvents.sign(ping))
                .body(ping)
                .post("/api/webhooks/github")
                .then()
                .statusCode(200);
        String completed = RunEvents.workflowRun(
                "completed",
                id,
                1,
                repo,
                ".github/workflows/ci.yml",
                "failure",
                T0,
                T0.plusSeconds(420),
                "push",
                "jonas");
        // Unsigned, wrongly signed: 401 naming the header, nothing stored.
        Api.anonymous()
                .contentType("application/json")
                .header("X-GitHub-Event", "workflow_run")
                .body(completed)
                .post("/api/webhooks/github")
                .then()
                .statusCode(401)
                .body("errors[0].field", equalTo("X-Hub-Signature-256"));
        Api.anonymous()
                .contentType("application/json")
                .header("X-GitHub-Event", "workflow_run")
                .header("X-Hub-Signature-256", RunEvents.sign(completed + " "))
                .body(completed)
                .post("/api/webhooks/github")
                .then()
                .statusCode(401)
                .body("error.name", equalTo("AuthenticationError"));
        as("bob").get(health(name)).then().body("status", equalTo("unknown"));
        postGitHub(completed).statusCode(201);
        postGitHub(RunEvents.workflowRun(
                        "requested", id, 1, repo, ".github/workflows/ci.yml", null, T0, T0, "push", "jonas"))
                .statusCode(201);
        postGitHub(completed).statusCode(200).body("duplicates", equalTo(1));
        as("bob")
                .get(health(name))
                .then()
                .body("lastRun.state", equalTo("failed"))
                .body("lastRun.actor", equalTo("jonas"))
                .body("lastRun.url", equalTo("https://github.com/" + repo + "/actions/runs/" + id));
        // A re-run by hand restores it: a run of its own, manual, and its actor restored the episode.
        postGitHub(RunEvents.workflowRun(
                        "completed",
                        id,
                        2,
                        repo,
                        ".github/workflows/ci.yml",
                        "success",
                        T0.plusSeconds(1800),
                        T0.plusSeconds(2200),
                        "push",
                        "raj"))
                .statusCode(201);
        as("bob")
                .get(health(name))
                .then()
                .body("status", equalTo("healthy"))
                .body("lastRun.attempt", equalTo(2))
                .body("lastRun.manual", equalTo(true))
                .body("restorers", equalTo(List.of("user:raj")))
                .body("mttrSeconds", equalTo(2200 - 420))
                .body("manualShare30d", equalTo(0.5f));
    }

    @Test
    void anUnclaimedJobIsListedWithASnippetAndBindsWhenAPipelineClaimsIt() {
        String name = unique("orphan");
        String runId = UUID.randomUUID().toString();
        postLineage(lineage("COMPLETE", T0, runId, "hightouch", name, null)).statusCode(201);
        String latest = UUID.randomUUID().toString();
        postLineage(lineage("START", T0.plusSeconds(3600), latest, "hightouch", name, null))
                .statusCode(201);
        unbound(name)
                .body("items.job", hasItem("hightouch/" + name))
                // Seen last when its latest run started (the older one only ended, earlier).
                .body(item(name, "lastSeen"), equalTo(T0.plusSeconds(3600).toString()))
                .body(item(name, "runs"), equalTo(2))
                .body(
                        item(name, "yaml"),
                        org.hamcrest.Matchers.containsString("openlineage.io/job: \"hightouch/" + name + "\""));
        // Its end is heard from later still: seen last then, not when the run began.
        postLineage(lineage("FAIL", T0.plusSeconds(5400), latest, "hightouch", name, null))
                .statusCode(201);
        unbound(name)
                .body(item(name, "lastSeen"), equalTo(T0.plusSeconds(5400).toString()))
                .body(item(name, "runs"), equalTo(2));
        register(RunEvents.dataPipeline(name, "openlineage.io/job: hightouch/" + name, null))
                .statusCode(201);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> as("bob").get(health(name)).then().body("lastRun.runId", equalTo(latest)));
        unbound(name).body("items.job", not(hasItem("hightouch/" + name)));
    }

    /** The snippet offered for a job whose name holds line breaks and tabs registers a pipeline claiming that job. */
    @Test
    void theSnippetOfAJobWithLineBreaksInItsNameClaimsIt() {
        // JSON escapes: a line break, a tab, NEL and the line separator (YAML folds them when written raw), a C1
        // control character and U+FFFE (YAML refuses them).
        snippetClaims("job\\nline2: x\\t\\u0085nel\\u2028sep\\u0090c1\\ufffe", null);
    }

    @Test
    void theSnippetOfAJobWithACommaOrAStarInItsNameClaimsItAlone() {
        // The annotation separates several jobs with commas and reads * as a wildcard: the snippet escapes both.
        snippetClaims("insert into t(a, b) ", "insert into t(a");
        snippetClaims("a*b", "aZZb");
    }

    /** Registers the snippet /runs/unbound offers for a job; it claims the job's run and not its neighbour's. */
    private void snippetClaims(String jsonName, String neighbour) {
        String namespace = unique("ns");
        String runId = UUID.randomUUID().toString();
        postLineage(lineage("COMPLETE", T0, runId, namespace, jsonName, null)).statusCode(201);
        if (neighbour != null) {
            postLineage(lineage("COMPLETE", T0, UUID.randomUUID().toString(), namespace, neighbour, null))
                    .statusCode(201);
        }
        String yaml = unbound(namespace)
                .extract()
                .path("items.find { it.namespace == '" + namespace + "' && it.job != '" + namespace + "/"
                        + (neighbour == null ? "" : neighbour) + "' }.yaml");
        String pipeline = unique("claims");
        register(yaml.replace("group:CHANGE-ME", "group:revops")
                        .replace("user:CHANGE-ME", "user:alice")
                        .replaceFirst("name: .*", "name: " + pipeline))
                .statusCode(201);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> as("bob").get(health(pipeline)).then().body("lastRun.runId", equalTo(runId)));
        if (neighbour != null) {
            unbound(namespace).body("items.findAll { it.namespace == '" + namespace + "' }.name", hasSize(1));
        }
    }

    @Test
    void badEventsGetA4xxNamingTheFieldAndStoreNothing() {
        String name = unique("bad");
        String ok = lineage("START", T0, UUID.randomUUID().toString(), "bad-input", name, null);
        Map<String, String> cases = Map.of(
                "{\"eventType\": \"START\",",
                "",
                ok.replace("\"runId\": ", "\"notRunId\": "),
                "run.runId",
                ok.replace("\"job\": {", "\"jobx\": {"),
                "job",
                ok.replace("\"eventTime\": ", "\"time\": "),
                "eventTime",
                ok.replace("\"START\"", "\"FINISHED\""),
                "eventType",
                ok.replace(
                        T0.toString(), Instant.now().plus(2, ChronoUnit.HOURS).toString()),
                "eventTime",
                ok.replace(T0.toString(), "yesterday"),
                "eventTime",
                "[" + ok + "," + ok.replace("\"runId\": ", "\"x\": ") + "]",
                "[1].run.runId",
                ok + " " + ok,
                "",
                ok.replace("{", "{\"n\": NaN, "),
                "");
        cases.forEach((body, field) -> {
            var answer = postLineage(body)
                    .statusCode(400)
                    .body("error.name", equalTo("InputError"))
                    .body("response.statusCode", equalTo(400))
                    .body("request.url", equalTo("/api/v1/lineage"))
                    // The JSON library's internals stay out of answers.
                    .body("errors[0].message", not(containsString("Source")))
                    .body("errors[0].message", not(containsString("`")))
                    .body("errors[0].message", not(containsString("com.fasterxml")))
                    .body("errors[0].message", not(containsString("Feature")));
            if (!field.isEmpty()) {
                answer.body("errors[0].field", equalTo(field));
            } else {
                answer.body("errors[0].field", nullValue());
            }
        });
        // The index in the field path counts from 0; the message also says it the way people count.
        postLineage("[" + ok + "," + ok.replace("\"runId\": ", "\"x\": ") + "]")
                .statusCode(400)
                .body("errors[0].message", startsWith("event [1] (the 2nd of the array): "));
        // Times no tool reports (they broke every pipeline's health, or made it walk centuries of ticks) and ids
        // longer than the runs table keeps.
        Map<String, String> more = Map.of(
                ok.replace(T0.toString(), "0001-01-01T00:00:00Z"),
                "eventTime",
                lineage(
                        "START",
                        T0,
                        UUID.randomUUID().toString(),
                        "bad-input",
                        name,
                        "\"nominalTime\": {\"nominalStartTime\": \"-999999999-01-01T00:00:00Z\"}"),
                "run.facets.nominalTime.nominalStartTime",
                lineage("START", T0, "r".repeat(301), "bad-input", name, null),
                "run.runId",
                lineage("START", T0, UUID.randomUUID().toString(), "bad-input", "j".repeat(501), null),
                "job.name",
                lineage("START", T0, UUID.randomUUID().toString(), "bad-input", "x\\ud800y", null),
                "job.name",
                lineage("START", T0, UUID.randomUUID().toString(), "bad-input", "x\\u0000y", null),
                "job.name");
        // A start or a tick far from the event: health would walk the schedule up to a run from the future.
        Instant now = Instant.now();
        for (Instant created : List.of(Instant.parse("9999-12-31T00:00:00Z"), Instant.parse("1970-01-01T00:00:00Z"))) {
            postGitHub(RunEvents.workflowRun(
                            "completed", 7_777_001L, 1, "hx/far", "ci.yml", "failure", created, now, "push", "x"))
                    .statusCode(400)
                    .body("errors[0].field", equalTo("workflow_run.run_started_at"));
        }
        // A completed run whose end (updated_at) is before its start.
        postGitHub(RunEvents.workflowRun(
                        "completed",
                        7_777_002L,
                        1,
                        "hx/far",
                        "ci.yml",
                        "success",
                        now,
                        now.minusSeconds(600),
                        "push",
                        "x"))
                .statusCode(400)
                .body("errors[0].field", equalTo("workflow_run.updated_at"))
                .body("errors[0].message", containsString("a run cannot end before it starts"));
        postLineage(lineage(
                        "START",
                        T0,
                        UUID.randomUUID().toString(),
                        "bad-input",
                        name,
                        "\"nominalTime\": {\"nominalStartTime\": \"9999-12-31T00:00:00Z\"}"))
                .statusCode(400)
                .body("errors[0].field", equalTo("run.facets.nominalTime.nominalStartTime"));
        // A facet written twice, as OpenLineage Spark 1.53.0 writes processing_engine on a START (OpenLineage#4943):
        // the
        // event is a real producer's and is taken, not refused for JSON the spec only advises against.
        String twice = lineage(
                "START",
                T0,
                UUID.randomUUID().toString(),
                "bad-input",
                unique("spark"),
                "\"processing_engine\": {\"name\": \"spark\"}, \"processing_engine\": {\"name\": \"spark\"}");
        postLineage(twice).statusCode(201);
        String exploded = RunEvents.pipelineRun(
                "0.5.1", "finished", UUID.randomUUID().toString(), "/tekton", T0, "r1", name, "exploded");
        for (String outcome :
                List.of(exploded, exploded.replace("\"outcome\": \"exploded\"", "\"outcome\": {\"a\": 1}"))) {
            postCDEvent(outcome).statusCode(400).body("errors[0].field", equalTo("subject.content.outcome"));
        }
        more.forEach((body, field) -> postLineage(body)
                .statusCode(400)
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", not(containsString("Exception"))));
        postCDEvent("{\"context\": {\"version\": \"0.4.1\", \"source\": \"/x\", \"type\": \"dev.cdevents.pipelinerun"
                        + ".started.0.1.1\", \"timestamp\": \"" + T0
                        + "\"}, \"subject\": {\"id\": \"r\", \"content\": {"
                        + "\"pipelineName\": \"" + name + "\"}}}")
                .statusCode(400)
                .body("errors[0].field", equalTo("context.id"));
        // An id and source longer than the dedup key keeps (they made a 500).
        postCDEvent(RunEvents.pipelineRun("0.5.1", "started", "i".repeat(301), "/tekton", T0, "r1", name, null))
                .statusCode(400)
                .body("errors[0].field", equalTo("context.id"));
        postCDEvent(RunEvents.pipelineRun("0.5.1", "started", "i", "/" + "s".repeat(700), T0, "r1", name, null))
                .statusCode(400)
                .body("errors[0].field", equalTo("context.source"));
        postGitHub("{\"action\": \"completed\", \"workflow_run\": {\"path\": \"x.yml\"}}")
                .statusCode(400)
                .body("errors[0].field", equalTo("workflow_run.id"));
        // Content type, size, who.
        Api.anonymous()
                .auth()
                .preemptive()
                .basic("ci", "ci")
                .contentType("text/plain")
                .body(ok)
                .post("/api/v1/lineage")
                .then()
                .statusCode(415)
                .body("error.name", equalTo("UnsupportedMediaTypeError"));
        // A form or multipart body is refused before it is parsed as one (a malformed one made a 500).
        for (String form : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            var request = Api.anonymous().auth().preemptive().basic("ci", "ci").contentType(form);
            request = form.startsWith("multipart/")
                    ? request.body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    : request.body("{}");
            request.post("/api/v1/lineage")
                    .then()
                    .statusCode(415)
                    .body("error.message", containsString("send application/json"));
        }
        byte[] huge = new byte[6 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        Api.anonymous()
                .auth()
                .preemptive()
                .basic("ci", "ci")
                .contentType("application/json")
                .body(huge)
                .post("/api/v1/lineage")
                .then()
                .statusCode(413);
        Api.anonymous()
                .contentType("application/json")
                .body(ok)
                .post("/api/v1/lineage")
                .then()
                .statusCode(401)
                .body("error.message", containsString("the run-reporter role"));
        as("bob")
                .contentType("application/json")
                .body(ok)
                .post("/api/v1/lineage")
                .then()
                .statusCode(403)
                .body("error.name", equalTo("NotAllowedError"));
        as("bob")
                .contentType("application/json")
                .body(ok)
                .post("/api/cdevents")
                .then()
                .statusCode(403);
        // The run-reporter account reads nothing.
        Api.anonymous()
                .auth()
                .preemptive()
                .basic("ci", "ci")
                .get("/api/runs/unbound")
                .then()
                .statusCode(403);
        // Nothing of the refused bodies was stored; the server keeps serving.
        unbound(name).body("items.name", not(hasItem(name)));
        as("alice")
                .contentType("application/json")
                .body(ok)
                .post("/api/v1/lineage")
                .then()
                .statusCode(201);
        unbound(name).body("items.name", hasItem(name));
    }

    /** The unbound jobs {@code bob} finds by a search, answered 200. */
    private static ValidatableResponse unbound(String q) {
        return as("bob").queryParam("q", q).get("/api/runs/unbound").then().statusCode(200);
    }

    /** The path of a field of the unbound job of this name in {@link #unbound}'s answer. */
    private static String item(String name, String field) {
        return "items.find { it.name == '" + name + "' }." + field;
    }
}
