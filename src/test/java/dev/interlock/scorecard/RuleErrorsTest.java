package dev.interlock.scorecard;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.page;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.registerForm;
import static dev.interlock.support.Api.scorecard;
import static dev.interlock.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * A check whose rule cannot be evaluated for an entity (a key it lacks, read without {@code has()}) counts as failed,
 * and says so apart from a rule that answered no: in the API, on the entity's page, on the scorecard's page and in the
 * register preview.
 */
@QuarkusTest
class RuleErrorsTest {

    /** The components labelled with this tag, as a scorecard's {@code appliesTo}. */
    private static String labelled(String tag) {
        return "entity.kind == 'Component' && has(entity.metadata.labels) && has(entity.metadata.labels.probe)"
                + " && entity.metadata.labels.probe == '" + tag + "'";
    }

    /** The register preview's warnings for a document, as alice sees them. */
    private static List<String> previewWarnings(String yaml) {
        Response preview = registerForm("alice", "/register/preview", yaml);
        assertEquals(200, preview.statusCode(), preview.asString());
        return Jsoup.parse(preview.asString()).select(".preview-warning").eachText();
    }

    /** A scorecard judging the components labelled with this tag: one check reads a key without has(). */
    private static String card(String name, String tag) {
        return scorecard(
                name,
                labelled(tag),
                "{id: system, title: Part of the billing system, level: only,"
                        + " rule: \"entity.spec.system == 'billing'\", why: Billing owns it.}",
                "{id: tagged, title: Tagged, level: only, rule: \"has(entity.metadata.tags)\", why: Findable.}");
    }

    private static String entity(String name, String tag) {
        return component(name, "group:revops", null)
                .replace("  name: " + name + "\n", "  name: " + name + "\n  labels: {probe: " + tag + "}\n");
    }

    @Test
    void aRuleThatCannotReadTheEntityIsAFailureWithItsReason() {
        String tag = unique("t");
        String cardName = unique("errs");
        register(card(cardName, tag)).statusCode(201);
        String name = unique("no-system");
        register(entity(name, tag)).statusCode(201);

        JsonPath result = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> as("bob")
                                .get("/api/catalog/entities/by-name/component/default/{n}/scorecards", name)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        p -> p.getList("items.scorecardRef").contains("scorecard:default/" + cardName));
        Map<String, Object> item =
                result.getMap("items.find { it.scorecardRef == 'scorecard:default/" + cardName + "' }");
        assertNull(item.get("level"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> failed = (List<Map<String, Object>>) item.get("failed");
        Map<String, Object> system = failed.stream()
                .filter(f -> f.get("id").equals("system"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "the rule could not be evaluated: key 'system' is not present in map",
                system.get("error"),
                failed.toString());
        // A rule that answered no has no error at all, as before.
        Map<String, Object> tagged = failed.stream()
                .filter(f -> f.get("id").equals("tagged"))
                .findFirst()
                .orElseThrow();
        assertFalse(tagged.containsKey("error"), tagged.toString());

        // The entity's page tells the rule's fault apart from the entity's.
        Document page = page("/catalog/default/component/" + name);
        Element unanswered = failedCheck(page, "Part of the billing system");
        assertEquals(
                "No answer: the rule could not be evaluated: key 'system' is not present in map. The check counts as"
                        + " failed until the scorecard's owners mend the rule.",
                unanswered.selectFirst("p.rule-error").text());
        assertNull(failedCheck(page, "Tagged").selectFirst("p.rule-error"));

        // The scorecard's page counts the entities its rule gave no answer for, and names one.
        Document detail = page("/scorecards/default/" + cardName);
        Element row = detail.select("tr").stream()
                .filter(tr -> tr.text().startsWith("Part of the billing system"))
                .findFirst()
                .orElseThrow();
        Element reason = row.selectFirst(".risk-text");
        assertEquals(
                "No answer for 1 (counted as failed), such as " + name
                        + ": the rule could not be evaluated: key 'system' is not present in map",
                reason.text());
        assertEquals(
                "/catalog/default/component/" + name, reason.selectFirst("a").attr("href"));
        Element taggedRow = detail.select("tr").stream()
                .filter(tr -> tr.text().startsWith("Tagged"))
                .findFirst()
                .orElseThrow();
        assertNull(taggedRow.selectFirst(".risk-text"));
    }

    @Test
    void thePreviewWarnsOfACheckItsRuleCannotAnswer() {
        String tag = unique("t");
        register(card(unique("errs"), tag)).statusCode(201);
        List<String> warnings = previewWarnings(entity(unique("prev"), tag));
        assertTrue(
                warnings.stream()
                        .anyMatch(w -> w.startsWith("The check \u201cPart of the billing system\u201d of the scorecard")
                                && w.endsWith("counts as failed, as its rule gives no answer for this entity: the rule"
                                        + " could"
                                        + " not be evaluated: key 'system' is not present in map")),
                warnings.toString());
        assertFalse(warnings.stream().anyMatch(w -> w.contains("Tagged")), warnings.toString());
    }

    @Test
    void thePreviewNamesAFewChecksWithoutAnAnswerAndCountsTheRest() {
        String tag = unique("t");
        List<String> checks = new java.util.ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            checks.add("{id: c" + i + ", title: Check " + i + ", level: only, rule: \"entity.spec.missing" + i
                    + " == 'x'\", why: Needed.}");
        }
        register(scorecard(unique("many"), labelled(tag), checks.toArray(String[]::new)))
                .statusCode(201);
        List<String> warnings = previewWarnings(entity(unique("prev"), tag));
        assertEquals(
                5,
                warnings.stream()
                        .filter(w -> w.startsWith("The check \u201cCheck "))
                        .count(),
                warnings.toString());
        assertTrue(warnings.contains("And 2 more checks give no answer for this entity."), warnings.toString());
    }

    private static Element failedCheck(Document page, String title) {
        return page.select("li.failed-check").stream()
                .filter(li -> li.selectFirst("strong").text().equals(title))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no failed check " + title + " in " + page.select("li.failed-check")));
    }
}
