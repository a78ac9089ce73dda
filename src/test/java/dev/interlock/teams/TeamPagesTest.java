package dev.interlock.teams;

import static dev.interlock.support.Api.page;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

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
