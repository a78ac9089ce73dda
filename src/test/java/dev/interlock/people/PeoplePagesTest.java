package dev.interlock.people;

import static dev.interlock.support.Api.browserAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The people pages over the example catalog: the ranking, its team filter, and "If … is away" on a person. */
@QuarkusTest
class PeoplePagesTest {

    private static Document page(String path, int status) {
        Response r = browserAs("bob").get(path);
        assertEquals(status, r.statusCode(), path + ": " + r.asString());
        return Jsoup.parse(r.asString());
    }

    @Test
    void theRankingPutsThePeopleProductionHangsOnFirst() {
        Document doc = page("/people", 200);
        List<String> names =
                doc.select("table.people-ranking tbody tr td:first-child > a").eachText();
        assertTrue(names.size() >= 4, names.toString());
        // Diego alone maintains, runs and owns the Syncari sync; nothing hangs on Alice alone.
        assertTrue(names.stream().anyMatch(n -> n.toLowerCase().contains("diego")), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.toLowerCase().startsWith("alice")), names.toString());
        List<Integer> production = doc.select("table.people-ranking tbody tr td:nth-child(3)").eachText().stream()
                .map(Integer::parseInt)
                .toList();
        for (int i = 1; i < production.size(); i++) {
            assertTrue(production.get(i - 1) >= production.get(i), production.toString());
        }
    }

    @Test
    void theRankingFiltersByTeam() {
        Document doc = page("/people?team=group:default/mobile", 200);
        List<String> names =
                doc.select("table.people-ranking tbody tr td:first-child > a").eachText();
        assertEquals(1, names.size(), names.toString());
        assertTrue(names.get(0).toLowerCase().contains("sofia"), names.toString());
        assertNotNull(doc.selectFirst("select#team option[selected][value=group:default/mobile]"));
        page("/people?team=nosuchteam", 404);
    }

    /** A department's filter takes in its teams' people (Revenue's are in revops and growth-marketing). */
    @Test
    void theRankingOfADepartmentListsThePeopleOfItsTeams() {
        List<String> revops = page("/people?team=group:default/revops", 200)
                .select("table.people-ranking tbody tr td:first-child > a")
                .eachText();
        List<String> department = page("/people?team=group:default/revenue", 200)
                .select("table.people-ranking tbody tr td:first-child > a")
                .eachText();
        List<String> company = page("/people?team=group:default/northwind", 200)
                .select("table.people-ranking tbody tr td:first-child > a")
                .eachText();
        assertTrue(!revops.isEmpty(), revops.toString());
        assertTrue(department.containsAll(revops), department + " against " + revops);
        assertTrue(company.containsAll(department), company + " against " + department);
        assertTrue(company.size() > department.size(), company + " against " + department);
    }

    @Test
    void aPersonPageSaysWhatHangsOnThemAndWhoToTell() {
        Document doc = page("/catalog/default/user/diego", 200);
        Element away = doc.selectFirst("section.away");
        assertNotNull(away);
        assertTrue(away.selectFirst("h2").text().startsWith("If "), away.text());
        assertTrue(away.text().contains("syncari") || away.text().toLowerCase().contains("syncari"), away.text());
        assertTrue(
                away.select("h3").eachText().stream().anyMatch(h -> h.startsWith("Pipelines only they maintain")),
                away.text());
        assertTrue(away.select("h3").eachText().stream().anyMatch(h -> h.startsWith("Pipelines that run as them")));
        assertTrue(away.select("h3").eachText().stream().anyMatch(h -> h.startsWith("Who to tell")));
    }

    @Test
    void theSoleRestorerOfAProductionPipelineIsListedAndTheirPageCountsIt() {
        Document people = page("/people", 200);
        Element carol = people.select("table.people-ranking tbody tr").stream()
                .filter(tr -> tr.selectFirst("td:first-child > a[href=/catalog/default/user/carol]") != null)
                .findFirst()
                .orElseThrow(() -> new AssertionError("carol is not on /people"));
        assertTrue(Integer.parseInt(carol.select("td").get(2).text()) >= 1, carol.text());
        Element away = page("/catalog/default/user/carol", 200).selectFirst("section.away");
        assertNotNull(away);
        // The summary counts the production pipeline only she has restored that the list under it names.
        assertTrue(Integer.parseInt(away.selectFirst("p.away-summary strong").text()) >= 1, away.text());
        assertTrue(
                away.select("h3").eachText().stream()
                        .anyMatch(h -> h.startsWith("Pipelines only they have restored after a failure")),
                away.text());
    }

    @Test
    void theRankingAndThePersonPageCountTheSameDownstream() {
        Document people = page("/people", 200);
        List<Element> rows = people.select("table.people-ranking tbody tr");
        assertTrue(rows.size() >= 4);
        for (Element tr : rows) {
            String href = tr.selectFirst("td:first-child > a").attr("href");
            String downstream = tr.select("td").get(5).text();
            Element away = page(href, 200).selectFirst("section.away");
            String heading = away.select("h3").eachText().stream()
                    .filter(h -> h.startsWith("Downstream ("))
                    .findFirst()
                    .orElseThrow();
            assertEquals("Downstream (" + downstream + ")", heading, href);
            String name = href.substring(href.lastIndexOf('/') + 1);
            Response api = dev.interlock.support.Api.as("bob").get("/api/people/default/" + name + "/dependence");
            assertEquals(
                    Integer.parseInt(downstream),
                    api.jsonPath().getList("downstream").size(),
                    href);
        }
    }

    @Test
    void aPersonOnWhomNothingHangsIsToldSo() {
        Document doc = page("/catalog/default/user/alice", 200);
        assertTrue(doc.selectFirst("section.away p.ok").text().startsWith("Nothing in the catalog hangs on"));
    }
}
