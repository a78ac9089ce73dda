package dev.interlock.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Small helpers for API tests: signed-in requests and unique entity names. */
public final class Api {

    /** YAML bodies are sent as text (RestAssured does not know the YAML media types). */
    private static final RestAssuredConfig CONFIG = RestAssured.config()
            .encoderConfig(EncoderConfig.encoderConfig()
                    .encodeContentTypeAs("application/yaml", ContentType.TEXT)
                    .encodeContentTypeAs("text/yaml", ContentType.TEXT));

    private Api() {}

    /** A request without credentials. */
    public static RequestSpecification anonymous() {
        return given().config(CONFIG);
    }

    /** A request signed in with HTTP Basic as a demo account (admin, alice, bob). */
    public static RequestSpecification as(String user) {
        return given().config(CONFIG).auth().preemptive().basic(user, user);
    }

    /** An OpenLineage RunEvent as JSON (spec 2-0-2), with these run facets (JSON members, or {@code null}). */
    public static String lineage(
            String type, java.time.Instant time, String runId, String namespace, String job, String runFacets) {
        return """
                {"eventType": "%s", "eventTime": "%s", "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.33.0/client/java",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                 "run": {"runId": "%s", "facets": {%s}},
                 "job": {"namespace": "%s", "name": "%s", "facets": {}},
                 "inputs": [], "outputs": []}
                """.formatted(type, time, runId, runFacets == null ? "" : runFacets, namespace, job);
    }

    /** Posts an OpenLineage event as the {@code ci} account, as a data tool does. */
    public static ValidatableResponse postLineage(String json) {
        return as("ci").contentType("application/json")
                .body(json)
                .post("/api/v1/lineage")
                .then();
    }

    /** A browser session: signs in through the form and returns a request carrying its session cookie. */
    public static RequestSpecification browserAs(String user) {
        return given().config(CONFIG)
                .redirects()
                .follow(false)
                .cookie(SESSION, signIn(user, user))
                .accept("text/html");
    }

    /** The sign-in session cookie's name. */
    public static final String SESSION = "interlock-session";

    /** Signs in through the sign-in form (with its CSRF token) and returns the session cookie's value. */
    public static String signIn(String user, String password) {
        io.restassured.response.Response form = given().get("/login");
        String token = org.jsoup.Jsoup.parse(form.asString())
                .selectFirst("input[name=csrf-token]")
                .val();
        // Over https (interlock.security.secure-cookies) the cookie is __Host-interlock-csrf.
        String cookie = form.getCookie("interlock-csrf") != null ? "interlock-csrf" : "__Host-interlock-csrf";
        return given().redirects()
                .follow(false)
                .cookie(cookie, form.getCookie(cookie))
                .formParam("csrf-token", token)
                .formParam("username", user)
                .formParam("password", password)
                .post("/login")
                .then()
                .statusCode(303)
                .extract()
                .cookie(SESSION);
    }

    /** Registers a YAML body as alice (catalog-editor). */
    public static ValidatableResponse register(String yaml) {
        return registerAs("alice", yaml);
    }

    /** Registers a YAML body as this user. */
    public static ValidatableResponse registerAs(String user, String yaml) {
        return as(user).contentType("application/yaml")
                .body(yaml)
                .post("/api/catalog/entities")
                .then();
    }

    /** A name no other test uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A scorecard of one level, {@code only}, owned by group:revops (alice's team).
     *
     * @param checks the checks, each a line of YAML such as {@code {id: a, title: A, level: only, rule: "true", why:
     *     w}}
     */
    public static String scorecard(String name, String appliesTo, String... checks) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: interlock.dev/v1alpha1
                kind: Scorecard
                metadata: {name: %s}
                spec:
                  owner: group:revops
                  appliesTo: "%s"
                  levels: [only]
                  checks:
                """.formatted(name, appliesTo));
        for (String check : checks) {
            yaml.append("    - ").append(check).append('\n');
        }
        return yaml.toString();
    }

    /** A person in no team. */
    public static String user(String name) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: %s}
                spec: {memberOf: []}
                """.formatted(name);
    }

    /** A Group of this type ({@code team}, {@code department}…) with these children (comma-separated, or empty). */
    public static String group(String name, String type, String children) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: %s}
                spec: {type: %s, children: [%s]}
                """.formatted(name, type, children);
    }

    /** A minimal valid component. */
    public static String component(String name, String owner, String extraSpec) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                spec:
                  type: service
                  lifecycle: production
                  owner: %s
                """.formatted(name, owner) + (extraSpec == null ? "" : extraSpec.indent(2));
    }

    /** A page as bob (a viewer) sees it, parsed; fails unless it answers 200. */
    public static Document page(String path) {
        Response r = browserAs("bob").get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.asString());
        return Jsoup.parse(r.asString());
    }

    /**
     * Sends YAML through the register page's form as this user, with the form's CSRF token.
     *
     * @param action {@code /register/preview} or {@code /register}
     */
    public static Response registerForm(String user, String action, String yaml) {
        Response form = browserAs(user).get("/register");
        String token = Jsoup.parse(form.asString())
                .selectFirst("input[name=csrf-token]")
                .val();
        return browserAs(user)
                .cookie("interlock-csrf", form.getCookie("interlock-csrf"))
                .multiPart("csrf-token", token)
                .multiPart("yaml", yaml)
                .post(action);
    }
}
