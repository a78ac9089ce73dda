package dev.interlock.web;

import static dev.interlock.support.Api.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import dev.interlock.runs.derive.Health;
import dev.interlock.scorecard.HeadlineLevels;
import dev.interlock.scorecard.ScorecardService;

/** The pipelines table and the start page's risk card: lifecycle, production only, named people, reasons, sorting. */
@QuarkusTest
class PipelinesPageTest {

    private static Element row(Document doc, String name) {
        return doc.select("table.pipelines tbody tr").stream()
                .filter(tr -> tr.selectFirst("td .sub") != null
                        && tr.selectFirst("td .sub").text().startsWith(name + " "))
                .findFirst()
                .orElse(null);
    }

    /**
     * The row of a pipeline on any page of a listing (other tests add pipelines, so it may not be on the first page);
     * null when no page has it.
     */
    private static Element rowOnAnyPage(String path, String name) {
        String separator = path.contains("?") ? "&" : "?";
        for (int n = 1; n <= 50; n++) {
            Document doc = page(path + separator + "page=" + n);
            Element found = row(doc, name);
            if (found != null || doc.selectFirst("nav.pager a[rel=next]") == null) {
                return found;
            }
        }
        return null;
    }

    private static String pipeline(String name, String trigger) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                spec:
                  type: pipeline
                  lifecycle: experimental
                  owner: group:revops
                  pipeline:
                    family: data
                    runsAs: user:lena
                    maintainers: [user:lena, user:diego]
                    trigger:
                %s
                """.formatted(name, trigger.indent(6).stripTrailing());
    }

    @Test
    void aScheduleSaysItsTimeZoneAndUtcWhenItDeclaresNone() {
        String west = dev.interlock.support.Api.unique("tz-west");
        String plain = dev.interlock.support.Api.unique("tz-none");
        dev.interlock.support.Api.register(pipeline(west, "schedule: \"0 6 * * *\"\ntimezone: America/Los_Angeles"))
                .statusCode(201);
        dev.interlock.support.Api.register(pipeline(plain, "schedule: \"0 6 * * *\""))
                .statusCode(201);

        Element trigger = fact(west, "Trigger");
        assertEquals("every day at 06:00 (America/Los_Angeles) 0 6 * * *", trigger.text());
        Element none = fact(plain, "Trigger");
        assertEquals("every day at 06:00 (UTC) 0 6 * * *", none.text());

        assertTrue(rowOnAnyPage("/pipelines", west).text().contains("every day at 06:00 (America/Los_Angeles)"));
        assertTrue(rowOnAnyPage("/pipelines", plain).text().contains("every day at 06:00 (UTC)"));
    }

    @Test
    void theSlosAreSeparatedWithoutATrailingSemicolon() {
        String two = dev.interlock.support.Api.unique("slo-two");
        String none = dev.interlock.support.Api.unique("slo-none");
        dev.interlock.support.Api.register(
                        pipeline(two, "schedule: \"0 6 * * *\"") + "    slo: {freshness: 6h, successRate: 0.95}\n")
                .statusCode(201);
        dev.interlock.support.Api.register(pipeline(none, "schedule: \"0 6 * * *\""))
                .statusCode(201);
        assertEquals("fresh within 6h; success rate ≥ 0.95", fact(two, "SLOs").text());
        assertEquals("none", fact(none, "SLOs").text());
    }

    private static Element fact(String name, String term) {
        return page("/catalog/default/component/" + name).select("dl.facts dt").stream()
                .filter(dt -> dt.text().equals(term))
                .findFirst()
                .orElseThrow()
                .nextElementSibling();
    }

    @Test
    void aPipelineThatRunsAsAPersonLinksToThem() {
        String name = dev.interlock.support.Api.unique("runs-as");
        dev.interlock.support.Api.register(pipeline(name, "schedule: \"0 6 * * *\""))
                .statusCode(201);
        Element runsAs = fact(name, "Runs as");
        assertNotNull(runsAs.selectFirst("a[href=/catalog/default/user/lena]"), runsAs.outerHtml());
        assertFalse(runsAs.text().contains("user:lena"), runsAs.text());
    }

    @Test
    void theOrphansPageSaysWhenThereAreNone() {
        Document doc = page("/catalog?orphan=true");
        if (doc.selectFirst("table.entities") == null) {
            assertTrue(doc.selectFirst("p.empty").text().startsWith("There are no orphans"), doc.text());
        }
        // Another filter as well: nothing matching is said as before.
        Document narrowed = page("/catalog?orphan=true&kind=Domain&q=" + dev.interlock.support.Api.unique("none"));
        assertTrue(narrowed.selectFirst("p.empty").text().startsWith("Nothing matches"), narrowed.text());
    }

    @Inject
    ScorecardService scorecards;

    /**
     * The health and level columns sort: worst first (failing, then late…; no level, then each level up), the other
     * way round on the second click, with what has no health yet or no score last either way; across pages too.
     */
    @Test
    void theHealthAndLevelColumnsSortWorstFirstAndBack() {
        int unknown = Health.STATUSES.indexOf("unknown");
        ToIntFunction<Element> health = tr ->
                Health.STATUSES.indexOf(tr.selectFirst("a.health").className().replace("health health-", ""));
        Document worst = page("/pipelines?sort=health");
        assertEquals(
                "ascending", worst.selectFirst("th:has(a[href*=sort=health])").attr("aria-sort"));
        List<Integer> ranks = ranks(worst, health);
        assertEquals(Health.STATUSES.indexOf("failing"), ranks.get(0), ranks.toString());
        assertInOrder(ranks, Comparator.naturalOrder(), unknown);
        List<Integer> next = ranks(page("/pipelines?sort=health&page=2"), health);
        if (!next.isEmpty()) {
            assertTrue(ranks.get(ranks.size() - 1) <= next.get(0), ranks + " then " + next);
        }
        Document best = page("/pipelines?sort=health&dir=desc");
        assertEquals(
                "descending", best.selectFirst("th:has(a[href*=sort=health])").attr("aria-sort"));
        assertEquals(Health.STATUSES.indexOf("healthy"), ranks(best, health).get(0));
        assertInOrder(ranks(best, health), Comparator.reverseOrder(), unknown);

        for (String dir : List.of("", "&dir=desc")) {
            Document byLevel = page("/pipelines?sort=level" + dir);
            List<String> refs = byLevel.select("table.pipelines tbody tr td:first-child > a").eachAttr("href").stream()
                    .map(href -> "component:default/" + href.substring(href.lastIndexOf('/') + 1))
                    .toList();
            HeadlineLevels levels = scorecards.headline(refs);
            List<Integer> levelRanks = refs.stream().map(levels::rank).toList();
            assertInOrder(
                    levelRanks,
                    dir.isEmpty() ? Comparator.naturalOrder() : Comparator.reverseOrder(),
                    levels.levels().size());
            assertTrue(levelRanks.get(0) < levels.levels().size(), levelRanks.toString());
        }
    }

    private static List<Integer> ranks(Document doc, ToIntFunction<Element> rank) {
        return doc.select("table.pipelines tbody tr").stream()
                .map(tr -> rank.applyAsInt(tr))
                .toList();
    }

    /** In this order, those ranked {@code last} or after at the end. */
    private static void assertInOrder(List<Integer> ranks, Comparator<Integer> order, int last) {
        for (int i = 1; i < ranks.size(); i++) {
            int a = ranks.get(i - 1);
            int b = ranks.get(i);
            boolean fine = a >= last ? b >= last : b >= last || order.compare(a, b) <= 0;
            assertTrue(fine, "out of order at " + i + ": " + ranks);
        }
    }

    @Test
    void productionOnlyLeavesTheDeprecatedDemoOut() {
        assertNotNull(rowOnAnyPage("/pipelines", "zapier-demo-requests-to-sfdc"));
        Document production = page("/pipelines?production=true");
        assertEquals(null, rowOnAnyPage("/pipelines?production=true", "zapier-demo-requests-to-sfdc"));
        assertTrue(production.select("table.pipelines tbody td:nth-child(5)").eachText().stream()
                .allMatch("production"::equals));
        // What is failing or late now, from here, is of production pipelines too.
        assertEquals(
                "/runs?status=failing&production=true",
                production.selectFirst("nav.filters a:containsOwn(Failing now)").attr("href"));
        assertEquals(
                "/runs?status=late&production=true",
                production.selectFirst("nav.filters a:containsOwn(Late now)").attr("href"));
    }

    @Test
    void aPagePastTheLastSaysSoAndLinksToTheLast() {
        Document past = page("/pipelines?page=9999");
        assertTrue(past.select("table.pipelines tbody tr").isEmpty());
        Element empty = past.selectFirst("p.empty");
        assertNotNull(empty);
        assertTrue(empty.text().startsWith("There is no page 9999."), empty.text());
        assertNotNull(empty.selectFirst("a[href^=/pipelines]:contains(Go to the last page)"), empty.outerHtml());
    }

    @Test
    void maintainersAndTheRunAsPersonAreNamedAndEachRowLinksToItsImpact() {
        Element syncari = rowOnAnyPage("/pipelines", "syncari-sfdc-hubspot-sync");
        assertNotNull(syncari);
        assertEquals("diego", syncari.selectFirst("td.maintainers").text());
        assertTrue(syncari.select("td:nth-child(8)").text().contains("diego"));
        assertNotNull(syncari.selectFirst("a[href=/catalog/default/component/syncari-sfdc-hubspot-sync/impact]"));
    }

    @Test
    void eachReasonIsAFilterOfItsOwn() {
        for (String[] reason : List.of(
                new String[] {"person", "runs as a person"},
                new String[] {"runbook", "no runbook"},
                new String[] {"maintainer", "maintainer"})) {
            Document doc = page("/pipelines?reason=" + reason[0]);
            List<String> reasons =
                    doc.select("table.pipelines tbody td:last-child").eachText();
            assertFalse(reasons.isEmpty(), reason[0]);
            assertTrue(reasons.stream().allMatch(r -> r.contains(reason[1])), reason[0] + ": " + reasons);
        }
        Document all = page("/pipelines");
        assertTrue(all.select("table.pipelines tbody td:last-child").eachText().contains("no single point of failure"));
        assertTrue(all.select("table.pipelines a.reason[href*=reason=person]").size() > 0);
    }

    @Test
    void columnsSortBothWays() {
        Document doc = page("/pipelines?sort=maintainers&dir=desc");
        List<Integer> counts = doc.select("table.pipelines tbody td.maintainers").stream()
                .map(td -> td.select("a, span.unresolved").size())
                .toList();
        assertTrue(counts.get(0) >= counts.get(counts.size() - 1), counts.toString());
        assertEquals("descending", doc.selectFirst("th[aria-sort=descending]").attr("aria-sort"));
        assertTrue(doc.selectFirst("th[aria-sort=descending] a").attr("href").contains("sort=maintainers"));
        Document byName = page("/pipelines?sort=name&dir=desc");
        List<String> names =
                byName.select("table.pipelines tbody td:first-child > a").eachText();
        assertFalse(names.isEmpty());
    }

    @Test
    void theStartPageCountsProductionRisksOnly() {
        Document doc = page("/");
        assertTrue(doc.selectFirst("a.risk-card").attr("href").contains("production=true"));
        List<String> risky =
                doc.select("#risk-h ~ .table-wrap > table tbody td:first-child").eachText();
        assertFalse(risky.isEmpty());
        assertTrue(risky.stream().noneMatch(t -> t.toLowerCase().contains("zapier")), risky.toString());
        // Each names whom it hangs on, for every reason that names someone (which rows show depends on what else the
        // catalog holds: other tests register risky pipelines too).
        for (org.jsoup.nodes.Element row : doc.select("#risk-h ~ .table-wrap > table tbody tr")) {
            String why = row.selectFirst("td:nth-child(4)").text();
            String hangsOn = row.selectFirst("td:nth-child(3)").text();
            assertEquals(
                    why.contains("only one person restored it"), hangsOn.contains("restored only by "), row.text());
            assertEquals(why.contains("runs as a person"), hangsOn.contains("runs as "), row.text());
            assertEquals(
                    why.contains("one maintainer") || why.contains("no maintainer"),
                    !hangsOn.isEmpty() && !hangsOn.startsWith("runs as") && !hangsOn.startsWith("restored"),
                    row.text());
        }
    }
}
