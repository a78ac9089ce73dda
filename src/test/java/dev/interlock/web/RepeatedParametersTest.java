package dev.interlock.web;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.group;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.runs.RunEvents;
import dev.interlock.support.Api;

/**
 * A query parameter that takes one value is refused when given twice, rather than read as its first value: a proxy
 * appending {@code dryRun=true} must not get a real write. Parameters taken as lists may repeat; pages stay lenient.
 */
@QuarkusTest
class RepeatedParametersTest {

    @Test
    void aDryRunGivenTwiceIsRefusedAndWritesNothing() {
        String name = unique("twice");
        for (String query : new String[] {"dryRun=false&dryRun=true", "dryRun=true&dryRun=false"}) {
            as("alice")
                    .contentType("application/yaml")
                    .body(group(name, "team", ""))
                    .post("/api/catalog/entities?" + query)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("dryRun"))
                    .body("errors[0].message", equalTo("\"dryRun\" takes one value and was given 2; give it once"));
        }
        as("bob")
                .get("/api/catalog/entities/by-name/group/default/" + name)
                .then()
                .statusCode(404);
    }

    @Test
    void singleValuedParametersOfTheApiAreRefusedWhenRepeated() {
        for (String[] bad : new String[][] {
            {"/api/pipelines/health?limit=1&limit=zzz", "limit"},
            {"/api/pipelines/health?production=true&production=maybe", "production"},
            {"/api/pipelines/health?family=data&family=delivery", "family"},
            {"/api/catalog/entities?limit=1&limit=2", "limit"},
            {"/api/runs/unbound?q=a&q=b", "q"}
        }) {
            as("bob").get(bad[0]).then().statusCode(400).body("errors[0].field", equalTo(bad[1]));
        }
    }

    @Test
    void listParametersMayRepeat() {
        // One failing and one healthy pipeline, so that a repeated status read as its first value would miss one.
        Instant now = Instant.now();
        for (String outcome : List.of("FAIL", "COMPLETE")) {
            String name = unique("repeat");
            Api.registerAs("admin", RunEvents.dataPipeline(name, "openlineage.io/job: repeat/" + name, null))
                    .statusCode(201);
            String id = UUID.randomUUID().toString();
            Api.postLineage("[" + Api.lineage("START", now.minus(10, ChronoUnit.MINUTES), id, "repeat", name, null)
                            + "," + Api.lineage(outcome, now.minus(5, ChronoUnit.MINUTES), id, "repeat", name, null)
                            + "]")
                    .statusCode(201);
        }
        int failing = total("/api/pipelines/health?status=failing&limit=1");
        int healthy = total("/api/pipelines/health?status=healthy&limit=1");
        assertEquals(failing + healthy, total("/api/pipelines/health?status=failing&status=healthy&limit=1"));
        assertEquals(failing + healthy, total("/api/pipelines/health?status=failing,healthy&limit=1"));
        as("bob")
                .get("/api/catalog/entities?filter=kind=group&filter=kind=user&limit=1")
                .then()
                .statusCode(200);
        Api.browserAs("bob").get("/runs?status=failing&status=late").then().statusCode(200);
    }

    private static int total(String path) {
        return as("bob").get(path).then().statusCode(200).extract().path("totalItems");
    }
}
