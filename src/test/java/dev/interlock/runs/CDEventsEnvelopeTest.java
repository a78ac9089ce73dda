package dev.interlock.runs;

import static dev.interlock.runs.RunEvents.postCDEvent;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.support.Api;

/**
 * A CDEvent whose versions are none, or whose CloudEvent envelope names another event than its body, is refused
 * naming the field, not stored as though it said what the parser guessed.
 */
@QuarkusTest
class CDEventsEnvelopeTest {

    private static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void versionsThatAreNoneAreRefusedNamingTheField() {
        String name = unique("envelope");
        Map<String, String> bad = Map.of(
                "\"specversion\": \"0.5.1\"", "\"specversion\": \"9.x\"",
                "pipelinerun.started.0.2.0", "pipelinerun.started.0.2.0.0.0");
        Map<String, String> field = Map.of(
                "\"specversion\": \"0.5.1\"", "context.specversion",
                "pipelinerun.started.0.2.0", "context.type");
        bad.forEach((good, wrong) -> postCDEvent(event(name).replace(good, wrong))
                .statusCode(400)
                .body("errors[0].field", equalTo(field.get(good))));
        // The 0.4 name of the version is checked as well.
        postCDEvent(RunEvents.pipelineRun("0.4.1", "started", UUID.randomUUID().toString(), "/t", T0, "r", name, null)
                        .replace("\"version\": \"0.4.1\"", "\"version\": \"x.y\""))
                .statusCode(400)
                .body("errors[0].field", equalTo("context.version"))
                .body(
                        "errors[0].message",
                        equalTo("\"context.version\" must be the CDEvents version the event follows,"
                                + " such as 0.4.1, found \"x.y\""));
        // The good event itself is accepted: the refusals above are of the changed values alone.
        postCDEvent(event(name)).statusCode(201);
    }

    @Test
    void aBinaryCloudEventWhoseHeadersContradictItsBodyIsRefused() {
        String name = unique("envelope");
        binary(event(name, "bad1"), "99", "dev.cdevents.pipelinerun.started.0.2.0")
                .statusCode(400)
                .body("errors[0].field", equalTo("ce-specversion"));
        binary(event(name, "bad2"), "1.0", "dev.cdevents.pipelinerun.finished.0.2.0")
                .statusCode(400)
                .body("errors[0].field", equalTo("ce-type"))
                .body(
                        "errors[0].message",
                        equalTo(
                                "\"ce-type\" is \"dev.cdevents.pipelinerun.finished.0.2.0\" but the CDEvent's"
                                        + " \"context.type\" is \"dev.cdevents.pipelinerun.started.0.2.0\"; they must be the same"));
        binary(event(name), "1.0", "dev.cdevents.pipelinerun.started.0.2.0").statusCode(201);
        // Nothing of the refused ones was stored: their runs (other ids) are not there, the accepted one is.
        Api.as("bob").get("/api/runs/unbound?q=" + name).then().statusCode(200).body("items[0].runs", equalTo(1));
    }

    private static String event(String name) {
        return event(name, "r1");
    }

    private static String event(String name, String runId) {
        return RunEvents.pipelineRun("0.5.1", "started", UUID.randomUUID().toString(), "/t", T0, runId, name, null);
    }

    private static io.restassured.response.ValidatableResponse binary(String body, String specVersion, String type) {
        return Api.anonymous()
                .auth()
                .preemptive()
                .basic("ci", "ci")
                .contentType("application/json")
                .header("ce-specversion", specVersion)
                .header("ce-id", UUID.randomUUID().toString())
                .header("ce-source", "/t")
                .header("ce-type", type)
                .body(body)
                .post("/api/cdevents")
                .then();
    }
}
