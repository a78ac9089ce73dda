package dev.interlock.runs;

import static dev.interlock.runs.RunEvents.postGitHub;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Signed {@code workflow_run} deliveries whose fields are not what GitHub sends: refused with a 400 naming the field,
 * never a 500 from a column they overflow.
 */
@QuarkusTest
class GitHubDeliveryTest {

    private static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void anActionLongerThanTheDedupKeyKeepsIsRefusedNamingIt() {
        String repo = "hx/" + unique("long-action");
        String delivery = RunEvents.workflowRun(
                "completed", 7_777_101L, 1, repo, "ci.yml", "success", T0, T0.plusSeconds(60), "push", "x");
        // The action is part of the dedup key (700 characters): a longer one made the insert fail with a 500.
        postGitHub(delivery.replace("\"action\": \"completed\"", "\"action\": \"" + "a".repeat(800) + "\""))
                .statusCode(400)
                .body("errors[0].field", equalTo("action"))
                .body("errors[0].message", not(containsString("Exception")));
    }
}
