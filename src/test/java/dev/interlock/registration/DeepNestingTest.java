package dev.interlock.registration;

import static dev.interlock.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * With a nesting limit set higher than a request thread's stack holds, a body nested deeper than the stack is refused
 * with a 400 naming its deepest place, not a 500, and the server keeps serving.
 */
@QuarkusTest
@TestProfile(DeepNestingTest.Unbounded.class)
class DeepNestingTest {

    /** A nesting limit no stack holds. */
    public static class Unbounded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "interlock.registration.max-depth",
                    "10000000",
                    "interlock.examples.load",
                    "false",
                    "interlock.registration.warmup-documents",
                    "0");
        }
    }

    @TestHTTPResource("/api/catalog/validate-entity")
    URI validate;

    private static final String DEEPER = ", more than the reader can follow; nest it less deeply";

    @Test
    void aBodyDeeperThanTheStackGets400AtItsDeepestPlace() throws Exception {
        // The 100,000th list is 100,001 levels down (below the root and spec), at column 9 + 99,999 of line 3.
        String yaml = "kind: Component\nspec:\n  deep: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        for (String path : List.of("/api/catalog/entities", "/api/catalog/entities?dryRun=true")) {
            as("alice")
                    .contentType("application/yaml")
                    .body(yaml)
                    .post(path)
                    .then()
                    .statusCode(400)
                    .body(
                            "error.message",
                            equalTo("document 1 (line 3, column 100008): the document is nested 100001 levels deep"
                                    + DEEPER))
                    .body("errors[0].line", equalTo(3))
                    .body("errors[0].column", equalTo(100_008));
        }
        // Below the wrapper, the entity and spec, the 100,000th list is 100,002 levels down, at column 18 + 100,000.
        // Sent past RestAssured, whose request log indents JSON by its depth (gigabytes for this body).
        String json = "{\"entity\": {\"kind\": \"Component\",\n \"spec\": {\"deep\": " + "[".repeat(100_000)
                + "]".repeat(100_000) + "}}}";
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(validate)
                                .header("Content-Type", "application/json")
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString("alice:alice".getBytes(StandardCharsets.UTF_8)))
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(
                answer.body()
                        .contains("\"document 1 (line 2, column 100018): the document is nested 100002 levels deep"
                                + DEEPER + "\""),
                answer.body());
        as("bob").get("/api/catalog/entities/by-query?limit=0").then().statusCode(200);
    }
}
