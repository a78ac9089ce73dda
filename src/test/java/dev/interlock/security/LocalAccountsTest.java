package dev.interlock.security;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** Local mode: HTTP Basic for scripts, a sign-in form for people, roles from configuration. */
@QuarkusTest
class LocalAccountsTest {

    @Test
    void anonymousReadsAreChallenged() {
        given().get("/api/catalog/entities/by-query")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic"));
        given().redirects()
                .follow(false)
                .accept("text/html")
                .get("/")
                .then()
                .statusCode(302)
                .header("Location", containsString("/login"));
    }

    @Test
    void wrongPasswordsAreRefused() {
        given().auth()
                .preemptive()
                .basic("alice", "wrong")
                .get("/api/catalog/entities/by-query")
                .then()
                .statusCode(401);
        given().auth()
                .preemptive()
                .basic("mallory", "mallory")
                .get("/api/catalog/entities/by-query")
                .then()
                .statusCode(401);
    }

    @Test
    void accountsHashedByHtpasswdAndOtherToolsSignIn() {
        // dana's hash starts $2y$ (htpasswd -B), erin's $2b$; both used to give 500 for any password.
        for (String name : java.util.List.of("dana", "erin")) {
            as(name).get("/api/catalog/entities/by-query").then().statusCode(200);
            given().auth()
                    .preemptive()
                    .basic(name, "wrong")
                    .get("/api/catalog/entities/by-query")
                    .then()
                    .statusCode(401);
        }
    }

    @Test
    void viewersReadButCannotWrite() {
        as("bob").get("/api/catalog/entities/by-query").then().statusCode(200);
        as("bob")
                .contentType("application/yaml")
                .body(component(unique("v"), "group:x", null))
                .post("/api/catalog/entities")
                .then()
                .statusCode(403)
                .body("error.name", equalTo("NotAllowedError"));
        dev.interlock.support.Api.anonymous()
                .contentType("application/yaml")
                .body(component(unique("v"), "group:x", null))
                .post("/api/catalog/entities")
                .then()
                .statusCode(401);
    }

    @Test
    void editorsAndAdminsWrite() {
        as("alice")
                .contentType("application/yaml")
                .body(component(unique("e"), "group:x", null))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201);
        as("admin")
                .contentType("application/yaml")
                .body(component(unique("e"), "group:x", null))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201);
    }

    @Test
    void peopleSignInWithTheFormAndOut() {
        given().get("/login")
                .then()
                .statusCode(200)
                .body(containsString("action=\"/login\""))
                .body(containsString("<label for=\"username\">"));
        String session = dev.interlock.support.Api.signIn("alice", "alice");
        Response home =
                given().cookie("interlock-session", session).accept("text/html").get("/");
        home.then().statusCode(200).body(containsString("Signed in as <strong>alice</strong>"));
        String csrf = home.getCookie("interlock-csrf");
        given().redirects()
                .follow(false)
                .cookie("interlock-session", session)
                .post("/logout")
                .then()
                .statusCode(400);
        given()
                .redirects()
                .follow(false)
                .cookie("interlock-session", session)
                .cookie("interlock-csrf", csrf)
                .formParam(
                        "csrf-token",
                        org.jsoup.Jsoup.parse(home.asString())
                                .selectFirst("input[name=csrf-token]")
                                .val())
                .post("/logout")
                .then()
                .statusCode(303)
                .extract()
                .headers()
                .getValues("Set-Cookie")
                .stream()
                .filter(c -> c.startsWith("interlock-session=;"))
                .findFirst()
                .orElseThrow();
    }
}
