package dev.interlock.runs;

import static dev.interlock.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The example run history (runs.md §6), sent through the real ingestion path at start: the demo shows failing,
 * late, upstream, degraded and healthy pipelines of both families.
 */
@QuarkusTest
class ExampleRunsTest {

    private static io.restassured.response.ValidatableResponse health(String name) {
        return as("bob").get("/api/pipelines/default/" + name + "/health").then().statusCode(200);
    }

    @Test
    void theSalesforceIngestionFailsForHoursAndItsReadersAreUpstream() {
        health("fivetran-salesforce").body("status", equalTo("failing")).body("episode.open", equalTo(true))
                .body("episode.runs", greaterThanOrEqualTo(4))
                .body("reasons[0]", containsString("INVALID_SESSION_ID"));
        health("dbt-revenue-models").body("status", equalTo("upstream"))
                .body("culprits.entityRef", hasItem("component:default/fivetran-salesforce"))
                .body("lastRun.state", equalTo("succeeded"));
        health("census-accounts-to-hubspot").body("status", equalTo("upstream"))
                .body("culprits.entityRef", equalTo(List.of("component:default/dbt-revenue-models",
                        "component:default/fivetran-salesforce")));
    }

    @Test
    void thePersonalLoginSyncMissesTicksAndTheFlakyBuildIsDegraded() {
        health("syncari-sfdc-hubspot-sync").body("status", equalTo("late")).body("missedTicks7d", greaterThan(3));
        health("billing-service-jenkins-build").body("status", equalTo("degraded"))
                .body("successRate.breached", equalTo(true)).body("lastRun.format", equalTo("cdevents"));
        health("web-storefront-nightly-release").body("restorers", equalTo(List.of("user:carol")))
                .body("manualShare30d", greaterThan(0f)).body("lastRun.format", equalTo("github"));
        health("checkout-service-ci").body("status", equalTo("healthy"));
        health("airbyte-marketing-ads").body("status", equalTo("healthy"));
        as("bob").get("/api/pipelines/health?status=failing,late,upstream&limit=500").then().statusCode(200)
                .body("items.entityRef", hasItem("component:default/fivetran-salesforce"))
                .body("items.entityRef", hasItem("component:default/syncari-sfdc-hubspot-sync"));
    }
}
