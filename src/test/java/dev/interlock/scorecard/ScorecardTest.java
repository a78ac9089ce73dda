package dev.interlock.scorecard;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.scorecard;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** Scorecards: validated rules, levels, results that follow changes to the entity and to what is around it. */
@QuarkusTest
class ScorecardTest {

    private static String pipeline(String name, String maintainers, String extra) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  description: A test pipeline
                spec:
                  type: pipeline
                  lifecycle: production
                  owner: group:revops
                  pipeline:
                    family: delivery
                    runsAs: service-account
                    trigger: {schedule: "0 * * * *"}
                    maintainers: [%s]
                """.formatted(name, maintainers) + (extra == null ? "" : extra.indent(4));
    }

    /** The entity's survivability result, once it satisfies the condition (scoring runs after the commit). */
    private static JsonPath awaitResult(String name, Predicate<JsonPath> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonPath last = null;
        while (Instant.now().isBefore(deadline)) {
            last = as("bob")
                    .get("/api/catalog/entities/by-name/component/default/{n}/scorecards", name)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            if (!last.getList("items").isEmpty() && condition.test(last)) {
                return last;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new AssertionError(
                "no matching result for " + name + " within 20 s; last: " + (last == null ? null : last.prettify()));
    }

    private static List<String> passed(JsonPath p) {
        return p.getList("items.find { it.scorecardRef == 'scorecard:default/survivability' }.passed");
    }

    @Test
    void theExampleScorecardsAreListed() {
        as("bob")
                .get("/api/scorecards")
                .then()
                .statusCode(200)
                .body("items.find { it.ref == 'scorecard:default/survivability' }.checks", equalTo(18))
                .body(
                        "items.find { it.ref == 'scorecard:default/survivability' }.levels",
                        equalTo(List.of("bronze", "silver", "gold")));
    }

    @Test
    void aRuleThatDoesNotCompileIsARegistrationErrorNamingTheCheck() {
        register("""
                apiVersion: interlock.dev/v1alpha1
                kind: Scorecard
                metadata: {name: %s}
                spec:
                  owner: group:platform
                  appliesTo: "entity.kind == 'Component'"
                  levels: [bronze]
                  checks:
                    - {id: ok, title: Fine, level: bronze, rule: "true", why: Because.}
                    - {id: broken, title: Broken, level: bronze, rule: "size(maintainers) >=", why: Because.}
                    - {id: text, title: Not a boolean, level: bronze, rule: "'abc'", why: Because.}
                    - {id: wrong-level, title: Level, level: platinum, rule: "true", why: Because.}
                """.formatted(unique("sc")))
                .statusCode(400)
                .body(
                        "errors.field",
                        equalTo(List.of("spec.checks.1.rule", "spec.checks.2.rule", "spec.checks.3.level")))
                .body("errors[0].message", containsString("(check broken) is not valid"))
                .body("errors[1].message", containsString("expected type 'bool' but found 'string'"));
    }

    @Test
    void aFieldOfTheWrongKindIsSaidToBeWrongNotMissing() {
        register("""
                apiVersion: interlock.dev/v1alpha1
                kind: Scorecard
                metadata: {name: %s}
                spec:
                  owner: group:platform
                  appliesTo: "true"
                  levels: bronze
                  checks:
                    - {id: num, title: A number, level: bronze, rule: 5, why: Because.}
                """.formatted(unique("sc")))
                .statusCode(400)
                .body("errors.message", hasItem(containsString("\"spec.levels\" is not valid")))
                .body("errors.message", hasItem(containsString("\"spec.checks.0.rule\" is not valid")))
                .body("errors.message", not(hasItem(containsString("must have a value"))));
    }

    @Test
    void levelsNeedEveryCheckOfTheLevelAndTheLowerOnes() {
        Scorecard card = new Scorecard(
                null,
                "t",
                "",
                "true",
                List.of("bronze", "silver", "gold"),
                List.of(
                        new Scorecard.Check("a", "A", "bronze", "true", "w"),
                        new Scorecard.Check("b", "B", "silver", "true", "w"),
                        new Scorecard.Check("c", "C", "gold", "true", "w")));
        assertEquals("gold", card.levelReached(Set.of("a", "b", "c")));
        assertEquals("bronze", card.levelReached(Set.of("a", "c")));
        assertNull(card.levelReached(Set.of("b", "c")));
    }

    @Test
    void aPipelineIsScoredAndRescoredWhenItChanges() {
        String name = unique("sc-pipe");
        register(pipeline(name, "user:mei", null)).statusCode(201);
        JsonPath first = awaitResult(name, p -> passed(p) != null);
        assertTrue(passed(first).contains("team-owner"), passed(first).toString());
        assertTrue(!passed(first).contains("two-maintainers"));
        assertNull(first.getString("items.find { it.scorecardRef == 'scorecard:default/survivability' }.level"));
        assertTrue(first.getList("items.find { it.scorecardRef == 'scorecard:default/survivability' }.failed.why")
                .contains("With one maintainer the pipeline cannot be fixed while that person is on vacation."));

        register(pipeline(name, "user:mei, user:raj", null)).statusCode(201);
        JsonPath second = awaitResult(name, p -> passed(p).contains("two-maintainers"));
        assertEquals(
                "bronze",
                second.getString("items.find { it.scorecardRef == 'scorecard:default/survivability' }.level"));
        as("bob")
                .get("/api/scorecards/default/survivability/results?owner=group:revops")
                .then()
                .statusCode(200)
                .body("items.entityRef", org.hamcrest.Matchers.hasItem("component:default/" + name))
                // A result is given in the API's shape alone: nothing the server checks of it shows as a field.
                .body("items[0]", org.hamcrest.Matchers.hasKey("passed"))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("complete")));
    }

    @Test
    void aMaintainerLeavingATeamRescoresThePipelinesTheyMaintain() {
        String a = unique("sc-a");
        String b = unique("sc-b");
        String teamA = unique("team-a");
        String teamB = unique("team-b");
        String pipe = unique("sc-team");
        register("""
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: %s}
                spec: {type: team, children: []}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: %s}
                spec: {type: team, children: []}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: %s}
                spec: {memberOf: [group:%s]}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: %s}
                spec: {memberOf: [group:%s]}
                """.formatted(teamA, teamB, a, teamA, b, teamB)).statusCode(201);
        register(pipeline(pipe, "user:" + a + ", user:" + b, null)).statusCode(201);
        awaitResult(pipe, p -> passed(p).contains("maintainers-across-teams"));

        // b moves to a's team: the pipeline's maintainers now share one team (an admin may change any user).
        as("admin")
                .contentType("application/yaml")
                .body("""
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: %s}
                spec: {memberOf: [group:%s]}
                """.formatted(b, teamA))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201);
        awaitResult(pipe, p -> !passed(p).contains("maintainers-across-teams"));
    }

    @Test
    void aRemovedScorecardLeavesNoResults() {
        String card = unique("gone-card");
        String name = unique("sc-gone");
        String uid = register(scorecard(
                        card,
                        "entity.metadata.name == '" + name + "'",
                        "{id: always, title: Always, level: only, rule: \"true\", why: Because.}"))
                .statusCode(201)
                .extract()
                .path("entities[0].uid");
        register(pipeline(name, "user:mei", null)).statusCode(201);
        awaitResult(name, p -> p.getList("items.scorecardRef").contains("scorecard:default/" + card));
        as("alice").delete("/api/catalog/entities/by-uid/" + uid).then().statusCode(204);
        awaitResult(name, p -> !p.getList("items.scorecardRef").contains("scorecard:default/" + card));
        as("bob").get("/api/scorecards/default/" + card + "/results").then().statusCode(404);
    }

    @Test
    void theEntityPageShowsEachFailedChecksWhy() {
        String name = unique("sc-page");
        register(pipeline(name, "user:mei", null)).statusCode(201);
        awaitResult(name, p -> passed(p) != null);
        String html = dev.interlock.support.Api.browserAs("bob")
                .get("/catalog/default/component/" + name)
                .asString();
        org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(html);
        assertTrue(doc.select("section.scores h3").text().contains("Survivability"));
        assertTrue(doc.select("section.scores ul.failed")
                .text()
                .contains("With one maintainer the pipeline cannot be fixed while that person is on vacation."));
    }
}
