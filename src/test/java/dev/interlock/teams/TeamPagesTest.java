package dev.interlock.teams;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.group;
import static dev.interlock.support.Api.page;
import static dev.interlock.support.Api.registerAs;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** A team's level with its rule and trend, pipelines owned by a member personally, and the scorecard's team table. */
@QuarkusTest
class TeamPagesTest {

    @Test
    void aTeamPageStatesItsLevelItsRuleAndItsTrend() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() ->
                        page("/catalog/default/group/platform").selectFirst("section.team-level h2 .level") != null);
        Document doc = page("/catalog/default/group/platform");
        Element section = doc.selectFirst("section.team-level");
        assertTrue(section.selectFirst("h2").text().toLowerCase().contains("survivability level"), section.text());
        assertTrue(section.text().contains("the highest level that at least 80 % of its pipelines reach"));
        assertNotNull(section.selectFirst("figure.graph svg"), section.html());
        // One day of data says so; a run that crossed midnight UTC has two, each with the team's level.
        assertTrue(
                section.text().contains("Only one day of data so far")
                        || section.text().matches(".*team level by day: \\d{4}-\\d{2}-\\d{2}: [^,]+, \\d{4}-.*"),
                section.text());
    }

    @Test
    void pipelinesOwnedByAMemberPersonallyAreListedUnderTheTeam() {
        Document doc = page("/catalog/default/group/revops");
        Element section = doc.selectFirst("section.team-level");
        assertTrue(
                section.select("h3").eachText().stream().anyMatch(h -> h.startsWith("Owned by a member personally")),
                section.text());
        List<String> links = section.select("ul.entity-list li > a").eachAttr("href");
        assertTrue(links.contains("/catalog/default/component/syncari-sfdc-hubspot-sync"), links.toString());
        // Each says why it would not survive its owner's absence, as the team's own pipelines do.
        Element syncari = section.select("ul.entity-list li").stream()
                .filter(li -> li.html().contains("syncari-sfdc-hubspot-sync"))
                .findFirst()
                .orElseThrow();
        assertTrue(syncari.selectFirst(".sub.risk-text") != null, syncari.html());
        assertTrue(syncari.selectFirst(".sub.risk-text").text().contains("runs as a person"), syncari.html());
    }

    /**
     * A department owns nothing by its own name; its two teams (one with a team of its own) own three pipelines and a
     * member of the innermost team one more personally. Its page answers for all of them, as {@code /people?team=}
     * counts its teams' people.
     */
    @Test
    void aDepartmentPageRollsUpThePipelinesAndLevelOfItsTeams() {
        String dept = unique("dept");
        String north = unique("north");
        String south = unique("south");
        String inner = unique("inner");
        String orphan = unique("orphan");
        String ghost = unique("ghost");
        String grand = unique("grand");
        String person = unique("person");
        String a = "a-" + unique("p");
        String b = "b-" + unique("p");
        String c = "c-" + unique("p");
        String mine = "d-" + unique("p");
        registerAs(
                        "admin",
                        String.join(
                                "---\n",
                                List.of(
                                        group(dept, "department", north + ", " + south),
                                        group(north, "team", inner),
                                        // A member the catalog does not hold is neither listed nor counted.
                                        group(south, "team", "")
                                                .replace("spec: {", "spec: {members: [" + unique("absent") + "], "),
                                        group(inner, "team", ""),
                                        group(orphan, "team", "").replace("spec: {", "spec: {parent: " + ghost + ", "),
                                        pipeline("e-" + unique("p"), "group:" + orphan),
                                        group(grand, "division", ghost),
                                        """
                        apiVersion: backstage.io/v1alpha1
                        kind: User
                        metadata: {name: %s}
                        spec: {memberOf: [%s]}
                        """.formatted(person, inner),
                                        pipeline(c, "group:" + south),
                                        pipeline(a, "group:" + north),
                                        pipeline(b, "group:" + inner),
                                        pipeline(mine, "user:" + person),
                                        component(unique("svc"), "group:" + north, null))))
                .statusCode(201);

        String path = "/catalog/default/group/" + dept;
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> page(path).selectFirst("section.team-level h2 .level") != null);
        Document doc = page(path);
        Element level = doc.selectFirst("section.team-level");
        assertTrue(level.text().contains("3 of its pipelines are scored"), level.text());
        assertTrue(level.text().contains("those of the 3 teams within it too"), level.text());
        assertEquals(
                List.of("/catalog/default/component/" + mine),
                level.select("ul.entity-list li > a:first-child").eachAttr("href"),
                level.html());

        // Its people are its teams': the page names them, under its own members (none here).
        Element members = doc.getElementById("members-h").parent();
        assertTrue(members.text().contains("No members of its own."), members.text());
        assertEquals(
                "In the teams within it (1)",
                doc.getElementById("people-within-h").text());
        assertEquals(
                List.of("/catalog/default/user/" + person),
                members.select("ul[aria-labelledby=people-within-h] a").eachAttr("href"));
        assertEquals(
                "/people?team=group%3Adefault%2F" + dept,
                members.selectFirst("a:containsOwn(What hangs on each of them)").attr("href"));

        Element pipelines = doc.getElementById("spof-h").parent();
        assertEquals("Pipelines (3)", doc.getElementById("spof-h").text());
        assertTrue(pipelines.text().contains("With those of the 3 teams within it"), pipelines.text());
        assertEquals(
                List.of("Pipeline", "Health", "Family", "Owner", "Survivability level", "Single points of failure"),
                pipelines.select("thead th").eachText());
        Map<String, String> ownerByPipeline = new LinkedHashMap<>();
        for (Element row : pipelines.select("tbody tr")) {
            ownerByPipeline.put(
                    row.selectFirst("td a").text(),
                    row.selectFirst("td:nth-child(4)").text());
        }
        // Each pipeline's health now, linking its runs (none reported here yet).
        assertEquals(
                List.of("/runs/default/" + a, "/runs/default/" + b, "/runs/default/" + c),
                pipelines.select("tbody td:nth-child(2) a.health").eachAttr("href"));
        assertEquals(
                List.of("health health-unknown"),
                pipelines.select("tbody td:nth-child(2) a.health").eachAttr("class").stream()
                        .distinct()
                        .toList());
        // By name, whichever team owns them, the inner team's too.
        assertEquals(List.of(a, b, c), List.copyOf(ownerByPipeline.keySet()));
        assertEquals(Map.of(a, north, b, inner, c, south), ownerByPipeline);
        // What the department itself owns stays its own.
        assertEquals("Owns (0)", doc.getElementById("owns-h").text());

        // A team inside it answers for itself and its own team only.
        Element northPipelines =
                page("/catalog/default/group/" + north).getElementById("spof-h").parent();
        assertEquals(
                List.of(a, b), northPipelines.select("tbody td:first-child a").eachText());

        // The scorecard's table per team gives the department the same figures and level, and each team its own
        // pipelines and those of the teams under it.
        Map<String, String> rows = new LinkedHashMap<>();
        Map<String, String> levels = new LinkedHashMap<>();
        Map<String, String> indents = new LinkedHashMap<>();
        for (Element row : page("/scorecards/default/survivability").select("table.teams tbody tr")) {
            rows.put(
                    row.selectFirst("td a").text(),
                    row.selectFirst("td:nth-child(1)").text() + " | "
                            + row.selectFirst("td:nth-child(2)").text());
            levels.put(
                    row.selectFirst("td a").text(),
                    row.selectFirst("td:nth-child(3)").text());
            indents.put(row.selectFirst("td a").text(), row.className());
        }
        assertEquals(dept + " with 3 teams within it | 3", rows.get(dept), rows.toString());
        assertEquals(north + " with 1 team within it in " + dept + " | 2", rows.get(north));
        assertEquals(south + " in " + dept + " | 1", rows.get(south));
        assertEquals(inner + " in " + north + " | 1", rows.get(inner));
        // The table reads as the tree: the department, then each team under it, the deeper ones indented further.
        List<String> names = List.copyOf(rows.keySet());
        int at = names.indexOf(dept);
        assertEquals(List.of(dept, north, inner, south), names.subList(at, at + 4), names.toString());
        assertEquals(
                List.of("depth-0", "depth-1", "depth-2", "depth-1"),
                names.subList(at, at + 4).stream().map(indents::get).toList());
        // A parent that is not in the catalog has no row: there is no department to answer for. The team above it
        // takes in the team under it all the same, as its page does, and lists it under itself.
        assertEquals(orphan + " in " + grand + " | 1", rows.get(orphan));
        assertFalse(rows.containsKey(ghost), rows.toString());
        assertEquals(grand + " with 1 team within it | 1", rows.get(grand), rows.toString());
        assertEquals(names.indexOf(grand) + 1, names.indexOf(orphan), names.toString());
        assertTrue(page("/catalog/default/group/" + grand)
                .getElementById("spof-h")
                .text()
                .equals("Pipelines (1)"));
        assertEquals(level.selectFirst("h2 .level").text(), levels.get(dept), level.text());

        // The API's owner filters answer for a department as its page does: its teams' pipelines, the inner one's too.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as("bob")
                        .queryParam("owner", "group:" + dept)
                        .get("/api/pipelines/health")
                        .then()
                        .statusCode(200)
                        .body("totalItems", equalTo(3))
                        .body(
                                "items.entityRef",
                                containsInAnyOrder(
                                        "component:default/" + a, "component:default/" + b, "component:default/" + c)));
        as("bob")
                .queryParam("owner", "group:" + north)
                .get("/api/pipelines/health")
                .then()
                .body("totalItems", equalTo(2));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as("bob")
                        .queryParam("owner", "group:" + dept)
                        .get("/api/scorecards/default/survivability/results")
                        .then()
                        .statusCode(200)
                        .body(
                                "items.entityRef",
                                containsInAnyOrder(
                                        "component:default/" + a, "component:default/" + b, "component:default/" + c)));
        as("bob")
                .queryParam("owner", "group:" + inner)
                .get("/api/scorecards/default/survivability/results")
                .then()
                .body("items.entityRef", contains("component:default/" + b));
    }

    private static String pipeline(String name, String owner) {
        return component(name, owner, """
                pipeline:
                  family: data
                  maintainers: [user:default/alice]
                """).replace("type: service", "type: pipeline");
    }

    /** Two teams that each name the other as a child: every walk down the tree ends, and each takes in the other. */
    @Test
    void teamsUnderEachOtherTakeEachOtherInOnce() {
        String x = unique("loop-x");
        String y = unique("loop-y");
        String px = "a-" + unique("p");
        String py = "b-" + unique("p");
        registerAs(
                        "admin",
                        String.join(
                                "---\n",
                                List.of(
                                        group(x, "team", y),
                                        group(y, "team", x),
                                        pipeline(px, "group:" + x),
                                        pipeline(py, "group:" + y))))
                .statusCode(201);
        for (String team : List.of(x, y)) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> as("bob")
                            .queryParam("owner", "group:" + team)
                            .get("/api/pipelines/health")
                            .then()
                            .statusCode(200)
                            .body("totalItems", equalTo(2))
                            .body(
                                    "items.entityRef",
                                    containsInAnyOrder("component:default/" + px, "component:default/" + py)));
            assertEquals(
                    "Pipelines (2)",
                    page("/catalog/default/group/" + team)
                            .getElementById("spof-h")
                            .text());
        }
    }

    /** A team with no teams under it lists its own pipelines, without an owner column that would name it each time. */
    @Test
    void aTeamWithoutTeamsWithinListsItsOwnPipelinesOnly() {
        Document doc = page("/catalog/default/group/revops");
        Element pipelines = doc.getElementById("spof-h").parent();
        assertFalse(pipelines.select("thead th").eachText().contains("Owner"), pipelines.html());
        assertFalse(pipelines.text().contains("teams within it"), pipelines.text());
        assertTrue(
                pipelines.select("tbody a").eachAttr("href").stream()
                        .noneMatch(h -> h.contains("airbyte-marketing-ads")),
                pipelines.html());
    }

    @Test
    void theScorecardTableGivesEachTeamItsLevelAndTrend() {
        Document doc = page("/scorecards/default/survivability");
        Element table = doc.selectFirst("table.teams");
        assertNotNull(table);
        assertTrue(table.select("thead th").eachText().containsAll(List.of("Team level", "Team level over time")));
        assertTrue(table.select("tbody td:nth-child(3) .level").size() > 0);
        assertTrue(
                doc.text().contains("A team's level is the highest level that at least 80 % of its pipelines reach"));
    }
}
