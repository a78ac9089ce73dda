package dev.interlock.teams;

import static dev.interlock.support.Api.page;
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
        assertTrue(section.text().contains("Only one day of data so far"), section.text());
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
     * Revenue owns no pipeline by its own name; its teams (revops, growth-marketing) own four and a revops member owns
     * one personally. Its page answers for all of them, as {@code /people?team=} counts its teams' people.
     */
    @Test
    void aDepartmentPageRollsUpThePipelinesAndLevelOfItsTeams() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() ->
                        page("/catalog/default/group/revenue").selectFirst("section.team-level h2 .level") != null);
        Document doc = page("/catalog/default/group/revenue");
        Element level = doc.selectFirst("section.team-level");
        assertTrue(level.text().contains("4 of its pipelines are scored"), level.text());
        assertTrue(level.text().contains("those of the 2 teams within it too"), level.text());
        assertTrue(
                level.select("ul.entity-list li > a")
                        .eachAttr("href")
                        .contains("/catalog/default/component/syncari-sfdc-hubspot-sync"),
                level.html());

        Element pipelines = doc.getElementById("spof-h").parent();
        assertEquals("Pipelines (4)", doc.getElementById("spof-h").text());
        assertTrue(pipelines.text().contains("With those of the 2 teams within it"), pipelines.text());
        assertEquals(
                List.of("Pipeline", "Family", "Owner", "Survivability level", "Single points of failure"),
                pipelines.select("thead th").eachText());
        Map<String, String> ownerByPipeline = new LinkedHashMap<>();
        for (Element row : pipelines.select("tbody tr")) {
            ownerByPipeline.put(
                    row.selectFirst("td a").attr("href"),
                    row.selectFirst("td:nth-child(3)").text());
        }
        assertEquals(
                Map.of(
                        "/catalog/default/component/airbyte-marketing-ads", "growth-marketing",
                        "/catalog/default/component/census-accounts-to-hubspot", "revops",
                        "/catalog/default/component/hightouch-lead-scores-to-salesforce", "revops",
                        "/catalog/default/component/zapier-demo-requests-to-sfdc", "growth-marketing"),
                ownerByPipeline);
        // By name, whichever team owns them.
        assertEquals(
                List.of(
                        "/catalog/default/component/airbyte-marketing-ads",
                        "/catalog/default/component/census-accounts-to-hubspot",
                        "/catalog/default/component/hightouch-lead-scores-to-salesforce",
                        "/catalog/default/component/zapier-demo-requests-to-sfdc"),
                List.copyOf(ownerByPipeline.keySet()));
        // What the department itself owns stays its own.
        assertTrue(
                doc.getElementById("owns-h").text().startsWith("Owns ("),
                doc.getElementById("owns-h").text());
        assertTrue(
                doc.getElementById("owns-h").parent().select("tbody a").eachAttr("href").stream()
                        .noneMatch(h -> h.contains("census-accounts-to-hubspot")),
                doc.getElementById("owns-h").parent().html());
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
