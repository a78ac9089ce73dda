package dev.interlock.registration;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** Odd but possible requests: each gets a clear 4xx in the API's shape, never a 500. */
@QuarkusTest
class EdgeCaseTest {

    private static ValidatableResponse inputError(ValidatableResponse r) {
        return r.statusCode(400)
                .body("error.name", equalTo("InputError"))
                .body(not(containsString("Exception")))
                .body(not(containsString("jackson")))
                .body(not(containsString("Unable to find")));
    }

    @Test
    void dryRunMustBeTrueOrFalse() {
        String name = unique("dry");
        inputError(as("alice")
                        .contentType("application/yaml")
                        .body(component(name, "group:x", null))
                        .post("/api/catalog/entities?dryRun=1")
                        .then())
                .body("error.message", containsString("dryRun"));
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/{n}", name)
                .then()
                .statusCode(404);
    }

    @Test
    void ifMatchNeedsAnExistingEntityAndOneDocument() {
        String name = unique("im");
        as("alice")
                .contentType("application/yaml")
                .header("If-Match", "*")
                .body(component(name, "group:revops", null))
                .post("/api/catalog/entities")
                .then()
                .statusCode(409);
        register(component(name, "group:revops", null)).statusCode(201);
        as("alice")
                .contentType("application/yaml")
                .header("If-Match", "*")
                .body(component(name, "group:revops", null).replace("production", "retired"))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201)
                .body("entities[0].action", equalTo("updated"));
        inputError(as("alice")
                .contentType("application/yaml")
                .header("If-Match", "*")
                .body(component(name, "group:x", null) + "---\n" + component(unique("im"), "group:x", null))
                .post("/api/catalog/entities")
                .then());
    }

    @Test
    void referencesMustHaveTheFormatOfNames() {
        inputError(register(component(unique("ref"), "group:default/" + "a".repeat(400), null))
                        .statusCode(400))
                .body("errors[0].field", equalTo("spec.owner"))
                .body("errors[0].message", containsString("its name must be"));
        inputError(register(component(unique("ref"), "Bad Kind:x", null)).statusCode(400));
    }

    @Test
    void nulCharactersAreRefusedWithTheirField() {
        inputError(register(component(unique("nul"), "group:x", null).replace("type: service", "type: \"ser\\0vice\""))
                        .statusCode(400))
                .body("errors[0].message", containsString("spec.type"));
        inputError(as("bob")
                .urlEncodingEnabled(false)
                .get("/api/catalog/entities/by-uid/a%00b")
                .then());
    }

    @Test
    void urlsWithBrokenPercentEscapesAreRefusedSayingSo() throws IOException {
        // Sent as raw bytes: HTTP clients refuse to send such URLs, browsers and scripts' string concatenation do not.
        for (String url : List.of(
                "/api/catalog/entities?filter=kind=%zz",
                "/api/catalog/entities/by-query?filter=kind%3",
                "/api/catalog/entities/by-name/component/default/%E0%A4%A",
                "/api/catalog/entities/by-name/component/default/%zz",
                "/catalog?q=%zz",
                "/catalog/component/default/%zz",
                "/api/catalog/entities?filter=kind=a|b",
                "?filter=kind=a")) {
            String answer = rawGet(url);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), url + ": " + answer);
            assertTrue(answer.contains("\"the URL "), url + ": " + answer);
            assertFalse(answer.contains("Exception"), answer);
        }
    }

    /** The whole answer to a GET of {@code url} exactly as written, as bob. */
    private static String rawGet(String url) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = "GET " + url + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                    + Base64.getEncoder().encodeToString("bob:bob".getBytes(StandardCharsets.UTF_8))
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void longUnicodeTextIsKeptWithoutBreakingTheIndex() {
        String name = unique("uni");
        register(component(name, "group:x", null)
                        .replace("  name: " + name, "  name: " + name + "\n  description: \"" + "İ".repeat(150) + "\""))
                .statusCode(201);
    }

    @Test
    void malformedQueryParametersAre400() {
        inputError(as("bob").get("/api/catalog/entities?limit=abc").then())
                .body("error.message", containsString("limit must be a whole number"));
        inputError(as("bob").get("/api/catalog/entities?limit=99999999999").then());
        inputError(as("bob").get("/api/catalog/entities/by-query?orderField=,").then());
        inputError(as("bob")
                .get("/api/catalog/entities/by-name/group/default/revops/history?limit=0")
                .then());
        as("bob").get("/api/catalog/entities?fields=.&limit=1").then().statusCode(200);
        as("bob")
                .get("/api/catalog/entities/by-query?limit=0")
                .then()
                .statusCode(200)
                .body("pageInfo.nextCursor", equalTo(null));
    }

    @Test
    void jsonOfTheWrongShapeIs400() {
        inputError(as("bob")
                .contentType("application/json")
                .body(Map.of("entityRefs", "x"))
                .post("/api/catalog/entities/by-refs")
                .then());
        inputError(as("bob")
                .contentType("application/json")
                .body("{\"entityRefs\":[null]}")
                .post("/api/catalog/entities/by-refs")
                .then());
    }

    @Test
    void wrongCredentialsGet401InTheApiShape() {
        dev.interlock.support.Api.anonymous()
                .auth()
                .preemptive()
                .basic("alice", "nope")
                .get("/api/catalog/entities/by-query")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .body("error.name", equalTo("AuthenticationError"));
    }

    @Test
    void aTagCanBeFilteredAsBackstageWritesIt() {
        String name = unique("tag");
        register(component(name, "group:x", null)
                        .replace("  name: " + name, "  name: " + name + "\n  tags: [" + name + "]"))
                .statusCode(201);
        as("bob")
                .get("/api/catalog/entities/by-query?filter=metadata.tags." + name)
                .then()
                .body("totalItems", equalTo(1));
    }
}
