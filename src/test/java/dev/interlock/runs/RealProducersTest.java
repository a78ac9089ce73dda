package dev.interlock.runs;

import static dev.interlock.runs.RunEvents.postCDEvent;
import static dev.interlock.runs.RunEvents.postGitHub;
import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.lineage;
import static dev.interlock.support.Api.postLineage;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Events as real producers send them, beyond the shapes of the specs' own examples: dbt models and Spark jobs under
 * their parent's run, Airflow's data intervals and task retries, OpenLineage's JobEvent and DatasetEvent, GitHub's
 * sample delivery without {@code workflow_run.path}, a GitHub re-run, and Jenkins' CDEvents plugin, whose source is
 * each build's URL.
 */
@QuarkusTest
class RealProducersTest {

    private static final Instant T0 = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    /** What the Airflow OpenLineage provider sends as its producer. */
    private static final String AIRFLOW = "https://github.com/apache/airflow/tree/providers-openlineage/2.2.0";

    private static String runs(String name) {
        return "/api/pipelines/default/" + name + "/runs";
    }

    @Test
    void aDbtRunAndTheModelsOneWildcardAlsoClaimsAreOneRun() {
        String name = unique("dbt");
        registerDbtJobAndModels(name);
        String run = UUID.randomUUID().toString();
        String model = UUID.randomUUID().toString();
        String parent = RunEvents.parentFacet(run, "dbt-cloud", name);
        postLineage(lineage("START", T0, run, "dbt-cloud", name, null)).statusCode(201);
        postLineage(lineage("START", T0.plusSeconds(10), model, "dbt-cloud", name + ".orders", parent))
                .statusCode(201);
        postLineage(lineage("COMPLETE", T0.plusSeconds(60), model, "dbt-cloud", name + ".orders", parent))
                .statusCode(201);
        postLineage(lineage("COMPLETE", T0.plusSeconds(70), run, "dbt-cloud", name, null))
                .statusCode(201);
        oneSucceededRunOf70s(name, run);
    }

    /**
     * The same with the models' events first, before anything of the dbt run itself: they still roll up into it, as
     * they would were the models claimed by no pattern at all.
     */
    @Test
    void modelsAWildcardClaimsRollUpIntoTheirRunWhateverArrivesFirst() {
        String name = unique("dbt-early");
        registerDbtJobAndModels(name);
        String run = UUID.randomUUID().toString();
        String parent = RunEvents.parentFacet(run, "dbt-cloud", name);
        for (String model : List.of("orders", "customers")) {
            String id = UUID.randomUUID().toString();
            postLineage("[" + lineage("START", T0.plusSeconds(10), id, "dbt-cloud", name + "." + model, parent) + ","
                            + lineage("COMPLETE", T0.plusSeconds(60), id, "dbt-cloud", name + "." + model, parent)
                            + "]")
                    .statusCode(201);
        }
        postLineage("[" + lineage("START", T0, run, "dbt-cloud", name, null) + ","
                        + lineage("COMPLETE", T0.plusSeconds(70), run, "dbt-cloud", name, null) + "]")
                .statusCode(201);
        oneSucceededRunOf70s(name, run);
    }

    /** A dbt job claimed exactly, and its models by a wildcard. */
    private static void registerDbtJobAndModels(String name) {
        register(RunEvents.dataPipeline(
                        name, "openlineage.io/job: dbt-cloud/" + name + ", dbt-cloud/" + name + ".*", null))
                .statusCode(201);
    }

    private static void oneSucceededRunOf70s(String name, String run) {
        as("bob")
                .get(runs(name))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].runId", equalTo(run))
                .body("items[0].state", equalTo("succeeded"))
                .body("items[0].durationSeconds", equalTo(70));
    }

    /**
     * Airflow's own run ids are the same for every DAG of one logical date: two DAGs, claimed by two pipelines, that
     * report the same run id are two runs, each its pipeline's, and one's failure is not booked to the other.
     */
    @Test
    void twoDagsReportingTheSameRunIdAreTwoRuns() {
        String first = unique("orders-dag"), second = unique("billing-dag");
        register(RunEvents.dataPipeline(first, "openlineage.io/job: airflow/" + first, null))
                .statusCode(201);
        register(RunEvents.dataPipeline(second, "openlineage.io/job: airflow/" + second, null))
                .statusCode(201);
        String id = "scheduled__" + T0 + "-" + UUID.randomUUID();
        postLineage("[" + lineage("START", T0.plusSeconds(10), id, "airflow", first, null) + ","
                        + lineage("COMPLETE", T0.plusSeconds(300), id, "airflow", first, null) + "]")
                .statusCode(201);
        postLineage("[" + lineage("START", T0.plusSeconds(20), id, "airflow", second, null) + ","
                        + lineage(
                                "FAIL",
                                T0.plusSeconds(420),
                                id,
                                "airflow",
                                second,
                                "\"errorMessage\": {\"message\": \"billing broke\", \"programmingLanguage\": \"python\"}")
                        + "]")
                .statusCode(201);
        as("bob")
                .get(runs(first))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].state", equalTo("succeeded"))
                .body("items[0].error", nullValue());
        as("bob")
                .get(runs(second))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].state", equalTo("failed"))
                .body("items[0].error", equalTo("billing broke"))
                .body("items[0].durationSeconds", equalTo(400));
    }

    /**
     * Airflow's integrations before DAG-level events (openlineage-airflow, early providers) report only tasks, each
     * naming its DAG run as its parent: the DAG run succeeds with its tasks and fails with any of them, whatever order
     * the events arrive in, runs while one of them does, and ends at its last task's end (it never reports itself, so
     * it would otherwise never end).
     */
    @Test
    void dagRunsReportedOnlyByTheirTasksSucceedAndFailWithThem() {
        String dag = unique("legacy-dag");
        register(RunEvents.dataPipeline(dag, "openlineage.io/job: legacy-airflow/" + dag, null))
                .statusCode(201);
        String good = UUID.randomUUID().toString(), extract = UUID.randomUUID().toString();
        String load = UUID.randomUUID().toString();
        String parent = RunEvents.parentFacet(good, "legacy-airflow", dag);
        // The second task's end first, then the first task's events, then the second task's start.
        postLineage(lineage("COMPLETE", T0.plusSeconds(120), load, "legacy-airflow", dag + ".load", parent))
                .statusCode(201);
        postLineage(lineage("START", T0, extract, "legacy-airflow", dag + ".extract", parent))
                .statusCode(201);
        postLineage(lineage("COMPLETE", T0.plusSeconds(60), extract, "legacy-airflow", dag + ".extract", parent))
                .statusCode(201);
        postLineage(lineage("START", T0.plusSeconds(60), load, "legacy-airflow", dag + ".load", parent))
                .statusCode(201);
        as("bob")
                .get(runs(dag))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].runId", equalTo(good))
                .body("items[0].state", equalTo("succeeded"))
                .body("items[0].durationSeconds", equalTo(120));

        // A later DAG run: one task fails, another succeeds after it; the failure arrives last.
        Instant t1 = T0.plusSeconds(3600);
        String bad = UUID.randomUUID().toString();
        String badParent = RunEvents.parentFacet(bad, "legacy-airflow", dag);
        String failing = UUID.randomUUID().toString(),
                passing = UUID.randomUUID().toString();
        postLineage(lineage("START", t1, failing, "legacy-airflow", dag + ".load", badParent))
                .statusCode(201);
        postLineage(lineage("COMPLETE", t1.plusSeconds(100), passing, "legacy-airflow", dag + ".report", badParent))
                .statusCode(201);
        postLineage(lineage(
                        "FAIL",
                        t1.plusSeconds(90),
                        failing,
                        "legacy-airflow",
                        dag + ".load",
                        badParent + ", \"errorMessage\": {\"message\": \"SQL compilation error: Table 'ORDERS' does not"
                                + " exist\", \"programmingLanguage\": \"SQL\"}"))
                .statusCode(201);
        as("bob")
                .get(runs(dag))
                .then()
                .body("items.size()", equalTo(2))
                .body("items[0].runId", equalTo(bad))
                .body("items[0].state", equalTo("failed"))
                .body("items[0].durationSeconds", equalTo(100))
                .body("items[0].error", containsString("Table 'ORDERS' does not exist"));
        as("bob")
                .get("/api/pipelines/default/" + dag + "/health")
                .then()
                .body("status", equalTo("failing"))
                .body("reasons[0]", containsString("Table 'ORDERS' does not exist"));

        // The failed task is retried (a try of its own, the same task) and succeeds: the DAG run has succeeded, and
        // its pipeline is healthy again.
        String retry = UUID.randomUUID().toString();
        postLineage(lineage("START", t1.plusSeconds(400), retry, "legacy-airflow", dag + ".load", badParent))
                .statusCode(201);
        // While the retry runs, so does the DAG run: it has not failed, nor ended.
        as("bob").get(runs(dag)).then().body("items[0].runId", equalTo(bad)).body("items[0].state", equalTo("running"));
        postLineage(lineage("COMPLETE", t1.plusSeconds(460), retry, "legacy-airflow", dag + ".load", badParent))
                .statusCode(201);
        as("bob")
                .get(runs(dag))
                .then()
                .body("items.size()", equalTo(2))
                .body("items[0].runId", equalTo(bad))
                .body("items[0].state", equalTo("succeeded"))
                .body("items[0].error", nullValue())
                .body("items[0].durationSeconds", equalTo(460));
        as("bob").get("/api/pipelines/default/" + dag + "/health").then().body("status", equalTo("healthy"));
    }

    /** A child that another pipeline claims is that pipeline's run, not its parent's. */
    @Test
    void aChildAnotherPipelineClaimsStaysARunOfThatPipeline() {
        String dag = unique("dag"), spark = unique("spark");
        register(RunEvents.dataPipeline(dag, "openlineage.io/job: airflow/" + dag + "*", null))
                .statusCode(201);
        register(RunEvents.dataPipeline(spark, "openlineage.io/job: spark/" + spark, null))
                .statusCode(201);
        String run = UUID.randomUUID().toString();
        postLineage(lineage("START", T0, run, "airflow", dag, null)).statusCode(201);
        postLineage(lineage(
                        "FAIL",
                        T0.plusSeconds(30),
                        UUID.randomUUID().toString(),
                        "spark",
                        spark,
                        RunEvents.parentFacet(run, "airflow", dag)))
                .statusCode(201);
        as("bob").get(runs(spark)).then().body("items.size()", equalTo(1)).body("items[0].state", equalTo("failed"));
        as("bob").get(runs(dag)).then().body("items.size()", equalTo(1)).body("items[0].state", equalTo("running"));
    }

    /**
     * A Spark job started by an Airflow task names the task's run as its parent and the DAG's run as its root
     * (ParentRunFacet 1-1-0). The task's events went into the DAG's run, so the Spark job's go there too, through
     * the root.
     */
    @Test
    void aSparkJobStartedByAnAirflowTaskRollsUpIntoTheDagsRunThroughTheRoot() {
        String dag = unique("lead-scoring");
        register(RunEvents.dataPipeline(dag, "openlineage.io/job: airflow/" + dag, null))
                .statusCode(201);
        String dagRun = UUID.randomUUID().toString();
        String taskRun = UUID.randomUUID().toString();
        String sparkApp = unique("lead-score-app");
        postLineage(lineage("START", T0, dagRun, "airflow", dag, null)).statusCode(201);
        postLineage(lineage(
                        "START",
                        T0.plusSeconds(5),
                        taskRun,
                        "airflow",
                        dag + ".spark_score",
                        RunEvents.parentFacet(dagRun, "airflow", dag)))
                .statusCode(201);
        String sparkParent = "\"parent\": {\"run\": {\"runId\": \"" + taskRun + "\"}, \"job\": {\"namespace\": "
                + "\"airflow\", \"name\": \"" + dag + ".spark_score\"}, \"root\": {\"run\": {\"runId\": \"" + dagRun
                + "\"}, \"job\": {\"namespace\": \"airflow\", \"name\": \"" + dag + "\"}}}, "
                + "\"errorMessage\": {\"message\": \"java.lang.OutOfMemoryError\", \"programmingLanguage\": \"JAVA\"}";
        postLineage(lineage(
                        "FAIL",
                        T0.plusSeconds(300),
                        UUID.randomUUID().toString(),
                        "spark-cluster",
                        sparkApp,
                        sparkParent))
                .statusCode(201);
        as("bob")
                .get(runs(dag))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].runId", equalTo(dagRun))
                .body("items[0].state", equalTo("running"))
                .body("items[0].error", equalTo("java.lang.OutOfMemoryError"));
        as("bob").queryParam("q", sparkApp).get("/api/runs/unbound").then().body("items.name", not(hasItem(sparkApp)));
        // The DAG run's own failure ends it; the Spark job's error is still the reason.
        postLineage(lineage("FAIL", T0.plusSeconds(310), dagRun, "airflow", dag, null))
                .statusCode(201);
        as("bob")
                .get(runs(dag))
                .then()
                .body("items[0].state", equalTo("failed"))
                .body("items[0].error", equalTo("java.lang.OutOfMemoryError"));
    }

    /**
     * Producers in Go and .NET send nanoseconds, which the databases keep to the microsecond: two ends at the same
     * moment are still the same moment once one is stored, and the failure decides whichever arrives first.
     */
    @Test
    void twoEndsAtTheSameNanosecondFailWhicheverArrivesFirst() {
        String job = unique("go-sync");
        register(RunEvents.dataPipeline(job, "openlineage.io/job: go/" + job, null))
                .statusCode(201);
        Instant end = T0.plusNanos(123_456_789);
        for (boolean failFirst : new boolean[] {true, false}) {
            String run = UUID.randomUUID().toString();
            Instant at = end.plusSeconds(failFirst ? 0 : 600);
            for (String type : failFirst ? List.of("FAIL", "COMPLETE") : List.of("COMPLETE", "FAIL")) {
                postLineage(lineage(type, at, run, "go", job, null)).statusCode(201);
            }
            as("bob")
                    .get(runs(job))
                    .then()
                    .body("items.find { it.runId == '" + run + "' }.state", equalTo("failed"))
                    .body(
                            "items.find { it.runId == '" + run + "' }.endedAt",
                            equalTo(at.truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                                    .toString()));
        }
    }

    /**
     * Airflow's provider fails a DAG run with the reason {@code task_failure}: the failed task's own message stays the
     * run's error, whether the DAG run's FAIL arrives after the task's or before it.
     */
    @Test
    void aFailedTasksMessageOutlivesTheDagRunsTaskFailureReason() {
        String dag = unique("revenue-dag");
        register(RunEvents.dataPipeline(dag, "openlineage.io/job: airflow/" + dag, null))
                .statusCode(201);
        for (boolean dagFirst : new boolean[] {false, true}) {
            String dagRun = UUID.randomUUID().toString();
            String taskRun = UUID.randomUUID().toString();
            Instant start = T0.plusSeconds(dagFirst ? 3600 : 0);
            postLineage(lineage("START", start, dagRun, "airflow", dag, null)).statusCode(201);
            String taskFail = lineage(
                    "FAIL",
                    start.plusSeconds(60),
                    taskRun,
                    "airflow",
                    dag + ".load_orders",
                    RunEvents.parentFacet(dagRun, "airflow", dag)
                            + ", \"errorMessage\": {\"message\": \"KeyError: 'amount'\", \"programmingLanguage\": "
                            + "\"python\"}");
            String dagFail = lineage(
                    "FAIL",
                    start.plusSeconds(65),
                    dagRun,
                    "airflow",
                    dag,
                    "\"errorMessage\": {\"message\": \"task_failure\", \"programmingLanguage\": \"python\"}");
            for (String event : dagFirst ? List.of(dagFail, taskFail) : List.of(taskFail, dagFail)) {
                postLineage(event).statusCode(201);
            }
            as("bob")
                    .get(runs(dag))
                    .then()
                    .body("items[0].runId", equalTo(dagRun))
                    .body("items[0].state", equalTo("failed"))
                    .body("items[0].error", equalTo("KeyError: 'amount'"));
        }
    }

    /**
     * When another pipeline claims the task, a Spark job it started is that pipeline's, whether its event arrives
     * before the task's or after: the root stands in only for a parent nobody claims.
     */
    @Test
    void aSparkJobUnderATaskAnotherPipelineClaimsIsThatPipelinesWhateverArrivesFirst() {
        String dag = unique("etl"), step = unique("spark-step");
        register(RunEvents.dataPipeline(dag, "openlineage.io/job: airflow/" + dag, null))
                .statusCode(201);
        register(RunEvents.dataPipeline(step, "openlineage.io/job: airflow/" + dag + ".spark_step", null))
                .statusCode(201);
        String dagRun = UUID.randomUUID().toString();
        String taskRun = UUID.randomUUID().toString();
        postLineage(lineage("START", T0, dagRun, "airflow", dag, null)).statusCode(201);
        String sparkParent = "\"parent\": {\"run\": {\"runId\": \"" + taskRun + "\"}, \"job\": {\"namespace\": "
                + "\"airflow\", \"name\": \"" + dag + ".spark_step\"}, \"root\": {\"run\": {\"runId\": \"" + dagRun
                + "\"}, \"job\": {\"namespace\": \"airflow\", \"name\": \"" + dag + "\"}}}";
        // The Spark job's failure arrives before the task's own start.
        postLineage(lineage(
                        "FAIL", T0.plusSeconds(300), UUID.randomUUID().toString(), "spark", unique("app"), sparkParent))
                .statusCode(201);
        postLineage(lineage(
                        "START",
                        T0.plusSeconds(5),
                        taskRun,
                        "airflow",
                        dag + ".spark_step",
                        RunEvents.parentFacet(dagRun, "airflow", dag)))
                .statusCode(201);
        as("bob")
                .get(runs(step))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].runId", equalTo(taskRun))
                .body("items[0].state", equalTo("running"));
        as("bob").get(runs(dag)).then().body("items.size()", equalTo(1)).body("items[0].state", equalTo("running"));
        // The task reported its own start: its own end decides, whenever the Spark job's failure arrived.
        postLineage(lineage(
                        "FAIL",
                        T0.plusSeconds(310),
                        taskRun,
                        "airflow",
                        dag + ".spark_step",
                        RunEvents.parentFacet(dagRun, "airflow", dag)))
                .statusCode(201);
        as("bob").get(runs(step)).then().body("items[0].state", equalTo("failed"));
        as("bob").get(runs(dag)).then().body("items[0].state", equalTo("running"));
    }

    /**
     * A run naming itself as its parent is a run of its own, which finishes; a root facet too long to keep is
     * ignored, not a reason to refuse the event.
     */
    @Test
    void aRunThatIsItsOwnParentFinishesAndABadRootIsIgnored() {
        String name = unique("self");
        register(RunEvents.dataPipeline(name, "openlineage.io/job: etl/" + name, null))
                .statusCode(201);
        String run = UUID.randomUUID().toString();
        String self = "\"parent\": {\"run\": {\"runId\": \"" + run + "\"}, \"job\": {\"namespace\": \"etl\", "
                + "\"name\": \"" + name + "\"}, \"root\": {\"run\": {\"runId\": \"" + "r".repeat(400)
                + "\"}, \"job\": {\"name\": \"x\"}}}";
        postLineage(lineage("START", T0, run, "etl", name, self)).statusCode(201);
        postLineage(lineage("COMPLETE", T0.plusSeconds(30), run, "etl", name, self))
                .statusCode(201);
        as("bob").get(runs(name)).then().body("items.size()", equalTo(1)).body("items[0].state", equalTo("succeeded"));
    }

    /**
     * A task's first try fails and its retry succeeds; the DAG run succeeds. Airflow reports the try that will be
     * retried as failed: the DAG run, which reported its own start, is running with the try's error until the DAG run
     * ends, not failing; the try's error is not the succeeded run's.
     */
    @Test
    void aRetriedTaskLeavesNoErrorOnTheRunThatSucceeded() {
        String dag = unique("retry");
        register(RunEvents.dataPipeline(dag, "openlineage.io/job: airflow/" + dag, null))
                .statusCode(201);
        String dagRun = UUID.randomUUID().toString();
        String parent = RunEvents.parentFacet(dagRun, "airflow", dag);
        postLineage(lineage("START", T0, dagRun, "airflow", dag, null)).statusCode(201);
        postLineage(lineage(
                        "FAIL",
                        T0.plusSeconds(20),
                        UUID.randomUUID().toString(),
                        "airflow",
                        dag + ".load",
                        parent + ", \"errorMessage\": {\"message\": \"psycopg2.OperationalError: timeout\","
                                + " \"programmingLanguage\": \"python\"}"))
                .statusCode(201);
        as("bob")
                .get(runs(dag))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].state", equalTo("running"))
                .body("items[0].error", equalTo("psycopg2.OperationalError: timeout"));
        postLineage(lineage(
                        "COMPLETE", T0.plusSeconds(80), UUID.randomUUID().toString(), "airflow", dag + ".load", parent))
                .statusCode(201);
        postLineage(lineage("COMPLETE", T0.plusSeconds(90), dagRun, "airflow", dag, null))
                .statusCode(201);
        as("bob")
                .get(runs(dag))
                .then()
                .body("items[0].state", equalTo("succeeded"))
                .body("items[0].error", nullValue());
    }

    /**
     * The same events arriving in another order give the same run: a task's failure that arrives before its DAG run's
     * start (two producers' queues) leaves the DAG run running once the start arrives, and its own end decides.
     */
    @Test
    void aTasksFailureArrivingBeforeItsDagRunsStartDoesNotEndTheDagRun() {
        String dag = unique("order");
        register(RunEvents.dataPipeline(dag, "openlineage.io/job: airflow/" + dag, null))
                .statusCode(201);
        String dagRun = UUID.randomUUID().toString();
        String parent = RunEvents.parentFacet(dagRun, "airflow", dag);
        postLineage(lineage("FAIL", T0.plusSeconds(20), UUID.randomUUID().toString(), "airflow", dag + ".load", parent))
                .statusCode(201);
        // Until the DAG run reports anything itself, a task's failure is its end (a producer that reports only tasks).
        as("bob").get(runs(dag)).then().body("items.size()", equalTo(1)).body("items[0].state", equalTo("failed"));
        postLineage(lineage("START", T0, dagRun, "airflow", dag, null)).statusCode(201);
        as("bob")
                .get(runs(dag))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].state", equalTo("running"))
                .body("items[0].endedAt", nullValue());
        postLineage(lineage("COMPLETE", T0.plusSeconds(90), dagRun, "airflow", dag, null))
                .statusCode(201);
        as("bob")
                .get(runs(dag))
                .then()
                .body("items[0].state", equalTo("succeeded"))
                .body("items[0].durationSeconds", equalTo(90));
    }

    /**
     * Tekton's task runs roll up into their pipeline run: a failed task is the running pipeline run's error (not a run
     * of its own, nor an unclaimed job), and the pipeline run's own end decides its state.
     */
    @Test
    void tektonTaskRunsRollUpIntoTheirPipelineRun() {
        String name = unique("tekton");
        String source = "/tekton/" + name;
        String run = "pr-" + name;
        register(RunEvents.dataPipeline(name, "cdevents.dev/pipeline: " + name, null))
                .statusCode(201);
        postCDEvent(RunEvents.pipelineRun(
                        "0.4.1", "started", UUID.randomUUID().toString(), source, T0, run, name, null))
                .statusCode(201);
        postCDEvent(RunEvents.taskRun(
                        "started",
                        UUID.randomUUID().toString(),
                        source,
                        T0.plusSeconds(5),
                        run + "-build",
                        "build",
                        run,
                        null))
                .statusCode(201);
        postCDEvent(RunEvents.taskRun(
                        "finished",
                        UUID.randomUUID().toString(),
                        source,
                        T0.plusSeconds(60),
                        run + "-build",
                        "build",
                        run,
                        "failure"))
                .statusCode(201);
        as("bob")
                .get(runs(name))
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].runId", equalTo(run))
                .body("items[0].state", equalTo("running"))
                .body("items[0].error", equalTo("step build failed"));
        as("bob")
                .queryParam("q", "taskrun:build")
                .get("/api/runs/unbound")
                .then()
                .body("items.name", not(hasItem("taskrun:build")));
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

    /**
     * Airflow's provider sends the data interval as the nominal time: a run of {@code 0 * * * *} at 10:00 covers
     * 09:00–10:00 and is the 10:00 tick's, on time, not late for 09:00.
     */
    @Test
    void anAirflowRunIsTheTickAtTheEndOfItsDataInterval() {
        String dag = unique("hourly");
        register(RunEvents.dataPipeline(
                        dag, "openlineage.io/job: airflow/" + dag, "trigger:\n  schedule: \"0 * * * *\""))
                .statusCode(201);
        Instant tick = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        String run = UUID.randomUUID().toString();
        String interval = "\"nominalTime\": {\"nominalStartTime\": \"" + tick.minus(1, ChronoUnit.HOURS)
                + "\", \"nominalEndTime\": \"" + tick + "\"}";
        postLineage(lineage("START", tick.plusSeconds(5), run, "airflow", dag, interval)
                        .replace("https://github.com/OpenLineage/OpenLineage/tree/1.33.0/client/java", AIRFLOW))
                .statusCode(201);
        postLineage(lineage("COMPLETE", tick.plusSeconds(65), run, "airflow", dag, interval)
                        .replace("https://github.com/OpenLineage/OpenLineage/tree/1.33.0/client/java", AIRFLOW))
                .statusCode(201);
        as("bob")
                .get(runs(dag) + "?state=succeeded")
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].nominalTime", equalTo(tick.toString()))
                .body("items[0].lateForTick", nullValue());
        // Another producer's nominal start time is the tick itself, as the spec has it.
        String other = UUID.randomUUID().toString();
        Instant next = tick.plus(1, ChronoUnit.HOURS);
        String own = "\"nominalTime\": {\"nominalStartTime\": \"" + next + "\", \"nominalEndTime\": \""
                + next.plus(1, ChronoUnit.HOURS) + "\"}";
        postLineage(lineage("COMPLETE", next.plusSeconds(30), other, "airflow", dag, own))
                .statusCode(201);
        as("bob")
                .get(runs(dag) + "?state=succeeded")
                .then()
                .body("items.find { it.runId == '" + other + "' }.nominalTime", equalTo(next.toString()))
                .body("items.find { it.runId == '" + other + "' }.lateForTick", nullValue());
    }

    /**
     * JobEvent and DatasetEvent (spec 2-0-2) carry no run: they are kept, a retry of one is recognised, and an array
     * that mixes them with a RunEvent keeps the RunEvent.
     */
    @Test
    void jobAndDatasetEventsAreKeptWithTheRunEventsTheyArriveWith() {
        String name = unique("static");
        register(RunEvents.dataPipeline(name, "openlineage.io/job: etl/" + name, null))
                .statusCode(201);
        String run = UUID.randomUUID().toString();
        String jobEvent = """
                {"eventTime": "%s", "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.33.0/client/python",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent",
                 "job": {"namespace": "etl", "name": "%s", "facets": {}},
                 "inputs": [{"namespace": "postgres://db", "name": "public.orders"}], "outputs": []}
                """.formatted(T0, name);
        String datasetEvent = """
                {"eventTime": "%s", "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.33.0/client/python",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent",
                 "dataset": {"namespace": "postgres://db", "name": "public.orders", "facets": {}}}
                """.formatted(T0);
        String body = "[" + lineage("COMPLETE", T0.plusSeconds(60), run, "etl", name, null) + "," + jobEvent + ","
                + datasetEvent + "]";
        postLineage(body).statusCode(201).body("accepted", equalTo(3));
        postLineage(body).statusCode(200).body("duplicates", equalTo(3));
        as("bob").get(runs(name)).then().body("items.size()", equalTo(1)).body("items[0].runId", equalTo(run));
        // A JobEvent still names its job.
        postLineage(jobEvent.replace("\"namespace\": \"etl\", ", ""))
                .statusCode(400)
                .body("errors[0].field", equalTo("job.namespace"));
    }

    /**
     * GitHub's sample delivery (octokit/webhooks' workflow_run/completed) has no {@code workflow_run.path} and an
     * empty name; its top-level {@code workflow} names the workflow. A re-run's {@code created_at} stays the first
     * attempt's: it is queued when it is updated.
     */
    @Test
    void gitHubDeliveriesNamingTheWorkflowAtTheTopAndReRunsAreReadRight() throws Exception {
        String name = unique("octo");
        String repo = "octo-org/" + name;
        register(RunEvents.dataPipeline(
                                name,
                                "github.com/project-slug: " + repo
                                        + "\ngithub.com/workflow: .github/workflows/test.yml",
                                null)
                        .replace("family: data", "family: delivery"))
                .statusCode(201);
        long id = 7_000_000L + (long) (Math.random() * 1_000_000);
        ObjectMapper json = new ObjectMapper();
        ObjectNode sample = (ObjectNode) json.readTree(RunEvents.workflowRun(
                "completed", id, 1, repo, "unused", "success", T0, T0.plusSeconds(60), "push", "octocat"));
        ObjectNode run = (ObjectNode) sample.get("workflow_run");
        run.remove("path");
        run.put("name", "");
        sample.putObject("workflow").put("name", "test").put("path", ".github/workflows/test.yml");
        postGitHub(sample.toString()).statusCode(201);
        as("bob").get(runs(name)).then().body("items[0].runId", equalTo(String.valueOf(id)));
        Instant rerun = T0.plusSeconds(7200);
        postGitHub(RunEvents.workflowRun(
                        "requested", id, 2, repo, ".github/workflows/test.yml", null, T0, rerun, "push", "octocat"))
                .statusCode(201);
        as("bob")
                .get(runs(name))
                .then()
                .body("items.find { it.runId == '" + id + "-attempt-2' }.queuedAt", equalTo(rerun.toString()));
    }

    /**
     * A workflow run no runner picks up (the self-hosted runners are down) stays queued: past the duration SLO its
     * pipeline is degraded, and the reason says that nothing has started the run.
     */
    @Test
    void aWorkflowRunNoRunnerPicksUpDegradesItsPipeline() {
        String name = unique("queued");
        String repo = "octo-org/" + name;
        register(RunEvents.dataPipeline(
                                name,
                                "github.com/project-slug: " + repo + "\ngithub.com/workflow: .github/workflows/ci.yml",
                                "slo:\n  maxDuration: 30m\n")
                        .replace("family: data", "family: delivery"))
                .statusCode(201);
        long id = 8_000_000L + (long) (Math.random() * 1_000_000);
        Instant yesterday = T0.minus(1, ChronoUnit.DAYS);
        postGitHub(RunEvents.workflowRun(
                        "completed",
                        id,
                        1,
                        repo,
                        ".github/workflows/ci.yml",
                        "success",
                        yesterday,
                        yesterday.plusSeconds(300),
                        "push",
                        "octocat"))
                .statusCode(201);
        postGitHub(RunEvents.workflowRun(
                        "requested", id + 1, 1, repo, ".github/workflows/ci.yml", null, T0, T0, "push", "octocat"))
                .statusCode(201);
        as("bob")
                .get("/api/pipelines/default/" + name + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("degraded"))
                .body("lastRun.state", equalTo("queued"))
                .body("duration.overrunningRuns", equalTo(List.of(String.valueOf(id + 1))))
                .body("reasons[0]", containsString("run " + (id + 1) + " still queued since "))
                .body("reasons[0]", containsString("past its 30m duration SLO: nothing has started it"));
    }

    /**
     * Jenkins' CDEvents plugin sends each build's URL as the source: the snippet offered for an unclaimed build
     * claims every build of that job.
     */
    @Test
    void theSnippetForAJenkinsBuildClaimsEveryBuildOfItsJob() {
        String job = unique("payments-build");
        String first = "job/" + job + "/41/";
        postCDEvent(RunEvents.pipelineRun(
                        "0.4.1", "finished", UUID.randomUUID().toString(), first, T0, "41", job, "success"))
                .statusCode(201);
        postCDEvent(RunEvents.pipelineRun(
                        "0.4.1",
                        "finished",
                        UUID.randomUUID().toString(),
                        "job/" + job + "/40/",
                        T0.minusSeconds(600),
                        "40",
                        job,
                        "success"))
                .statusCode(201);
        String yaml = as("bob")
                .queryParam("q", job)
                .get("/api/runs/unbound")
                .then()
                // The two builds are one entry: one snippet claims them both.
                .body("items.findAll { it.name == '" + job + "' }.size()", equalTo(1))
                .body("items.find { it.name == '" + job + "' }.runs", equalTo(2))
                .body("items.find { it.name == '" + job + "' }.namespace", equalTo(first))
                .body(
                        "items.find { it.name == '" + job + "' }.annotations",
                        containsString("cdevents.dev/source: \"job/" + job + "/*\""))
                .extract()
                .path("items.find { it.name == '" + job + "' }.yaml");
        register(yaml.replace("group:CHANGE-ME", "group:data-engineering").replace("user:CHANGE-ME", "user:raj"))
                .statusCode(201);
        postCDEvent(RunEvents.pipelineRun(
                        "0.4.1",
                        "finished",
                        UUID.randomUUID().toString(),
                        "job/" + job + "/42/",
                        T0.plusSeconds(600),
                        "42",
                        job,
                        "failure"))
                .statusCode(201);
        String pipeline = "/api/pipelines/default/" + job.toLowerCase() + "/runs";
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> as("bob").get(pipeline).then().body("items.runId", equalTo(List.of("42", "41", "40"))));
    }
}
