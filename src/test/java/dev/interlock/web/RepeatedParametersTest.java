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
        // One failing and one healthy pipeline of a team of their own, so that the lists are exactly these.
        String team = unique("repeat-team");
        Api.registerAs("admin", group(team, "team", "")).statusCode(201);
        Instant now = Instant.now();
        List<String> refs = new java.util.ArrayList<>();
        for (String outcome : List.of("FAIL", "COMPLETE")) {
            String name = unique("repeat");
            refs.add("component:default/" + name);
            Api.registerAs(
                            "admin",
                            RunEvents.dataPipeline(name, "openlineage.io/job: repeat/" + name, null)
                                    .replace("owner: group:data-engineering", "owner: group:" + team))
                    .statusCode(201);
            String id = UUID.randomUUID().toString();
            Api.postLineage("[" + Api.lineage("START", now.minus(10, ChronoUnit.MINUTES), id, "repeat", name, null)
                            + "," + Api.lineage(outcome, now.minus(5, ChronoUnit.MINUTES), id, "repeat", name, null)
                            + "]")
                    .statusCode(201);
        }
        String owner = "&owner=group:default/" + team;
        assertEquals(List.of(refs.get(0)), refs("/api/pipelines/health?status=failing" + owner));
        assertEquals(List.of(refs.get(1)), refs("/api/pipelines/health?status=healthy" + owner));
        List<String> both = refs.stream().sorted().toList();
        assertEquals(both, refs("/api/pipelines/health?status=failing&status=healthy" + owner));
        assertEquals(both, refs("/api/pipelines/health?status=failing,healthy" + owner));
        // An empty status asks for none in particular, alone or beside one that does.
        assertEquals(both, refs("/api/pipelines/health?status=" + owner));
        assertEquals(List.of(refs.get(0)), refs("/api/pipelines/health?status=&status=failing" + owner));
        // A pipeline's runs take state= the same way.
        String runs =
                "/api/pipelines/default/" + refs.get(0).substring(refs.get(0).indexOf('/') + 1) + "/runs";
        assertEquals(1, runCount(runs + "?state=&state=failed"));
        assertEquals(0, runCount(runs + "?state=&state=succeeded"));
        assertEquals(1, runCount(runs + "?state="));
        as("bob")
                .get("/api/catalog/entities?filter=kind=group&filter=kind=user&limit=1")
                .then()
                .statusCode(200);
        Api.browserAs("bob").get("/runs?status=failing&status=late").then().statusCode(200);
    }

    private static int runCount(String path) {
        return as("bob").get(path).then().statusCode(200).extract().path("items.size()");
    }

    private static List<String> refs(String path) {
        return as("bob").get(path).then().statusCode(200).extract().path("items.entityRef");
    }
}
