package dev.interlock.security;

import static dev.interlock.support.Api.SESSION;
import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.browserAs;
import static dev.interlock.support.Api.signIn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The session, CSRF, header, metrics and URL findings of the security review, tried as an attacker would: a cookie
 * kept from before sign-out, sign-out and sign-in forged from another site, a CSRF pair made up by the attacker,
 * framing and inline script, public metrics filled with random paths, and a forged Host header.
 */
@QuarkusTest
class SessionSecurityTest {

    private static Response signedInHome(String session) {
        return given().redirects()
                .follow(false)
                .cookie(SESSION, session)
                .accept("text/html")
                .get("/");
    }

    private static String csrfToken(Response page) {
        return Jsoup.parse(page.asString())
                .selectFirst("input[name=csrf-token]")
                .val();
    }

    // Finding 6: sign-out ends the session on the server.

    @Test
    void aCookieKeptFromBeforeSignOutNoLongerWorks() {
        String session = signIn("alice", "alice");
        Response home = signedInHome(session);
        home.then().statusCode(200);
        given().redirects()
                .follow(false)
                .cookie(SESSION, session)
                .cookie("interlock-csrf", home.getCookie("interlock-csrf"))
                .formParam("csrf-token", csrfToken(home))
                .post("/logout")
                .then()
                .statusCode(303);
        signedInHome(session).then().statusCode(302).header("Location", startsWith("/login"));
        given().redirects()
                .follow(false)
                .cookie(SESSION, "made-up-" + UUID.randomUUID())
                .accept("text/html")
                .get("/")
                .then()
                .statusCode(302);
    }

    @Test
    void aCookieOfASessionTheServerEndedCountsAsSignedOutAndIsCleared() {
        String stale = signIn("alice", "alice");
        Response home = signedInHome(stale);
        given().redirects()
                .follow(false)
                .cookie(SESSION, stale)
                .cookie("interlock-csrf", home.getCookie("interlock-csrf"))
                .formParam("csrf-token", csrfToken(home))
                .post("/logout")
                .then()
                .statusCode(303);
        for (String cookie : List.of(stale, "expiredtoken")) {
            // The sign-in page opens (no 401), and tells the browser to drop the dead cookie.
            Response form = given().redirects()
                    .follow(false)
                    .cookie(SESSION, cookie)
                    .accept("text/html")
                    .get("/login");
            form.then().statusCode(200).contentType(containsString("text/html"));
            io.restassured.http.Cookie cleared = form.getDetailedCookie(SESSION);
            assertEquals("", cleared.getValue());
            assertEquals(0, cleared.getMaxAge());
            // Pages send the browser to the sign-in page.
            signedInHome(cookie).then().statusCode(302).header("Location", startsWith("/login"));
            // Signing in with the dead cookie still in the browser works, and sets a new session cookie alone.
            Response signedIn = given().redirects()
                    .follow(false)
                    .cookie(SESSION, cookie)
                    .cookie("interlock-csrf", form.getCookie("interlock-csrf"))
                    .formParam("csrf-token", csrfToken(form))
                    .formParam("username", "alice")
                    .formParam("password", "alice")
                    .post("/login");
            signedIn.then().statusCode(303);
            assertEquals(
                    1,
                    signedIn.getHeaders().getValues("Set-Cookie").stream()
                            .filter(h -> h.startsWith(SESSION + "="))
                            .count());
            String fresh = signedIn.getCookie(SESSION);
            assertFalse(fresh.isEmpty());
            signedInHome(fresh).then().statusCode(200);
        }
    }

    @Test
    void aPagePostThatIsNoFormIsRefusedBeforeAnythingRuns() throws Exception {
        String session = signIn("alice", "alice");
        // The browser holds both cookies, as it does once a page was opened.
        String csrf = signedInHome(session).getCookie("interlock-csrf");
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.http.test-port", Integer.class);
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        for (String path : List.of(
                "/logout",
                "/register",
                "/register/preview",
                "/locations/register",
                "/locations/preview",
                "/locations/" + UUID.randomUUID() + "/refresh",
                "/locations/refresh-entity")) {
            // No Content-Type and no token (curl -H 'Content-Type:' -X POST): no body, and a body.
            for (java.net.http.HttpRequest.BodyPublisher body : List.of(
                    java.net.http.HttpRequest.BodyPublishers.noBody(),
                    java.net.http.HttpRequest.BodyPublishers.ofString("text=kind: Component"))) {
                java.net.http.HttpResponse<String> answer = client.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                                        + (port == 0 ? io.restassured.RestAssured.port : port) + path))
                                .header("Cookie", SESSION + "=" + session + "; interlock-csrf=" + csrf)
                                .POST(body)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(415, answer.statusCode(), path + ": " + answer.body());
                assertTrue(answer.body().contains("this request to " + path + " has no Content-Type"), answer.body());
                assertTrue(answer.body().contains("with its security token (csrf-token)"), answer.body());
            }
            given().redirects()
                    .follow(false)
                    .cookie(SESSION, session)
                    .cookie("interlock-csrf", csrf)
                    .contentType("text/plain")
                    .body("csrf-token=x&text=kind: Component")
                    .post(path)
                    .then()
                    .statusCode(415)
                    .body("error.message", containsString("Content-Type text/plain"));
        }
        // Still signed in: the sign-out without a form did nothing.
        signedInHome(session).then().statusCode(200);
    }

    // Finding 7: CSRF on sign-out and sign-in.

    @Test
    void signOutNeedsTheFormAndItsToken() {
        String session = signIn("alice", "alice");
        given().redirects()
                .follow(false)
                .cookie(SESSION, session)
                .contentType("text/plain")
                .body("x")
                .post("/logout")
                .then()
                .statusCode(415);
        given().redirects()
                .follow(false)
                .cookie(SESSION, session)
                .post("/logout")
                .then()
                .statusCode(400);
        given().redirects()
                .follow(false)
                .cookie(SESSION, session)
                .formParam("a", "b")
                .post("/logout")
                .then()
                .statusCode(400);
        // A browser is told why and what to do, for example when the form's cookie expired and another replaced it.
        given().redirects()
                .follow(false)
                .cookie(SESSION, session)
                .accept("text/html")
                .cookie("interlock-csrf", "x".repeat(22))
                .formParam("csrf-token", "y".repeat(22))
                .post("/logout")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("That form has expired"))
                .body(containsString("Reload the page and send the form again"));
        signedInHome(session).then().statusCode(200);
    }

    @Test
    void signInNeedsTheFormsToken() {
        Response r = given().redirects()
                .follow(false)
                .formParam("username", "alice")
                .formParam("password", "alice")
                .post("/login");
        assertEquals(400, r.statusCode());
        assertNull(r.getCookie(SESSION));
    }

    // Finding 8 (revised): one token serves every page and tab. The cookie used to be signed, and Quarkus then replaces
    // it on every page: a form already on screen failed with 400 once another page, a tab or an htmx fragment loaded.

    private static io.restassured.specification.RequestSpecification signedIn(String session) {
        return given().redirects().follow(false).cookie(SESSION, session).accept("text/html");
    }

    @Test
    void aFormStillWorksAfterOtherPagesAndFragmentsWereLoaded() {
        String session = signIn("alice", "alice");
        Response first = signedIn(session).get("/catalog");
        String token = csrfToken(first);
        String cookie = first.getCookie("interlock-csrf");
        for (String other : List.of("/register", "/catalog/default/component/dbt-revenue-models")) {
            Response page = signedIn(session).cookie("interlock-csrf", cookie).get(other);
            assertEquals(token, csrfToken(page), other + " gave its forms another token");
        }
        signedIn(session)
                .cookie("interlock-csrf", cookie)
                .header("HX-Request", "true")
                .get("/catalog?q=dbt")
                .then()
                .statusCode(200);
        given().redirects()
                .follow(false)
                .cookie(SESSION, session)
                .cookie("interlock-csrf", cookie)
                .formParam("csrf-token", token)
                .post("/logout")
                .then()
                .statusCode(303);
    }

    @Test
    void aSignedCookieOfAnEarlierVersionDoesNotStandInTheWay() {
        // Earlier versions signed the cookie (32 bytes) under Quarkus's default name; browsers keep it for hours.
        String earlier = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        Response form = given().cookie("csrf-token", earlier).get("/login");
        assertEquals(200, form.statusCode());
        given().redirects()
                .follow(false)
                .cookie("csrf-token", earlier)
                .cookie("interlock-csrf", form.getCookie("interlock-csrf"))
                .formParam("csrf-token", csrfToken(form))
                .formParam("username", "bob")
                .formParam("password", "bob")
                .post("/login")
                .then()
                .statusCode(303);
    }

    @Test
    void aWrongOrMalformedTokenIsRefusedNotAnError() {
        String session = signIn("alice", "alice");
        String cookie = signedIn(session).get("/register").getCookie("interlock-csrf");
        for (String[] pair : List.of(
                new String[] {cookie, "wrong"},
                new String[] {cookie, "%%%"},
                new String[] {"!!!", "!!!"},
                new String[] {cookie, ""})) {
            given().redirects()
                    .follow(false)
                    .cookie(SESSION, session)
                    .cookie("interlock-csrf", pair[0])
                    .formParam("csrf-token", pair[1])
                    .formParam("text", "kind: Component")
                    .post("/register/preview")
                    .then()
                    .statusCode(400);
        }
        // A made-up pair does not pass on the sign-in form either.
        Response r = given().redirects()
                .follow(false)
                .cookie("interlock-csrf", "!!!")
                .formParam("csrf-token", "!!!")
                .formParam("username", "alice")
                .formParam("password", "alice")
                .post("/login");
        assertEquals(400, r.statusCode());
        assertNull(r.getCookie(SESSION));
    }

    // Finding 9: security headers, and no inline script or style for the policy to allow.

    @Test
    void pagesCarryTheSecurityHeaders() {
        Response page = browserAs("bob").get("/catalog");
        page.then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("same-origin"))
                .header("Cache-Control", equalTo("no-store"));
        as("bob").get("/api/catalog/entities?limit=1").then().header("Cache-Control", equalTo("no-store"));
        given().get("/static/interlock.css").then().statusCode(200).header("Cache-Control", not(equalTo("no-store")));
        for (String path : new String[] {
            "/",
            "/catalog",
            "/pipelines",
            "/scorecards",
            "/scorecards/default/survivability",
            "/catalog/default/component/dbt-revenue-models",
            "/catalog/default/group/revops",
            "/register"
        }) {
            Document doc = Jsoup.parse(browserAs("admin").get(path).asString());
            assertTrue(doc.select("script:not([src])").isEmpty(), "inline script on " + path);
            assertTrue(doc.select("style, [style]").isEmpty(), "inline style on " + path);
            assertTrue(doc.select("[onclick], [onload], [onchange], [hx-on]").isEmpty(), "inline handler on " + path);
        }
    }

    // Finding 10: metrics and the API description are not public; random paths do not make metric series.

    @Test
    void metricsNeedTheirRoleAndRandomPathsDoNotFillThem() {
        given().get("/q/metrics").then().statusCode(401);
        as("bob").get("/q/metrics").then().statusCode(403);
        String random = "probe-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            browserAs("bob").get("/" + random + "-" + i).then().statusCode(404);
            as("bob").get("/api/" + random + "-" + i).then().statusCode(404);
        }
        String metrics =
                as("admin").get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.contains(random), "a random path became a metric tag");
        // The OpenAPI document describes the API and holds no data: scripts fetch it without signing in.
        given().redirects()
                .follow(false)
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/catalog/entities/by-query"));
        given().redirects().follow(false).get("/q/swagger-ui/").then().statusCode(302);
        browserAs("bob").get("/q/openapi").then().statusCode(200);
    }

    // Finding 13: the Host header is not echoed in links.

    @Test
    void aForgedHostIsNotEchoedInLinks() {
        Response list = as("bob").header("Host", "evil.example").get("/api/catalog/entities?limit=1");
        list.then().statusCode(200);
        String link = list.getHeader("Link");
        assertTrue(link.startsWith("</api/catalog/entities?"), link);
        String session = signIn("alice", "alice");
        Response register = browserAs("alice").get("/register");
        Response r = given().redirects()
                .follow(false)
                .cookie(SESSION, session)
                .header("Host", "evil.example")
                .cookie("interlock-csrf", register.getCookie("interlock-csrf"))
                .formParam("csrf-token", csrfToken(register))
                .post("/logout");
        assertEquals(303, r.statusCode());
        assertFalse(r.getHeader("Location").contains("evil.example"), r.getHeader("Location"));
    }

    // Pages walk-through: a page whose address holds a space or a non-ASCII letter is where sign-in returns to.

    @Test
    void signInReturnsToAnAddressWithCharactersAUriCannotHoldAsWritten() {
        Response form = given().get("/login");
        Response r = given().redirects()
                .follow(false)
                .cookie("interlock-csrf", form.getCookie("interlock-csrf"))
                .formParam("csrf-token", csrfToken(form))
                .formParam("username", "alice")
                .formParam("password", "alice")
                .formParam("next", "/catalog?q=a b%20c%zz|\u00e4")
                .post("/login");
        assertEquals(303, r.statusCode(), r.asString());
        assertEquals("/catalog?q=a%20b%20c%25zz%7C%C3%A4", r.getHeader("Location"));
        assertTrue(r.getCookie(SESSION) != null, "signed in");
        // A mistyped password leads back to the form, still on the way to the page asked for.
        Response again = given().get("/login");
        Response wrong = given().redirects()
                .follow(false)
                .cookie("interlock-csrf", again.getCookie("interlock-csrf"))
                .formParam("csrf-token", csrfToken(again))
                .formParam("username", "alice")
                .formParam("password", "not-her-password")
                .formParam("next", "/catalog?kind=Component")
                .post("/login");
        assertEquals(303, wrong.statusCode());
        assertEquals("/login?error=true&next=%2Fcatalog%3Fkind%3DComponent", wrong.getHeader("Location"));
    }

    // Pages walk-through: an account that may only report runs signs in, is refused every page, and can sign out.

    @Test
    void anAccountWithoutReadingIsToldWhyAndCanSignOutFromTheErrorPage() {
        String session = signIn("ci", "ci");
        Response home = given().redirects()
                .follow(false)
                .cookie(SESSION, session)
                .accept("text/html")
                .get("/");
        assertEquals(403, home.statusCode());
        Document page = Jsoup.parse(home.asString());
        assertTrue(page.text().contains("may not read the catalog"), page.text());
        assertTrue(page.selectFirst("a[href=/logout]") != null, "a way to sign out");
        Response signOut = given().redirects()
                .follow(false)
                .cookie(SESSION, session)
                .accept("text/html")
                .get("/logout");
        assertEquals(200, signOut.statusCode());
        Document form = Jsoup.parse(signOut.asString());
        assertTrue(form.text().contains("signed in as ci"), form.text());
        given().redirects()
                .follow(false)
                .cookie(SESSION, session)
                .cookie("interlock-csrf", signOut.getCookie("interlock-csrf"))
                .formParam("csrf-token", csrfToken(signOut))
                .post("/logout")
                .then()
                .statusCode(303);
        given().redirects()
                .follow(false)
                .cookie(SESSION, session)
                .accept("text/html")
                .get("/")
                .then()
                .statusCode(302);
    }
}
