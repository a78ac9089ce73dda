package dev.interlock.location;

import static dev.interlock.support.Api.browserAs;
import static dev.interlock.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.interlock.support.FileServer;

/** Register by URL (preview, then confirm), the locations pages, an entity's origin and refresh button, orphans. */
@QuarkusTest
@TestProfile(PrivateLocationsProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocationPagesTest {

    private final FileServer server;

    LocationPagesTest() throws Exception {
        server = new FileServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String component(String name, String description) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  description: %s
                spec: {type: service, lifecycle: production, owner: revops}
                """.formatted(name, description);
    }

    @Test
    void registerByUrlPreviewConfirmAndFollowTheFile() {
        String name = unique("page"), dir = "/" + unique("repo");
        server.put(dir + "/catalog-info.yaml", component(name, "before"));
        String target = server.url(dir + "/catalog-info.yaml");

        Response form = browserAs("alice").get("/register");
        Document page = Jsoup.parse(form.asString());
        assertNotNull(page.selectFirst("form[action=/locations/preview] input[name=target]"));
        String token = page.selectFirst("form[action=/locations/preview] input[name=csrf-token]")
                .val();
        String cookie = form.getCookie("interlock-csrf");

        Response preview = browserAs("alice")
                .cookie("interlock-csrf", cookie)
                .formParam("csrf-token", token)
                .formParam("target", target)
                .post("/locations/preview");
        assertEquals(200, preview.statusCode(), preview.asString());
        Document p = Jsoup.parse(preview.asString());
        assertTrue(p.text().contains("component:default/" + name), p.text());
        assertNotNull(p.selectFirst("form[action=/locations/register]"));
        browserAs("bob").get("/catalog/default/component/" + name).then().statusCode(404);

        // Without the CSRF token the form is refused.
        assertEquals(
                400,
                browserAs("alice")
                        .formParam("target", target)
                        .post("/locations/register")
                        .statusCode());
        Response registered = browserAs("alice")
                .cookie("interlock-csrf", cookie)
                .formParam("csrf-token", token)
                .formParam("target", target)
                .post("/locations/register");
        assertEquals(303, registered.statusCode(), registered.asString());
        String locationPage = registered.getHeader("Location");
        Document detail = Jsoup.parse(browserAs("bob").get(locationPage).asString());
        assertTrue(detail.text().contains("component:default/" + name), detail.text());
        assertNull(detail.selectFirst("form[action$=/refresh]"), "viewers get no refresh button");
        Document list = Jsoup.parse(browserAs("bob").get("/locations").asString());
        assertNotNull(list.selectFirst("a:containsOwn(" + target + ")"), list.text());

        // The entity page says where it comes from, and an editor can refresh it from its file.
        Response entity = browserAs("alice").get("/catalog/default/component/" + name);
        Document e = Jsoup.parse(entity.asString());
        assertTrue(e.selectFirst("section.origin").text().contains("catalog-info.yaml"), e.text());
        String entityToken = e.selectFirst("form[action=/locations/refresh-entity] input[name=csrf-token]")
                .val();
        server.put(dir + "/catalog-info.yaml", component(name, "after"));
        Response refreshed = browserAs("alice")
                .cookie("interlock-csrf", entity.getCookie("interlock-csrf"))
                .formParam("csrf-token", entityToken)
                .formParam("ref", "component:default/" + name)
                .post("/locations/refresh-entity");
        assertEquals(303, refreshed.statusCode(), refreshed.asString());
        assertTrue(browserAs("bob")
                .get("/catalog/default/component/" + name)
                .asString()
                .contains("after"));

        // An error is shown on the entity page; removing the entity from its file makes it an orphan.
        server.put(dir + "/catalog-info.yaml", "kind: [broken\n");
        dev.interlock.support.Api.as("alice")
                .contentType("application/json")
                .body(java.util.Map.of("entityRef", "component:default/" + name))
                .post("/api/catalog/refresh")
                .then()
                .statusCode(200);
        assertTrue(Jsoup.parse(browserAs("bob")
                        .get("/catalog/default/component/" + name)
                        .asString())
                .selectFirst("section.origin")
                .text()
                .contains("Processing error"));
        assertTrue(Jsoup.parse(browserAs("bob").get("/locations").asString())
                .text()
                .contains("error"));
        server.put(dir + "/catalog-info.yaml", "# moved\n");
        dev.interlock.support.Api.as("alice")
                .contentType("application/json")
                .body(java.util.Map.of("entityRef", "component:default/" + name))
                .post("/api/catalog/refresh")
                .then()
                .statusCode(200);
        Document orphans =
                Jsoup.parse(browserAs("bob").get("/catalog?orphan=true").asString());
        assertNotNull(orphans.selectFirst("a[href=/catalog/default/component/" + name + "]"), orphans.text());
    }
    /**
     * A URL that cannot be read is refused with its reason said once, and a form with the URL kept to try again; an
     * empty target is named without a stray colon.
     */
    @Test
    void aRefusedUrlIsSaidOnceAndKeptInAFormToTryAgain() {
        Response form = browserAs("alice").get("/register");
        String token = Jsoup.parse(form.asString())
                .selectFirst("form[action=/locations/preview] input[name=csrf-token]")
                .val();
        String missing = server.url("/" + unique("nowhere") + "/catalog-info.yaml");
        for (String target : java.util.List.of(missing, "")) {
            Response refused = browserAs("alice")
                    .cookie("interlock-csrf", form.getCookie("interlock-csrf"))
                    .formParam("csrf-token", token)
                    .formParam("target", target)
                    .post("/locations/preview");
            assertEquals(400, refused.statusCode(), refused.asString());
            Document p = Jsoup.parse(refused.asString());
            assertEquals(1, p.select("[role=alert]").size(), p.text());
            assertEquals(
                    target,
                    p.selectFirst("form[action=/locations/preview] input[name=target]")
                            .val());
            p.select("ul.problems li")
                    .eachText()
                    .forEach(
                            problem -> assertTrue(!problem.contains(": :") && !problem.matches("error: :.*"), problem));
            assertEquals(1, p.select("ul.problems li").size(), p.text());
        }
    }
}
