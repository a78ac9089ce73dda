package dev.interlock.runs.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The health list with filters that match no pipeline says which filters leave nothing, instead of showing a table of
 * headers alone, and its link keeps the filters that are not the status.
 */
@QuarkusTest
class EmptyHealthListTest {

    @Test
    void aStatusNoneOfTheFilteredPipelinesHasSaysSoAndLinksTheirOtherStatuses() {
        HealthFilter filter = HealthFilter.of("failing", "delivery", null, "true", null);
        Document page = render(filter, 3);
        assertTrue(page.text().contains("None of these 3 pipelines have this health now. Every status →"), page.text());
        assertTrue(page.select("table").isEmpty(), page.html());
        assertTrue(
                page.select("p.summary a").attr("href").equals("/runs?family=delivery&production=true"),
                page.select("p.summary").outerHtml());
    }

    @Test
    void filtersThatLeaveNoPipelineSaySo() {
        Document page = render(HealthFilter.of(null, "data", null, null, null), 0);
        assertTrue(page.text().contains("No pipeline matches with these filters."), page.text());
        assertFalse(page.text().contains("Every status →"), page.text());
    }

    private static Document render(HealthFilter filter, int matching) {
        return Jsoup.parse(RunsPages.Templates.overview(new HealthOverview.View(
                        filter,
                        null,
                        null,
                        0,
                        List.of(new HealthOverview.StatusLink(
                                "failing", "Failing", filter.onlyStatus("failing"), true, 0)),
                        List.of(),
                        matching,
                        0,
                        1,
                        List.of()))
                .render());
    }
}
