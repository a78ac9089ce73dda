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

    @Test
    void anAttemptThatIsNotAPositiveWholeNumberIsRefusedNamingIt() {
        String repo = "hx/" + unique("attempt");
        String delivery = RunEvents.workflowRun(
                "completed", 7_777_102L, 1, repo, "ci.yml", "success", T0, T0.plusSeconds(60), "push", "x");
        // A text "2" was read as attempt 1 (the re-run folded into the first run), 3000000000 wrapped to a negative.
        for (String attempt : java.util.List.of("\"2\"", "0", "-1", "1.5", "3000000000", "{}")) {
            postGitHub(delivery.replace("\"run_attempt\": 1", "\"run_attempt\": " + attempt))
                    .statusCode(400)
                    .body("errors[0].field", equalTo("workflow_run.run_attempt"));
        }
    }

    @Test
    void anIdThatIsNotGitHubsNumberIsRefusedNamingIt() {
        String repo = "hx/" + unique("id");
        String delivery = RunEvents.workflowRun(
                "completed", 7_777_103L, 1, repo, "ci.yml", "success", T0, T0.plusSeconds(60), "push", "x");
        // The id is part of the dedup key: with a | in it, two deliveries could share one.
        for (String id : java.util.List.of("\"7|1\"", "\"run-7\"", "7.5", "null")) {
            postGitHub(delivery.replace("\"id\": 7777103", "\"id\": " + id))
                    .statusCode(400)
                    .body("errors[0].field", equalTo("workflow_run.id"));
        }
        postGitHub(delivery.replace("\"id\": 7777103", "\"id\": \"7777103\"")).statusCode(201);
    }
}
