package dev.interlock.runs;

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
}
