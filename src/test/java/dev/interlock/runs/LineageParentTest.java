package dev.interlock.runs;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.lineage;
import static dev.interlock.support.Api.postLineage;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A child job's ParentRunFacet names the run (and job) it rolls up into: its ids are held to the lengths the runs
 * table keeps, as the event's own are, or the roll-up made a 500.
 */
@QuarkusTest
class LineageParentTest {

    private static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aParentLongerThanTheRunsTableKeepsIsRefusedNamingIt() {
        String name = unique("long-parent");
        register(RunEvents.dataPipeline(name, "openlineage.io/job: airflow/" + name + "*", null))
                .statusCode(201);
        Map<String, String> cases = Map.of(
                RunEvents.parentFacet("p".repeat(301), "airflow", name),
                "run.facets.parent.run.runId",
                RunEvents.parentFacet("q".repeat(701), "airflow", name),
                "run.facets.parent.run.runId",
                RunEvents.parentFacet(UUID.randomUUID().toString(), "airflow", name + "x".repeat(501)),
                "run.facets.parent.job.name",
                RunEvents.parentFacet(UUID.randomUUID().toString(), "n".repeat(501), name),
                "run.facets.parent.job.namespace");
        cases.forEach((facet, field) -> postLineage(
                        lineage("START", T0, UUID.randomUUID().toString(), "spark", name + ".task", facet))
                .statusCode(400)
                .body("errors[0].field", equalTo(field)));
    }

    /** The facet's schema requires the parent job's namespace: without it the parent was a job named {@code null}. */
    @Test
    void aParentWithoutItsJobsNamespaceIsRefusedNamingIt() {
        String name = unique("no-namespace");
        String facet = "\"parent\": {\"run\": {\"runId\": \"" + UUID.randomUUID() + "\"}, \"job\": {\"name\": \"" + name
                + "\"}}";
        postLineage(lineage("START", T0, UUID.randomUUID().toString(), "spark", name + ".task", facet))
                .statusCode(400)
                .body("errors[0].field", equalTo("run.facets.parent.job.namespace"));
    }

    /**
     * Values of the wrong type are refused naming where they are, not read as something else: a parent run id that is
     * a number, inputs that are no list, a dataset without its name. Nothing of the request is stored.
     */
    @Test
    void valuesOfTheWrongTypeAreRefusedNamingThem() {
        String name = unique("wrong-types");
        String run = UUID.randomUUID().toString();
        String good = lineage("START", T0, run, "spark", name, null);
        Map<String, String> cases = Map.of(
                lineage(
                        "START",
                        T0,
                        run,
                        "spark",
                        name,
                        "\"parent\": {\"run\": {\"runId\": 5}, \"job\":" + " {\"namespace\": \"a\", \"name\": \"b\"}}"),
                "run.facets.parent.run.runId",
                good.replace("\"inputs\": []", "\"inputs\": \"t\""),
                "inputs",
                good.replace("\"outputs\": []", "\"outputs\": [{\"namespace\": \"s3://bucket\"}]"),
                "outputs[0]");
        cases.forEach((event, field) -> postLineage("[" + good + "," + event + "]")
                .statusCode(400)
                .body("errors[0].field", equalTo("[1]." + field)));
        as("bob")
                .queryParam("q", name)
                .get("/api/runs/unbound")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
    }
}
