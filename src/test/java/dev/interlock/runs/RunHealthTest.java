package dev.interlock.runs;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.lineage;
import static dev.interlock.support.Api.postLineage;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.support.Api;

/**
 * Health derived from runs: missed schedule ticks make a pipeline late with no event arriving; a failing pipeline
 * makes what reads its data {@code upstream} with the culprit chain, through a lineage cycle; success rate and
 * duration against SLOs; the health list filtered and paged; runs paged; rescoring after an event.
 */
@QuarkusTest
class RunHealthTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static void run(String namespace, String job, Instant start, Instant end, String type) {
        String id = UUID.randomUUID().toString();
        postLineage("[" + lineage("START", start, id, namespace, job, null) + ","
                        + lineage(type, end, id, namespace, job, null) + "]")
                .statusCode(201);
    }

    /** Resources of type table, each followed by a document separator. */
    private static String tables(String... names) {
        StringBuilder yaml = new StringBuilder();
        for (String name : names) {
            yaml.append("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Resource
                    metadata:
                      name: %s
                    spec:
                      type: table
                      owner: group:data-engineering
                    ---
                    """.formatted(name));
        }
        return yaml.toString();
    }

    /** A time as reasons give it: {@code 2026-12-03 18:04 UTC}. */
    private static String hm(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC)
                .format(t);
    }

    /**
     * A daily pipeline that ran at every tick is made hourly: the hours before the change were not this schedule's,
     * so none of them is missed, and the pipeline is not late for them.
     */
    @Test
    void aNewScheduleDoesNotJudgeTheTicksBeforeItsChange() {
        String name = unique("resched");
        String job = "openlineage.io/job: sched/" + name;
        register(RunEvents.dataPipeline(name, job, "trigger:\n  schedule: \"0 3 * * *\"\n"))
                .statusCode(201);
        Instant today = NOW.truncatedTo(ChronoUnit.DAYS).plus(3, ChronoUnit.HOURS);
        for (int day = 0; day <= 3; day++) {
            Instant tick = today.minus(day, ChronoUnit.DAYS);
            if (tick.isBefore(NOW)) {
                run("sched", name, tick.plusSeconds(60), tick.plusSeconds(300), "COMPLETE");
            }
        }
        as("bob")
                .get("/api/pipelines/default/" + name + "/health")
                .then()
                .body("status", equalTo("healthy"))
                .body("missedTicks7d", equalTo(0));
        // Changed by a member of its team (data-engineering): an admin.
        Api.registerAs("admin", RunEvents.dataPipeline(name, job, "trigger:\n  schedule: \"0 * * * *\"\n"))
                .statusCode(201);
        as("bob")
                .get("/api/pipelines/default/" + name + "/health")
                .then()
                .body("status", equalTo("healthy"))
                .body("missedTicks7d", equalTo(0));
        as("bob")
                .get("/api/pipelines/default/" + name + "/runs?state=missed")
                .then()
                .body("items.size()", equalTo(0));
    }

    @Test
    void aScheduleWhoseTicksPassWithoutRunsIsLateWithoutAnyEvent() {
        String name = unique("cron");
        register(RunEvents.dataPipeline(name, "openlineage.io/job: sched/" + name, """
                trigger:
                  schedule: "*/5 * * * *"
                  grace: 2m
                  timezone: Europe/Berlin
                """))
                .statusCode(201);
        // One run 40 minutes ago, then nothing: the ticks since have no run.
        run("sched", name, NOW.minus(40, ChronoUnit.MINUTES), NOW.minus(39, ChronoUnit.MINUTES), "COMPLETE");
        as("bob")
                .get("/api/pipelines/default/" + name + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("late"))
                // No GitHub workflow: runs carry no branch and all count.
                .body("judgedBranches", nullValue())
                .body("missedTicks7d", greaterThanOrEqualTo(6))
                .body("reasons[0]", containsString("no run for the tick"));
        as("bob")
                .get("/api/pipelines/default/" + name + "/runs?state=missed")
                .then()
                .statusCode(200)
                .body("items.size()", greaterThanOrEqualTo(6))
                .body("items.format", everyItem(equalTo("schedule")));
        // A run that comes 3 minutes after a missed tick (its grace is 2 minutes) is kept as late for that tick,
        // and the tick stays missed.
        Instant tick = Instant.ofEpochSecond((NOW.getEpochSecond() - 600) / 300 * 300);
        run("sched", name, tick.plus(3, ChronoUnit.MINUTES), tick.plus(4, ChronoUnit.MINUTES), "COMPLETE");
        as("bob")
                .get("/api/pipelines/default/" + name + "/runs")
                .then()
                .statusCode(200)
                .body(
                        "items.find { it.startedAt == '" + tick.plus(3, ChronoUnit.MINUTES) + "' }.lateForTick",
                        equalTo(tick.toString()))
                .body("items.find { it.nominalTime == '" + tick + "' && it.state == 'missed' }", notNullValue())
                .body("items.findAll { it.lateForTick != null }.size()", equalTo(1));
        Api.browserAs("bob")
                .get("/runs/default/" + name)
                .then()
                .statusCode(200)
                .body(containsString("late for the tick at " + tick.toString().substring(0, 10) + " "
                        + tick.toString().substring(11, 16) + " UTC"));
        // A schedule's timezone and grace are checked at registration.
        register(RunEvents.dataPipeline(unique("badtz"), "openlineage.io/job: sched/x", """
                trigger:
                  schedule: "0 * * * *"
                  timezone: Mars/Olympus
                  grace: soon
                """))
                .statusCode(400)
                .body("errors.field", hasItem("spec.pipeline.trigger.timezone"))
                .body("errors.field", hasItem("spec.pipeline.trigger.grace"));
    }

    /**
     * A model reads from an ingestion whose last success is older than its freshness SLO: the ingestion is late since
     * the SLO ran out, not since that success.
     */
    @Test
    void aLateCulpritIsLateSinceItsFreshnessSloRanOut() {
        String ingest = unique("stale"), model = unique("reader");
        register(RunEvents.dataPipeline(ingest, "openlineage.io/job: late/" + ingest, "slo:\n  freshness: 1h\n")
                        + "---\n"
                        + RunEvents.dataPipeline(
                                model,
                                "openlineage.io/job: late/" + model,
                                "trigger:\n  after: [component:" + ingest + "]\n"))
                .statusCode(201);
        Instant succeeded = NOW.minus(3, ChronoUnit.HOURS);
        run("late", ingest, succeeded.minus(5, ChronoUnit.MINUTES), succeeded, "COMPLETE");
        run("late", model, NOW.minus(20, ChronoUnit.MINUTES), NOW.minus(19, ChronoUnit.MINUTES), "COMPLETE");
        Instant lateSince = succeeded.plus(1, ChronoUnit.HOURS);
        as("bob")
                .get("/api/pipelines/default/" + model + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("upstream"))
                .body("culprits.entityRef", equalTo(List.of("component:default/" + ingest)))
                .body("culprits[0].status", equalTo("late"))
                .body("culprits[0].since", equalTo(lateSince.toString()))
                .body("reasons[0]", containsString(ingest + ", late since " + hm(lateSince)));
    }

    /**
     * Two ingestions feed a model and both fail: the culprit is the one whose failure the model's data is as old as,
     * not the one the walk meets first (named to come first).
     */
    @Test
    void ofTwoFailingUpstreamsTheCulpritIsTheOneTheDataIsAsOldAs() {
        String recent = "a-" + unique("ads"), old = "z-" + unique("crm"), model = unique("marketing");
        register(RunEvents.dataPipeline(recent, "openlineage.io/job: two/" + recent, null)
                        + "---\n" + RunEvents.dataPipeline(old, "openlineage.io/job: two/" + old, null)
                        + "---\n"
                        + RunEvents.dataPipeline(
                                model,
                                "openlineage.io/job: two/" + model,
                                "trigger:\n  after: [component:" + recent + ", component:" + old + "]\n"))
                .statusCode(201);
        run("two", old, NOW.minus(6, ChronoUnit.HOURS), NOW.minus(350, ChronoUnit.MINUTES), "COMPLETE");
        run("two", old, NOW.minus(5, ChronoUnit.HOURS), NOW.minus(295, ChronoUnit.MINUTES), "FAIL");
        run("two", recent, NOW.minus(30, ChronoUnit.MINUTES), NOW.minus(29, ChronoUnit.MINUTES), "COMPLETE");
        run("two", recent, NOW.minus(5, ChronoUnit.MINUTES), NOW.minus(4, ChronoUnit.MINUTES), "FAIL");
        run("two", model, NOW.minus(20, ChronoUnit.MINUTES), NOW.minus(19, ChronoUnit.MINUTES), "COMPLETE");
        as("bob")
                .get("/api/pipelines/default/" + model + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("upstream"))
                .body("culprits.entityRef", equalTo(List.of("component:default/" + old)))
                .body("reasons[0]", containsString(old + ", failing since"))
                .body(
                        "effectiveDataTime",
                        equalTo(NOW.minus(350, ChronoUnit.MINUTES).toString()));
        // A reader whose only run is still going has no result of its own yet, and says what it reads from.
        String report = unique("report");
        register(RunEvents.dataPipeline(
                        report, "openlineage.io/job: two/" + report, "trigger:\n  after: [component:" + old + "]\n"))
                .statusCode(201);
        postLineage("["
                        + lineage(
                                "START",
                                NOW.minus(2, ChronoUnit.MINUTES),
                                UUID.randomUUID().toString(),
                                "two",
                                report,
                                null)
                        + "]")
                .statusCode(201);
        as("bob")
                .get("/api/pipelines/default/" + report + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("unknown"))
                .body("reasons[0]", equalTo("no run has succeeded or failed yet"))
                .body("reasons[1]", containsString("reads data built from " + old + ", failing since"));
    }

    /**
     * A loop with nothing failing or late (ingest → raw → model → mart → sync → crm → ingest): the model's data is as
     * old as the ingestion it reads, not as the sync that reads the model's own output; and a reader of a daily load
     * older than its freshness SLO names that load as it is, healthy, with the time its data is from.
     */
    @Test
    void aLoopInTheLineageIsNotWalkedRoundAndAHealthyCulpritIsNamedAsHealthy() {
        String ingest = unique("ingest");
        String model = unique("model");
        String sync = unique("sync");
        String daily = unique("daily");
        String report = unique("report");
        String dash = unique("dash");
        String raw = unique("raw");
        String mart = unique("mart");
        String crm = unique("crm");
        String ads = unique("ads");
        StringBuilder yaml = new StringBuilder(tables(raw, mart, crm, ads));
        String[][] pipelines = {
            {ingest, crm, raw, "slo:\n  freshness: 2h\n"},
            {model, raw, mart, "slo:\n  freshness: 4h\n"},
            {sync, mart, crm, ""},
            {daily, null, ads, ""},
            {report, ads, null, "slo:\n  freshness: 4h\n"},
            {dash, mart, null, "slo:\n  freshness: 4h\n"}
        };
        for (String[] p : pipelines) {
            yaml.append(RunEvents.dataPipeline(
                            p[0],
                            "openlineage.io/job: loop/" + p[0],
                            (p[1] == null ? "" : "inputs: [resource:" + p[1] + "]\n")
                                    + (p[2] == null ? "" : "outputs: [resource:" + p[2] + "]\n")
                                    + p[3]))
                    .append("---\n");
        }
        register(yaml.toString()).statusCode(201);
        Instant longAgo = NOW.minus(10, ChronoUnit.HOURS);
        run("loop", sync, longAgo, longAgo.plusSeconds(60), "COMPLETE");
        run("loop", daily, longAgo, longAgo.plusSeconds(60), "COMPLETE");
        run("loop", ingest, NOW.minus(30, ChronoUnit.MINUTES), NOW.minus(25, ChronoUnit.MINUTES), "COMPLETE");
        run("loop", model, NOW.minus(15, ChronoUnit.MINUTES), NOW.minus(10, ChronoUnit.MINUTES), "COMPLETE");
        run("loop", report, NOW.minus(15, ChronoUnit.MINUTES), NOW.minus(10, ChronoUnit.MINUTES), "COMPLETE");
        run("loop", dash, NOW.minus(5, ChronoUnit.MINUTES), NOW.minus(4, ChronoUnit.MINUTES), "COMPLETE");
        // The model, and a reader of it outside the loop, whose data is as old as the model's: the rule is the graph's,
        // not the asking pipeline's.
        for (String reader : List.of(model, dash)) {
            as("bob")
                    .get("/api/pipelines/default/" + reader + "/health")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("healthy"))
                    .body("culprits", empty())
                    .body(
                            "effectiveDataTime",
                            equalTo(NOW.minus(25, ChronoUnit.MINUTES).toString()));
        }
        as("bob")
                .get("/api/pipelines/default/" + report + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("upstream"))
                .body("culprits.entityRef", equalTo(List.of("component:default/" + daily)))
                .body("culprits[0].status", equalTo("healthy"))
                .body("culprits[0].since", nullValue())
                .body(
                        "reasons[0]",
                        equalTo("reads data built from " + daily + ", as of " + hm(longAgo.plusSeconds(60))
                                + ", older than its 4h freshness SLO"));
        // The daily job runs again: the report's data stays old until its own next run, which is what to wait for.
        run("loop", daily, NOW.minus(8, ChronoUnit.MINUTES), NOW.minus(7, ChronoUnit.MINUTES), "COMPLETE");
        as("bob")
                .get("/api/pipelines/default/" + report + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("upstream"))
                .body(
                        "reasons[0]",
                        equalTo("reads data built from " + daily + ", as of " + hm(longAgo.plusSeconds(60))
                                + ", older than its 4h freshness SLO; " + daily + " has written newer data since "
                                + hm(NOW.minus(7, ChronoUnit.MINUTES)) + ", which its next run will read"));
        run("loop", report, NOW.minus(5, ChronoUnit.MINUTES), NOW.minus(4, ChronoUnit.MINUTES), "COMPLETE");
        as("bob")
                .get("/api/pipelines/default/" + report + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("healthy"))
                .body("culprits", empty());
    }

    /**
     * Two failing pipelines in a row: a reader names the first failure as the culprit, and the one on the way as
     * failing too; when the nearer one has failed for longer, the chain stops there.
     */
    @Test
    void theCulpritIsTheFirstFailureUpstreamWithEveryBrokenPipelineOnTheWay() {
        for (boolean fartherFailedFirst : new boolean[] {true, false}) {
            String source = unique("src");
            String middle = unique("mid");
            String reader = unique("rdr");
            String a = unique("a");
            String b = unique("b");
            StringBuilder yaml = new StringBuilder(tables(a, b));
            yaml.append(RunEvents.dataPipeline(
                            source, "openlineage.io/job: first/" + source, "outputs: [resource:" + a + "]\n"))
                    .append("---\n")
                    .append(RunEvents.dataPipeline(
                            middle,
                            "openlineage.io/job: first/" + middle,
                            "inputs: [resource:" + a + "]\noutputs: [resource:" + b + "]\n"))
                    .append("---\n")
                    .append(RunEvents.dataPipeline(
                            reader, "openlineage.io/job: first/" + reader, "inputs: [resource:" + b + "]\n"));
            register(yaml.toString()).statusCode(201);
            Instant early = NOW.minus(3, ChronoUnit.HOURS);
            Instant late = NOW.minus(1, ChronoUnit.HOURS);
            Instant sourceFailed = fartherFailedFirst ? early : late;
            Instant middleFailed = fartherFailedFirst ? late : early;
            run(
                    "first",
                    source,
                    NOW.minus(6, ChronoUnit.HOURS),
                    NOW.minus(6, ChronoUnit.HOURS).plusSeconds(60),
                    "COMPLETE");
            run(
                    "first",
                    middle,
                    NOW.minus(6, ChronoUnit.HOURS),
                    NOW.minus(6, ChronoUnit.HOURS).plusSeconds(120),
                    "COMPLETE");
            run("first", source, sourceFailed.minusSeconds(60), sourceFailed, "FAIL");
            run("first", middle, middleFailed.minusSeconds(60), middleFailed, "FAIL");
            run("first", reader, NOW.minus(10, ChronoUnit.MINUTES), NOW.minus(5, ChronoUnit.MINUTES), "COMPLETE");
            if (fartherFailedFirst) {
                as("bob")
                        .get("/api/pipelines/default/" + reader + "/health")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("upstream"))
                        .body(
                                "culprits.entityRef",
                                equalTo(List.of("component:default/" + middle, "component:default/" + source)))
                        .body(
                                "reasons[0]",
                                equalTo("reads data built from " + source + " through " + middle + " (failing since "
                                        + hm(middleFailed) + "), failing since " + hm(sourceFailed)));
            } else {
                as("bob")
                        .get("/api/pipelines/default/" + reader + "/health")
                        .then()
                        .statusCode(200)
                        .body("culprits.entityRef", equalTo(List.of("component:default/" + middle)))
                        .body(
                                "reasons[0]",
                                equalTo("reads data built from " + middle + ", failing since " + hm(middleFailed)));
            }
        }
    }

    @Test
    void aFailingIngestionMakesItsReadersUpstreamWithTheCulpritChainThroughACycle() {
        String ingest = unique("ingest");
        String model = unique("model");
        String sync = unique("sync");
        String raw = unique("raw");
        String mart = unique("mart");
        String crm = unique("crm");
        StringBuilder yaml = new StringBuilder(tables(raw, mart, crm));
        // crm -> ingest -> raw -> model -> mart -> sync -> crm: reverse ETL closes the cycle.
        yaml.append(RunEvents.dataPipeline(
                ingest,
                "openlineage.io/job: lin/" + ingest,
                "inputs: [resource:" + crm + "]\noutputs: [resource:" + raw + "]\nslo:\n  freshness: 2h\n"));
        yaml.append("---\n")
                .append(RunEvents.dataPipeline(
                        model,
                        "openlineage.io/job: lin/" + model,
                        "inputs: [resource:" + raw + "]\noutputs: [resource:" + mart
                                + "]\ntrigger:\n  after: [component:" + ingest + "]\nslo:\n  freshness: 3h\n"));
        yaml.append("---\n")
                .append(RunEvents.dataPipeline(
                        sync,
                        "openlineage.io/job: lin/" + sync,
                        "inputs: [resource:" + mart + "]\noutputs: [resource:" + crm + "]\nslo:\n  freshness: 6h\n"));
        register(yaml.toString()).statusCode(201);
        Instant h5 = NOW.minus(5, ChronoUnit.HOURS);
        run("lin", ingest, h5.minus(1, ChronoUnit.HOURS), h5.minus(50, ChronoUnit.MINUTES), "COMPLETE");
        run("lin", ingest, h5, h5.plusSeconds(120), "FAIL");
        run("lin", ingest, NOW.minus(1, ChronoUnit.HOURS), NOW.minus(58, ChronoUnit.MINUTES), "FAIL");
        run("lin", model, NOW.minus(30, ChronoUnit.MINUTES), NOW.minus(20, ChronoUnit.MINUTES), "COMPLETE");
        run("lin", sync, NOW.minus(15, ChronoUnit.MINUTES), NOW.minus(10, ChronoUnit.MINUTES), "COMPLETE");
        as("bob")
                .get("/api/pipelines/default/" + ingest + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("failing"))
                .body("episode.open", equalTo(true))
                .body("episode.runs", equalTo(2))
                .body("episode.since", equalTo(h5.plusSeconds(120).toString()));
        as("bob")
                .get("/api/pipelines/default/" + model + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("upstream"))
                .body("culprits.entityRef", equalTo(List.of("component:default/" + ingest)))
                .body("culprits[0].status", equalTo("failing"))
                .body("reasons[0]", containsString(ingest + ", failing since"))
                .body(
                        "effectiveDataTime",
                        equalTo(h5.minus(50, ChronoUnit.MINUTES).toString()));
        as("bob")
                .get("/api/pipelines/default/" + sync + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("upstream"))
                .body(
                        "culprits.entityRef",
                        equalTo(List.of("component:default/" + model, "component:default/" + ingest)));
        // The list: filter by status and family, paged with a cursor.
        as("bob")
                .get("/api/pipelines/health?status=upstream&family=data&limit=500")
                .then()
                .statusCode(200)
                .body("items.entityRef", hasItem("component:default/" + sync));
        String cursor = as("bob")
                .get("/api/pipelines/health?limit=2")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2))
                .extract()
                .path("pageInfo.nextCursor");
        as("bob")
                .get("/api/pipelines/health?limit=2&cursor=" + cursor)
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2));
        as("bob").get("/api/pipelines/health?limit=0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        // A cursor this API did not give out (valid Base64 of no reference) is refused, not read as the first page.
        for (String bad : new String[] {"AAAA", "Zm9v", "!!"}) {
            as("bob")
                    .get("/api/pipelines/health?cursor=" + bad)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("cursor"));
        }
        Api.as("ci")
                .contentType("application/json")
                .post("/api/v1/lineage")
                .then()
                .statusCode(400)
                .body("errors[0].message", equalTo("the body is empty; send an OpenLineage run event as JSON"));
        as("bob")
                .get("/api/pipelines/default/no-such-pipeline/health")
                .then()
                .statusCode(404)
                .body("error.name", equalTo("NotFoundError"));
        // The model fails too: round the loop each failing pipeline reads, through the others, from the other one.
        // A failing pipeline is its own culprit; the one it feeds is not named as the cause of its failure.
        run("lin", model, NOW.minus(8, ChronoUnit.MINUTES), NOW.minus(5, ChronoUnit.MINUTES), "FAIL");
        for (String failing : List.of(ingest, model)) {
            as("bob")
                    .get("/api/pipelines/default/" + failing + "/health")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("failing"))
                    .body("culprits", empty());
        }
    }

    /**
     * A run whose end never comes (a hung job, a lost COMPLETE) would otherwise show as merely running for ever: past
     * the duration SLO its pipeline is degraded, the reason naming the run and how long it has been going, in the API
     * and on the pipeline's page. One still within the SLO changes nothing.
     */
    @Test
    void aRunStillGoingPastItsDurationSloDegradesItsPipelineNamingTheRun() {
        String hung = unique("hung"), busy = unique("busy");
        register(RunEvents.dataPipeline(hung, "openlineage.io/job: hung/" + hung, "slo:\n  maxDuration: 30m\n")
                        + "---\n"
                        + RunEvents.dataPipeline(
                                busy, "openlineage.io/job: hung/" + busy, "slo:\n  maxDuration: 30m\n"))
                .statusCode(201);
        run("hung", hung, NOW.minus(3, ChronoUnit.HOURS), NOW.minus(175, ChronoUnit.MINUTES), "COMPLETE");
        String stuck = UUID.randomUUID().toString();
        // From the time of this test, not of the class: "2h 5m" holds for the next 40 seconds.
        Instant started = Instant.now()
                .minus(2, ChronoUnit.HOURS)
                .minus(5, ChronoUnit.MINUTES)
                .minusSeconds(20);
        postLineage("[" + lineage("START", started, stuck, "hung", hung, null) + "]")
                .statusCode(201);
        postLineage("["
                        + lineage(
                                "START",
                                NOW.minus(10, ChronoUnit.MINUTES),
                                UUID.randomUUID().toString(),
                                "hung",
                                busy,
                                null)
                        + "]")
                .statusCode(201);
        as("bob")
                .get("/api/pipelines/default/" + hung + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("degraded"))
                .body("lastRun.runId", equalTo(stuck))
                .body("lastRun.state", equalTo("running"))
                .body("duration.p95Seconds", equalTo(300))
                .body("duration.breached", equalTo(false))
                .body("duration.overrunning", equalTo(1))
                .body("duration.overrunningRuns", equalTo(List.of(stuck)))
                .body(
                        "reasons[0]",
                        equalTo("run " + stuck + " still running since " + hm(started)
                                + ", past its 30m duration SLO"));
        as("bob")
                .get("/api/pipelines/health?status=degraded&limit=500")
                .then()
                .statusCode(200)
                .body("items.entityRef", hasItem("component:default/" + hung));
        Api.browserAs("bob")
                .get("/catalog/default/component/" + hung)
                .then()
                .statusCode(200)
                .body(containsString("still running since " + hm(started)))
                .body(containsString("p95 5m, SLO 30m — met; 1 run queued or running past its 30m SLO"));
        as("bob")
                .get("/api/pipelines/default/" + busy + "/health")
                .then()
                .statusCode(200)
                .body("lastRun.state", equalTo("running"))
                .body("duration.overrunning", equalTo(0))
                .body("duration.overrunningRuns", equalTo(List.of()))
                .body("status", org.hamcrest.Matchers.not(equalTo("degraded")));
    }

    /** The status is the gravest finding, and the reasons name every one: failing, and stale, and below its rate. */
    @Test
    void aFailingPipelineAlsoSaysItsDataIsStaleAndItsSuccessRateLow() {
        String name = unique("stale");
        register(RunEvents.dataPipeline(
                        name, "openlineage.io/job: stale/" + name, "slo:\n  freshness: 2h\n  successRate: 0.9\n"))
                .statusCode(201);
        run("stale", name, NOW.minus(6, ChronoUnit.HOURS), NOW.minus(355, ChronoUnit.MINUTES), "COMPLETE");
        run("stale", name, NOW.minus(60, ChronoUnit.MINUTES), NOW.minus(55, ChronoUnit.MINUTES), "FAIL");
        as("bob")
                .get("/api/pipelines/default/" + name + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("failing"))
                .body("reasons.size()", equalTo(3))
                .body("reasons[0]", containsString("last run failed"))
                .body(
                        "reasons[1]",
                        equalTo("no success since " + hm(NOW.minus(355, ChronoUnit.MINUTES))
                                + ", over its 2h freshness SLO"))
                .body("reasons[2]", equalTo("success rate 50% over 30 days, below its 90% SLO"));
        Api.browserAs("bob")
                .get("/catalog/default/component/" + name)
                .then()
                .statusCode(200)
                .body(containsString("no success since " + hm(NOW.minus(355, ChronoUnit.MINUTES))));
    }

    @Test
    void successRateAndDurationAgainstTheirSlosAndRunsPaged() {
        String name = unique("flaky");
        // Its own team, so that the paged health overview narrowed to it shows it whatever else is failing.
        String team = unique("flaky-team");
        register(Api.group(team, "team", "") + "---\n"
                        + RunEvents.dataPipeline(
                                        name,
                                        "openlineage.io/job: flaky/" + name,
                                        "slo:\n  successRate: 0.9\n  maxDuration: 10m\n")
                                .replace("group:data-engineering", "group:" + team))
                .statusCode(201);
        for (int i = 0; i < 10; i++) {
            Instant start = NOW.minus(10 - i, ChronoUnit.HOURS);
            run("flaky", name, start, start.plus(i < 5 ? 5 : 15, ChronoUnit.MINUTES), i % 3 == 1 ? "FAIL" : "COMPLETE");
        }
        as("bob")
                .get("/api/pipelines/default/" + name + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("degraded"))
                .body("successRate.value", equalTo(0.7f))
                .body("successRate.finished", equalTo(10))
                .body("successRate.breached", equalTo(true))
                .body("successRate.failedRuns.size()", equalTo(3))
                .body("duration.p50Seconds", equalTo(300))
                .body("duration.p95Seconds", equalTo(900))
                .body("duration.breached", equalTo(true))
                .body("duration.p95Run", notNullValue())
                .body("mttrSeconds", notNullValue());
        String cursor = as("bob")
                .get("/api/pipelines/default/" + name + "/runs?limit=4")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(4))
                .extract()
                .path("pageInfo.nextCursor");
        as("bob")
                .get("/api/pipelines/default/" + name + "/runs?limit=4&cursor=" + cursor)
                .then()
                .body("items.size()", equalTo(4));
        as("bob")
                .get("/api/pipelines/default/" + name + "/runs?state=failed")
                .then()
                .body("items.size()", equalTo(3))
                .body("items.state", everyItem(equalTo("failed")));
        // Several states at once, as the health list takes several statuses.
        as("bob")
                .get("/api/pipelines/default/" + name + "/runs?state=failed,succeeded")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(10));
        as("bob")
                .get("/api/pipelines/default/" + name + "/runs?state=failed,missed")
                .then()
                .body("items.size()", equalTo(3));
        as("bob")
                .get("/api/pipelines/default/" + name + "/runs?state=failed&state=succeeded")
                .then()
                .body("items.size()", equalTo(10));
        // The health overview page takes a list of statuses too.
        Api.browserAs("bob")
                .get("/runs?status=failing,degraded&team=" + team)
                .then()
                .statusCode(200)
                .body(containsString("/catalog/default/component/" + name + "\""));
        Api.browserAs("bob")
                .get("/runs?status=failing,late&team=" + team)
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("/catalog/default/component/" + name + "\"")));
        // The Runs page takes the same list.
        String page = Api.browserAs("bob")
                .get("/runs/default/" + name + "?state=failed,missed")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(3, page.split("<tr class=\"run-failed\">", -1).length - 1);
        assertEquals(false, page.contains("<tr class=\"run-succeeded\">"));
        // Both chosen states are marked as chosen, and no other filter.
        assertEquals(2, page.split("aria-current=\"true\" class=\"chosen\"", -1).length - 1, page);
        assertTrue(page.contains("?state=failed\" aria-current=\"true\" class=\"chosen\">failed</a>"), page);
        assertTrue(page.contains("?state=missed\" aria-current=\"true\" class=\"chosen\">missed</a>"), page);
        for (String bad : List.of("exploded", "failed,exploded", "failed,")) {
            as("bob")
                    .get("/api/pipelines/default/" + name + "/runs?state=" + bad)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("state"))
                    .body("errors[0].message", containsString("one or more of queued, running, succeeded"));
        }
        // The health list checks its filters the same way: a typo is an error, not an empty list.
        for (String[] bad : new String[][] {{"status=failing,exploded", "status"}, {"family=zzz", "family"}}) {
            as("bob")
                    .get("/api/pipelines/health?" + bad[0])
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo(bad[1]));
        }
        as("bob")
                .get("/api/pipelines/health?status=failing,late&family=data")
                .then()
                .statusCode(200);
        as("bob").get("/api/pipelines/health?status=,").then().statusCode(400);
        // The total is of every page, whichever page is asked for.
        var first = as("bob")
                .get("/api/pipelines/health?limit=1")
                .then()
                .statusCode(200)
                .extract();
        int total = first.path("totalItems");
        String second = first.path("pageInfo.nextCursor");
        org.junit.jupiter.api.Assertions.assertNotNull(second, "more than one pipeline, so a next page");
        as("bob")
                .get("/api/pipelines/health?limit=1&cursor=" + second)
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(total));
        // A cursor no page gave out, for a time no timestamp column holds.
        String farFuture = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("+1000000000-01-01T00:00:00Z|1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        as("bob")
                .get("/api/pipelines/default/" + name + "/runs?cursor=" + farFuture)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        Api.browserAs("bob")
                .get("/runs/default/" + name + "?cursor=" + farFuture)
                .then()
                .statusCode(200);
    }

    @Test
    void aNewEventRescoresThePipelineWithinASecond() {
        String name = unique("scored");
        register(RunEvents.dataPipeline(name, "openlineage.io/job: score/" + name, "slo:\n  successRate: 0.9\n"))
                .statusCode(201);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> as("bob")
                        .get("/api/catalog/entities/by-name/component/default/" + name + "/scorecards")
                        .then()
                        .statusCode(200)
                        .body(
                                "items.find { it.scorecardRef == 'scorecard:default/survivability' }.failed.id",
                                hasItem("reports-runs")));
        run("score", name, NOW.minus(2, ChronoUnit.MINUTES), NOW.minus(1, ChronoUnit.MINUTES), "COMPLETE");
        long sent = System.nanoTime();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> as("bob")
                        .get("/api/catalog/entities/by-name/component/default/" + name + "/scorecards")
                        .then()
                        .body(
                                "items.find { it.scorecardRef == 'scorecard:default/survivability' }.passed",
                                hasItem("reports-runs")));
        long millis = (System.nanoTime() - sent) / 1_000_000;
        org.junit.jupiter.api.Assertions.assertTrue(millis < 1_500, "rescored after " + millis + " ms");
    }
}
