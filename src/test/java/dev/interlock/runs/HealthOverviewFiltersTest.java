package dev.interlock.runs;

import static dev.interlock.support.Api.group;
import static dev.interlock.support.Api.lineage;
import static dev.interlock.support.Api.page;
import static dev.interlock.support.Api.postLineage;
import static dev.interlock.support.Api.registerAs;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import dev.interlock.support.Api;

/**
 * The health overview ({@code /runs}) narrows to one team's pipelines (a department's taking in its teams') and to
 * production ones, and every filter link keeps the other filters: "failing now" for a leader's own production
 * pipelines, as the API's owner filter answers it.
 */
@QuarkusTest
class HealthOverviewFiltersTest {

    @Test
    void failingNowNarrowsToATeamsProductionPipelinesAndEachLinkKeepsTheOtherFilters() {
        String dept = unique("dept");
        String team = unique("team");
        String other = unique("other");
        String prod = unique("prod");
        String trial = unique("trial");
        String elsewhere = unique("elsewhere");
        registerAs(
                        "admin",
                        String.join(
                                "---\n",
                                List.of(
                                        group(dept, "department", team)
                                                .replace("metadata: {", "metadata: {title: Go-to-market data, "),
                                        // A team of the same name in another namespace is told apart in the select.
                                        group(dept, "team", "").replace("metadata: {", "metadata: {namespace: sales, "),
                                        group(team, "team", ""),
                                        group(other, "team", ""),
                                        pipeline(prod, team, "production"),
                                        pipeline(trial, team, "experimental"),
                                        pipeline(elsewhere, other, "production"))))
                .statusCode(201);
        Instant now = Instant.now();
        for (String name : List.of(prod, trial, elsewhere)) {
            String id = UUID.randomUUID().toString();
            postLineage("[" + lineage("START", now.minus(10, ChronoUnit.MINUTES), id, "filters", name, null) + ","
                            + lineage("FAIL", now.minus(5, ChronoUnit.MINUTES), id, "filters", name, null) + "]")
                    .statusCode(201);
        }
        String deptParam = URLEncoder.encode("group:default/" + dept, StandardCharsets.UTF_8);

        // The department's failing pipelines are its team's, of any lifecycle, and no other team's.
        Document byTeam = page("/runs?status=failing&team=group:default/" + dept);
        assertEquals(List.of(href(prod), href(trial)), pipelines(byTeam));
        // Teams are named as their pages name them, and the list says whose each pipeline is.
        assertEquals(
                "Pipeline health: Go-to-market data", byTeam.selectFirst("h1").text());
        assertEquals(
                "group:default/" + dept,
                byTeam.selectFirst("#team option[selected]").val());
        assertEquals(
                "Go-to-market data",
                byTeam.selectFirst("#team option[selected]").text());
        assertEquals(
                dept + " (sales)",
                byTeam.selectFirst("#team option[value=group:sales/" + dept + "]")
                        .text());
        assertTrue(byTeam.selectFirst("p.hint").text().contains("and the 1 team within it"), byTeam.text());
        Document namesake = page("/runs?team=group:sales/" + dept);
        assertEquals(
                "Pipeline health: " + dept + " (sales)",
                namesake.selectFirst("h1").text());
        assertEquals(
                dept + " (sales) has no pipeline. Every team's →",
                namesake.selectFirst("p.summary").text());
        assertEquals(
                List.of("/catalog/default/group/" + team, "/catalog/default/group/" + team),
                byTeam.select("table.pipelines tbody td:nth-child(4) a").eachAttr("href"));
        // Its failing count is the team's, and the link to production only keeps the status and the team.
        assertEquals(
                "Failing (2)",
                byTeam.selectFirst("nav.filters a[href^=/runs?status=failing&]").text());
        String productionOnly =
                byTeam.selectFirst("nav.filters a:containsOwn(Production only)").attr("href");
        assertEquals("/runs?status=failing&team=" + deptParam + "&production=true", productionOnly);

        Document narrowed = follow(productionOnly);
        assertEquals(List.of(href(prod)), pipelines(narrowed));
        // The API answers the same filters with the same pipelines: one selection for both.
        Api.as("bob")
                .get("/api/pipelines/health?status=failing&owner=group:default/" + dept + "&production=TRUE")
                .then()
                .statusCode(200)
                .body("items.entityRef", equalTo(List.of("component:default/" + prod)))
                .body("totalItems", equalTo(1));
        Api.as("bob")
                .get("/api/pipelines/health?owner=group:default/" + dept + "&production=false")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(2));
        Api.as("bob")
                .get("/api/pipelines/health?production=yes")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("production"))
                .body("errors[0].message", equalTo("\"production\" must be true or false, found \"yes\""));
        assertEquals(
                "/runs?status=failing&family=data&team=" + deptParam + "&production=true",
                narrowed.selectFirst("nav.filters a:containsOwn(Data (GTM))").attr("href"));
        assertEquals(
                "/runs?team=" + deptParam + "&production=true",
                narrowed.selectFirst("nav.filters a:containsOwn(Every status)").attr("href"));
        // The team form keeps the status and production only as it changes the team.
        assertEquals("failing", narrowed.selectFirst("form input[name=status]").val());
        assertEquals("true", narrowed.selectFirst("form input[name=production]").val());

        // A page past the last says so and links the last, the filters kept.
        Document past = follow(productionOnly + "&page=5");
        assertEquals(
                "There is no page 5. Go to the last page (1).",
                past.selectFirst("p.empty").text());
        assertEquals(productionOnly, past.selectFirst("p.empty a").attr("href"));

        // Another team: its own failing pipeline alone (every team's list is paged, so other tests' pipelines may
        // fill its first page).
        assertEquals(List.of(href(elsewhere)), pipelines(page("/runs?status=failing&production=true&team=" + other)));

        // The team page links its pipelines' health; a team the catalog does not hold is a 404, not everyone's.
        assertEquals(
                "/runs?team=" + URLEncoder.encode("group:default/" + team, StandardCharsets.UTF_8),
                page("/catalog/default/group/" + team)
                        .selectFirst("a:containsOwn(How they are running now)")
                        .attr("href"));
        Api.browserAs("bob").get("/runs?team=" + unique("absent")).then().statusCode(404);
        Api.browserAs("bob")
                .get("/runs?team=user:default/raj")
                .then()
                .statusCode(404)
                .body(containsString("user:default/raj is not a team"));
        Api.browserAs("bob").get("/runs?team=%3A%3A").then().statusCode(404);
    }

    /** A list longer than a page is paged, each page's links keeping the filters. */
    @Test
    void aLongListIsPagedWithTheFiltersKept() {
        String team = unique("crowd");
        List<String> yaml = new java.util.ArrayList<>(List.of(group(team, "team", "")));
        for (int i = 0; i < 51; i++) {
            yaml.add(pipeline(team + "-p" + (100 + i), team, "production"));
        }
        registerAs("admin", String.join("---\n", yaml)).statusCode(201);
        Document first = page("/runs?team=" + team + "&production=true");
        assertEquals(50, pipelines(first).size());
        assertEquals(
                "Page 1 of 2 (51 pipelines)",
                first.selectFirst("nav.pager span").text());
        String next = first.selectFirst("nav.pager a[rel=next]").attr("href");
        assertEquals(
                "/runs?team=" + URLEncoder.encode("group:default/" + team, StandardCharsets.UTF_8)
                        + "&production=true&page=2",
                next);
        Document second = follow(next);
        assertEquals(List.of(href(team + "-p150")), pipelines(second));
        assertTrue(second.selectFirst("nav.pager a[rel=prev]") != null, second.html());
    }

    /** A link of a page, followed (the client encodes the query again). */
    private static Document follow(String href) {
        return page(URLDecoder.decode(href, StandardCharsets.UTF_8));
    }

    private static List<String> pipelines(Document doc) {
        return doc.select("table.pipelines tbody tr td:first-child > a").eachAttr("href");
    }

    private static String href(String name) {
        return "/catalog/default/component/" + name;
    }

    private static String pipeline(String name, String owner, String lifecycle) {
        return RunEvents.dataPipeline(name, "openlineage.io/job: filters/" + name, null)
                .replace("owner: group:data-engineering", "owner: group:" + owner)
                .replace("lifecycle: production", "lifecycle: " + lifecycle);
    }
}
