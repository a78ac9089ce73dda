package dev.interlock.scorecard;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.browserAs;
import static dev.interlock.support.Api.page;
import static dev.interlock.support.Api.registerForm;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** From a failed check to its fix: how-to on checks, offending items on the entity page, levels in the preview. */
@QuarkusTest
class HowToTest {

    @Test
    void eachFailedCheckSaysItsLevelHowToFixItAndWhatFails() {
        String path = "/catalog/default/component/syncari-sfdc-hubspot-sync";
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> !page(path).select("li.failed-check").isEmpty());
        Document doc = page(path);
        Element twoMaintainers = doc.select("li.failed-check").stream()
                .filter(li -> li.selectFirst("strong").text().equals("At least two maintainers"))
                .findFirst()
                .orElseThrow();
        assertEquals("needed for bronze", twoMaintainers.selectFirst(".level").text());
        assertTrue(twoMaintainers.selectFirst("ul.offending").text().contains("only one maintainer: diego"));
        assertTrue(twoMaintainers.selectFirst("p.how-to").text().startsWith("How to fix: Name a second person"));
        Element serviceAccount = doc.select("li.failed-check").stream()
                .filter(li -> li.selectFirst("strong").text().equals("Runs as a service account"))
                .findFirst()
                .orElseThrow();
        assertTrue(serviceAccount.selectFirst("ul.offending").text().contains("runs as user:diego"));
        assertNotNull(serviceAccount.selectFirst("p.how-to a[href^=https://]"));
    }

    @Test
    void aHowToMustBeTextOrTextWithAnHttpLink() {
        String name = unique("howto");
        String scorecard = """
                apiVersion: interlock.dev/v1alpha1
                kind: Scorecard
                metadata: {name: %s}
                spec:
                  owner: group:platform
                  appliesTo: "true"
                  levels: [bronze]
                  checks:
                    - {id: a, title: A, level: bronze, rule: "true", why: w, howTo: {text: Do it, link: "javascript:alert(1)"}}
                    - {id: b, title: B, level: bronze, rule: "true", why: w, howTo: 42}
                    - {id: c, title: C, level: bronze, rule: "true", why: w, howTo: Just text}
                """.formatted(name);
        as("admin")
                .contentType("application/yaml")
                .body(scorecard)
                .post("/api/catalog/entities?dryRun=true")
                .then()
                .statusCode(400)
                .body(containsString("spec.checks.0.howTo.link"))
                .body(containsString("spec.checks.1.howTo"));
    }

    @Test
    void thePreviewWarnsAboutUnknownPeopleAndShowsTheLevelsItWouldReach() {
        String name = unique("prev");
        String yaml = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: %s}
                spec:
                  type: pipeline
                  lifecycle: production
                  owner: group:nobody-%s
                  pipeline:
                    maintainers: [user:ghost-%s]
                """.formatted(name, name, name);
        Response preview = registerForm("alice", "/register/preview", yaml);
        assertEquals(200, preview.statusCode(), preview.asString());
        Document doc = Jsoup.parse(preview.asString());
        List<String> warnings = doc.select(".preview-warning").eachText();
        assertTrue(
                warnings.contains("The owner group:default/nobody-" + name + " is not in the catalog."),
                warnings.toString());
        assertTrue(warnings.contains("The maintainer user:default/ghost-" + name
                + " is not in the catalog: until they are, they do not count as one."));
        String levels = doc.selectFirst("td.would-reach").text();
        assertTrue(levels.contains("Survivability: no level"), levels);
        browserAs("bob").get("/catalog/default/component/" + name).then().statusCode(404);
    }
}
