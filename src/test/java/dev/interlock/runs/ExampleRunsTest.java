package dev.interlock.runs;

import static dev.interlock.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.support.Api;

/**
 * The example run history (runs.md §6), sent through the real ingestion path at start: the demo shows failing,
 * late, upstream, degraded and healthy pipelines of both families.
 */
@QuarkusTest
class ExampleRunsTest {

    private static io.restassured.response.ValidatableResponse health(String name) {
        return as("bob")
                .get("/api/pipelines/default/" + name + "/health")
                .then()
                .statusCode(200);
    }

    @Test
    void theSalesforceIngestionFailsForHoursAndItsReadersAreUpstream() {
        health("fivetran-salesforce")
                .body("status", equalTo("failing"))
                .body("episode.open", equalTo(true))
                .body("episode.runs", greaterThanOrEqualTo(4))
                .body("reasons[0]", containsString("INVALID_SESSION_ID"))
                // Syncari writes back to Salesforce and is late because the ingestion fails: a loop in the lineage
                // does not make the failing pipeline blame the one waiting on it.
                .body("culprits", org.hamcrest.Matchers.empty())
                .body("reasons", org.hamcrest.Matchers.not(hasItem(containsString("syncari"))));
        health("dbt-revenue-models")
                .body("status", equalTo("upstream"))
                .body("culprits.entityRef", hasItem("component:default/fivetran-salesforce"))
                .body("lastSuccessAt", org.hamcrest.Matchers.notNullValue());
        health("census-accounts-to-hubspot")
                .body("status", equalTo("upstream"))
                .body(
                        "culprits.entityRef",
                        equalTo(List.of(
                                "component:default/dbt-revenue-models", "component:default/fivetran-salesforce")));
    }

    /**
     * The history is sent once, at the first start: a run it would leave going would never get its end and would, past
     * its pipeline's duration SLO, degrade it for a month. Every example run has ended.
     */
    @Test
    void noExampleRunIsLeftRunning() {
        as("bob")
                .get("/api/pipelines/health?limit=500")
                .then()
                .statusCode(200)
                .body("items.size()", greaterThan(5))
                .body(
                        "items.findAll { it.lastRun != null && it.lastRun.state == 'running' }",
                        org.hamcrest.Matchers.empty())
                .body("items.duration.overrunning", org.hamcrest.Matchers.everyItem(equalTo(0)));
    }

    @Test
    void thePersonalLoginSyncMissesTicksAndTheFlakyBuildIsDegraded() {
        health("syncari-sfdc-hubspot-sync").body("status", equalTo("late")).body("missedTicks7d", greaterThan(3));
        health("billing-service-jenkins-build")
                .body("status", equalTo("degraded"))
                .body("successRate.breached", equalTo(true))
                .body("lastRun.format", equalTo("cdevents"));
        health("web-storefront-nightly-release")
                .body("restorers", equalTo(List.of("user:carol")))
                .body("manualShare30d", greaterThan(0f))
                .body("lastRun.format", equalTo("github"));
        health("checkout-service-ci").body("status", equalTo("healthy"));
        health("airbyte-marketing-ads").body("status", equalTo("healthy"));
        as("bob")
                .get("/api/pipelines/health?status=failing,late,upstream&limit=500")
                .then()
                .statusCode(200)
                .body("items.entityRef", hasItem("component:default/fivetran-salesforce"))
                .body("items.entityRef", hasItem("component:default/syncari-sfdc-hubspot-sync"));
    }

    @jakarta.inject.Inject
    dev.interlock.runs.derive.ScheduledJobs jobs;

    @Test
    void metricsCountEventsPerFormatAndPipelinesPerStatus() {
        String body = dev.interlock.support.Api.as("admin")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        org.junit.jupiter.api.Assertions.assertTrue(
                body.contains("interlock_pipelines_by_status{status=\"failing\"}"),
                body.lines().filter(l -> l.contains("interlock")).toList().toString());
        Api.postLineage("{").statusCode(400);
        body = dev.interlock.support.Api.as("admin")
                .get("/q/metrics")
                .then()
                .extract()
                .asString();
        org.junit.jupiter.api.Assertions.assertTrue(
                body.lines()
                        .anyMatch(l -> l.startsWith("interlock_run_events_total")
                                && l.contains("format=\"openlineage\"")
                                && l.contains("outcome=\"refused\"")),
                body);
    }

    @Test
    void retentionPrunesEventsAndRunsOlderThanItsWindow() {
        String name = dev.interlock.support.Api.unique("ancient");
        java.time.Instant old = java.time.Instant.now().minus(200, java.time.temporal.ChronoUnit.DAYS);
        Api.postLineage(Api.lineage("COMPLETE", old, java.util.UUID.randomUUID().toString(), "old", name, null))
                .statusCode(201);
        as("bob").queryParam("q", name).get("/api/runs/unbound").then().body("items.name", hasItem(name));
        int[] deleted = jobs.prune(java.time.Instant.now().minus(java.time.Duration.ofDays(90)));
        org.junit.jupiter.api.Assertions.assertTrue(
                deleted[0] >= 1 && deleted[1] >= 1, java.util.Arrays.toString(deleted));
        as("bob")
                .queryParam("q", name)
                .get("/api/runs/unbound")
                .then()
                .body("items.name", org.hamcrest.Matchers.not(hasItem(name)));
        health("fivetran-salesforce").body("status", equalTo("failing"));
    }

    @Test
    void theHealthPagesAnswerWithAnyFilterAndLinkRunsInTheirOwnNamespace() {
        for (String path : List.of("/runs", "/runs?status=", "/runs?family=delivery", "/runs?status=failing")) {
            dev.interlock.support.Api.browserAs("bob").get(path).then().statusCode(200);
        }
        // Two pipelines of one team, one in another namespace (the list is paged: narrowed to the team, both show).
        String name = dev.interlock.support.Api.unique("ns-pipe");
        String home = dev.interlock.support.Api.unique("home-pipe");
        String team = dev.interlock.support.Api.unique("ns-team");
        dev.interlock.support.Api.registerAs(
                        "admin",
                        dev.interlock.support.Api.group(team, "team", "")
                                + "---\n"
                                + RunEvents.dataPipeline(name, "openlineage.io/job: nsjobs/" + name, null)
                                        .replace("  name: " + name, "  name: " + name + "\n  namespace: team-b")
                                        .replace("group:data-engineering", "group:default/" + team)
                                + "---\n"
                                + RunEvents.dataPipeline(home, "openlineage.io/job: nsjobs/" + home, null)
                                        .replace("group:data-engineering", "group:default/" + team))
                .statusCode(201);
        dev.interlock.support.Api.browserAs("bob")
                .get("/runs?team=" + team)
                .then()
                .statusCode(200)
                .body(containsString("href=\"/runs/team-b/" + name + "\""))
                .body(containsString("href=\"/runs/default/" + home + "\""));
        dev.interlock.support.Api.browserAs("bob")
                .get("/runs/team-b/" + name)
                .then()
                .statusCode(200)
                .body(containsString("href=\"/runs/team-b/" + name + "?state=failed\""));
        // A viewer is shown the snippets of unclaimed jobs, not a form he may not send.
        Api.postLineage(Api.lineage(
                        "COMPLETE",
                        java.time.Instant.now(),
                        java.util.UUID.randomUUID().toString(),
                        "unclaimed",
                        dev.interlock.support.Api.unique("unclaimed-job"),
                        null))
                .statusCode(201);
        dev.interlock.support.Api.browserAs("bob")
                .get("/runs/unbound")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("action=\"/register/preview\"")));
        dev.interlock.support.Api.browserAs("alice")
                .get("/runs/unbound")
                .then()
                .statusCode(200)
                .body(containsString("action=\"/register/preview\""))
                // Times as every page writes them, not as the API does.
                .body(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*last seen \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\..*"))
                .body(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.matchesPattern("(?s).*last seen \\d{4}-\\d{2}-\\d{2}T.*")));
    }
}
