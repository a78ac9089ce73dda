package dev.interlock.security;

import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.unique;
import static io.restassured.RestAssured.given;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** With interlock.security.anonymous-read=true anyone reads, but writing still needs an editor. */
@QuarkusTest
@TestProfile(AnonymousReadTest.AnonymousRead.class)
class AnonymousReadTest {

    /** Turns anonymous reading on. */
    public static class AnonymousRead implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("interlock.security.anonymous-read", "true");
        }
    }

    @Test
    void anonymousPeopleReadButDoNotWrite() {
        given().get("/api/catalog/entities/by-query?filter=kind=group").then().statusCode(200);
        given().accept("text/html").get("/").then().statusCode(200);
        dev.interlock.support.Api.anonymous()
                .contentType("application/yaml")
                .body(component(unique("anon"), "group:x", null))
                .post("/api/catalog/entities")
                .then()
                .statusCode(401);
    }
}
