package dev.interlock.registration;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.register;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hostile and broken bodies get a clear 4xx, store nothing, and leave the server serving. */
@QuarkusTest
class HostileInputTest {

    private int before;

    private static int total() {
        return as("bob")
                .get("/api/catalog/entities/by-query?limit=0")
                .then()
                .statusCode(200)
                .extract()
                .path("totalItems");
    }

    @BeforeEach
    void count() {
        before = total();
    }

    @AfterEach
    void nothingStoredAndStillServing() {
        assertEquals(before, total());
    }

    private static ValidatableResponse noLeak(ValidatableResponse r) {
        return r.body(not(containsString("Exception")))
                .body(not(containsString("at dev.")))
                .body(not(containsString("org.hibernate")))
                .body(not(containsString("SQL")));
    }

    /** 9 MB: over the 8 MB of {@code quarkus.http.limits.max-body-size}. */
    private static byte[] overTheLimit() {
        byte[] big = new byte[9 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        return big;
    }

    /**
     * An entity that embeds a large document (here 1.1 million characters of description) is refused for its size,
     * naming the field, before it is stored three times over and sent whole in every answer.
     */
    @Test
    void anEntityHoldingMoreThanAMebibyteOfTextIsRefusedNamingTheField() {
        String line = "    " + "y".repeat(995) + "\n";
        String yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: too-large\n"
                + "  description: |\n" + line.repeat(1_100) + "spec:\n  type: service\n  lifecycle: production\n"
                + "  owner: revops\n";
        noLeak(as("alice")
                        .contentType("application/yaml")
                        .body(yaml)
                        .post("/api/catalog/entities")
                        .then()
                        .statusCode(400))
                .body("error.message", containsString("\"metadata.description\""))
                .body("error.message", containsString("at most 1,048,576"))
                .body("error.message", containsString("line 5"));
        assertEquals(before, total());
    }

    @Test
    void aBodyOverTheLimitGets413() {
        noLeak(as("alice")
                .contentType("application/yaml")
                .body(overTheLimit())
                .post("/api/catalog/entities")
                .then()
                .statusCode(413)
                .body("error.name", equalTo("PayloadTooLargeError"))
                .body("error.message", containsString("limit")));
    }

    /** A body in chunks declares no length: it is refused once it passes the limit, with the reason all the same. */
    @Test
    void aChunkedBodyOverTheLimitGets413WithItsReason() {
        noLeak(as("alice")
                .contentType("application/yaml")
                .body(new java.io.ByteArrayInputStream(overTheLimit()))
                .post("/api/catalog/entities")
                .then()
                .statusCode(413)
                .header("Connection", "close")
                .body("error.name", equalTo("PayloadTooLargeError"))
                .body("error.message", containsString("limit of 8388608 bytes")));
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRead() {
        String yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: chunked-body\n"
                + "spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n";
        as("alice")
                .contentType("application/yaml")
                .body(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .queryParam("dryRun", "true")
                .post("/api/catalog/entities")
                .then()
                .statusCode(200)
                .body("entities[0].ref", equalTo("component:default/chunked-body"))
                .body("entities[0].action", equalTo("created"));
    }

    /** The JSON reader's refusals in plain words, without its switches and types. */
    @Test
    void jsonTheReaderRefusesIsExplainedWithoutItsInternals() {
        noLeak(as("alice")
                        .contentType("application/json")
                        .body("{\"apiVersion\": NaN}")
                        .post("/api/catalog/entities")
                        .then()
                        .statusCode(400)
                        .body("error.message", containsString("NaN and Infinity are not numbers in JSON")))
                .body(not(containsString("JsonReadFeature")));
    }

    @Test
    void aWrongContentTypeGets415() {
        noLeak(as("alice")
                .contentType("text/plain")
                .body("kind: Component")
                .post("/api/catalog/entities")
                .then()
                .statusCode(415)
                .body("error.name", equalTo("UnsupportedMediaTypeError"))
                .body("error.message", containsString("application/yaml")));
    }

    /**
     * A body without a Content-Type (what a cross-site no-cors fetch of a Blob sends, with the Basic credentials a
     * browser keeps) is refused, not read as YAML; the answer says which types are accepted.
     */
    @Test
    void aBodyWithoutAContentTypeGets415() throws Exception {
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.http.test-port", Integer.class);
        String yaml =
                dev.interlock.support.Api.component(dev.interlock.support.Api.unique("no-type"), "group:revops", "");
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.util.Map<String, String> accepted = java.util.Map.of(
                "/api/catalog/entities?dryRun=true", "application/yaml (or application/x-yaml",
                "/api/catalog/entities", "application/yaml (or application/x-yaml",
                "/api/catalog/validate-entity", "application/json");
        for (String path : accepted.keySet()) {
            java.net.http.HttpResponse<String> answer = client.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                    "http://localhost:" + (port == 0 ? io.restassured.RestAssured.port : port) + path))
                            .header(
                                    "Authorization",
                                    "Basic " + java.util.Base64.getEncoder().encodeToString("alice:alice".getBytes()))
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(yaml))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(415, answer.statusCode(), path + ": " + answer.body());
            org.junit.jupiter.api.Assertions.assertTrue(
                    answer.body().contains("the body has no Content-Type; send it as " + accepted.get(path)),
                    answer.body());
        }
        // The same body with its type is accepted.
        as("alice")
                .contentType("application/yaml")
                .body(yaml)
                .post("/api/catalog/entities?dryRun=true")
                .then()
                .statusCode(200);
    }

    @Test
    void binaryGarbageGets400() {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        noLeak(as("alice")
                .contentType("application/yaml")
                .body(garbage)
                .post("/api/catalog/entities")
                .then()
                .statusCode(400)
                .body("error.name", equalTo("InputError"))
                .body("error.message", containsString("UTF-8")));
        // A Latin-1 file says where its first non-UTF-8 byte is, as an editor counts lines and columns.
        byte[] latin1 = "kind: Component\nmetadata:\n  name: caf\u00e9\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        as("alice")
                .contentType("application/yaml")
                .body(latin1)
                .post("/api/catalog/entities")
                .then()
                .statusCode(400)
                .body("error.message", containsString("line 3, column 12 (byte 0xe9)"));
    }

    /** A NUL (a binary file, UTF-16 sent as is, or one stray) is refused saying where, on every path a body takes. */
    @Test
    void aBodyHoldingNulGets400SayingWhere() {
        byte[] yaml = "kind: Component\nmetadata:\n  name: a\0b\n".getBytes(StandardCharsets.UTF_8);
        for (String path : List.of("/api/catalog/entities", "/api/catalog/entities?dryRun=true")) {
            noLeak(as("alice")
                    .contentType("application/yaml")
                    .body(yaml)
                    .post(path)
                    .then()
                    .statusCode(400)
                    .body("error.name", equalTo("InputError"))
                    .body(
                            "error.message",
                            equalTo("the body is not text: line 3, column 10 holds a NUL character (\\u0000), as"
                                    + " binary files and UTF-16 text do; send YAML or JSON encoded as UTF-8")));
        }
        byte[] json = "{\"entity\": {\"kind\": \"Component\",\n \"metadata\": {\"name\": \"a\0b\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        noLeak(as("alice")
                .contentType("application/json")
                .body(json)
                .post("/api/catalog/validate-entity")
                .then()
                .statusCode(400)
                .body("error.message", containsString("line 2, column 25 holds a NUL character")));
    }

    @Test
    void anAliasBombGets400() {
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String p = "*" + (char) (c - 1);
            bomb.append(c)
                    .append(": &")
                    .append(c)
                    .append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, p)))
                    .append("]\n");
        }
        noLeak(register(bomb.toString()).statusCode(400).body("error.message", containsString("aliases")));
    }

    @Test
    void deepNestingGets400() {
        noLeak(register("a: " + "[".repeat(20_000) + "]".repeat(20_000))
                .statusCode(400)
                .body("error.message", containsString("nest")));
        noLeak(as("alice")
                .contentType("application/json")
                .body("[" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "]")
                .post("/api/catalog/entities")
                .then()
                .statusCode(400)
                .body("error.message", containsString("nest")));
    }

    @Test
    void nonMappingDocumentsGet400() {
        noLeak(register("- a\n- b\n---\njust a string\n")
                .statusCode(400)
                .body("errors[0].message", containsString("document 1 (line 1): expected an entity object"))
                .body("errors[1].document", equalTo(2)));
    }

    @Test
    void tooManyDocumentsGet400() {
        noLeak(register("a: 1\n---\n".repeat(5_001))
                .statusCode(400)
                .body("error.message", containsString("more than 5000 documents")));
    }

    @Test
    void brokenYamlAndJsonGet400WithThePlace() {
        noLeak(register("kind: Component\nmetadata:\n  name: [x\n")
                .statusCode(400)
                .body("errors[0].line", equalTo(4))
                .body("error.message", containsString("YAML syntax error")));
        noLeak(as("alice")
                .contentType("application/json")
                .body("{\"kind\": }")
                .post("/api/catalog/entities")
                .then()
                .statusCode(400)
                .body("error.message", containsString("JSON syntax error")));
        noLeak(as("bob")
                .contentType("application/json")
                .body("{oops")
                .post("/api/catalog/entities/by-refs")
                .then()
                .statusCode(400));
    }

    @Test
    void anEmptyBodyGets400() {
        noLeak(register("").statusCode(400).body("error.message", containsString("no entity")));
        noLeak(register("# only a comment\n---\n").statusCode(400));
    }

    @Test
    void javaTypeTagsAreRefused() {
        noLeak(register("x: !!java.net.URL [\"http://example.com\"]\n")
                .statusCode(400)
                .body("error.message", containsString("Global tag is not allowed")));
    }
}
