package dev.interlock.browser;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Browsing the catalog as a viewer (bob) in headless Chromium: search as you type, facets and sorting without page
 * loads (htmx), a pipeline's page with its flow and tabs, following lineage to an output and to what breaks with
 * it; and the same catalog with JavaScript off, where facets and the search form are ordinary links and forms.
 */
@QuarkusTest
class CatalogBrowserTest {

    private static final String PIPELINE = "/catalog/default/component/dbt-revenue-models";
    private static final String CENTER = "component:default/dbt-revenue-models";
    /** The fields the catalog page's search box looks in (CatalogSearch.SEARCHED). */
    private static final String SEARCHED = "metadata.name,metadata.title,metadata.description,metadata.tags,"
            + "spec.type,spec.owner,spec.system,spec.pipeline.platform";

    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) (entity|entities)");

    private static Browser browser;

    @BeforeAll
    static void signInAsBob() {
        browser = Browser.start();
        browser.signIn("bob", "bob");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void searchAsYouTypeFacetsAndSortingUpdateTheResultsWithoutReloadingThePage() {
        browser.open("/catalog");
        long everything = summaryCount();
        assertTrue(everything > 25, "the example catalog is loaded: " + everything);
        String page = browser.markDocument();
        js("document.body.dataset.marker = 'before-typing';");

        // Search as you type: no submit, no Enter.
        browser.driver().findElement(By.id("q")).sendKeys("dbt");
        browser.waitForText(By.cssSelector("#catalog-results .summary"), "matching “dbt”");
        browser.waitForPath("pushed to contain q=dbt", p -> p.startsWith("/catalog?") && p.contains("q=dbt"));
        assertSamePage(page);
        assertBodyMarkerKept();

        long matching = summaryCount();
        List<String> rows = resultNames();
        assertEquals(matching, rows.size(), "one row per match (all on page 1): " + rows);
        assertTrue(matching < everything, matching + " of " + everything);
        assertEquals(apiSearch("dbt"), new TreeSet<>(rows), "the rows are exactly the entities matching “dbt”");
        assertTrue(
                rows.containsAll(List.of("dbt-revenue-models", "dbt-marketing-models", "repo-analytics-dbt")),
                rows.toString());
        assertFalse(rows.contains("fivetran-salesforce"), rows.toString());

        // The Component facet: its count is what choosing it gives.
        WebElement component = facet("Kind", "Component");
        long componentCount = Long.parseLong(component
                .findElement(By.xpath("following-sibling::span[@class='count']"))
                .getText()
                .trim());
        assertTrue(componentCount > 0 && componentCount < matching, componentCount + " of " + matching);
        component.click();
        browser.waitForPath("to contain kind=Component", p -> p.contains("kind=Component") && p.contains("q=dbt"));
        browser.waitFor("the summary to count " + componentCount + " entities", d -> summaryCount() == componentCount);
        assertSamePage(page);
        assertBodyMarkerKept();
        assertEquals("true", facet("Kind", "Component").getAttribute("aria-current"), "the chosen facet is marked");
        List<String> kinds = texts(By.cssSelector("#catalog-results table.entities tbody tr td:nth-child(2)"));
        assertEquals(componentCount, kinds.size());
        assertTrue(kinds.stream().allMatch("Component"::equals), kinds.toString());
        assertEquals("dbt", browser.driver().findElement(By.id("q")).getAttribute("value"), "the search text stays");

        // Sort by name, descending: Name is sorted ascending now, so one click flips it.
        WebElement nameHeader = browser.driver()
                .findElement(
                        By.xpath(
                                "//div[@id='catalog-results']//table[contains(@class,'entities')]//th[.//a[starts-with(normalize-space(.),'Name')]]"));
        assertEquals("ascending", nameHeader.getAttribute("aria-sort"));
        nameHeader.findElement(By.tagName("a")).click();
        browser.waitForPath("to sort by name descending", p -> p.contains("sort=name") && p.contains("dir=desc"));
        browser.waitFor(
                "the Name column to be sorted descending",
                d -> "descending"
                        .equals(d.findElement(
                                        By.xpath(
                                                "//div[@id='catalog-results']//th[.//a[starts-with(normalize-space(.),'Name')]]"))
                                .getAttribute("aria-sort")));
        List<String> sorted = resultNames();
        List<String> expected = new ArrayList<>(sorted);
        expected.sort(Comparator.reverseOrder());
        assertEquals(expected, sorted, "names in descending order");
        assertEquals(componentCount, sorted.size(), "sorting keeps the filter");
        assertTrue(
                browser.currentPath().contains("kind=Component")
                        && browser.currentPath().contains("q=dbt"),
                browser.currentPath());
        assertSamePage(page);
        assertBodyMarkerKept();
    }

    @Test
    void openingAPipelineFromTheSearchResultsShowsItsWholePage() {
        browser.open("/catalog?q=dbt&kind=Component");
        WebElement link =
                browser.waitForVisible(By.cssSelector("#catalog-results table.entities a[href='" + PIPELINE + "']"));
        link.click();
        browser.waitForPath(PIPELINE, p -> p.equals(PIPELINE));
        // A page of its own: its heading, tabs and pipeline facts, not the catalog with a fragment inside.
        browser.waitForText(By.cssSelector("main h1"), "dbt revenue models");
        assertAll(
                () -> assertEquals(
                        "dbt revenue models",
                        browser.driver().findElement(By.cssSelector("main h1")).getText(),
                        "the page heading"),
                () -> assertEquals(
                        1,
                        browser.driver()
                                .findElements(By.cssSelector("nav.tabs"))
                                .size(),
                        "the tabs"),
                () -> assertEquals(
                        0,
                        browser.driver().findElements(By.id("search-form")).size(),
                        "the catalog's search form is gone"),
                () -> assertTrue(
                        browser.driver().getTitle().startsWith("dbt revenue models"),
                        browser.driver().getTitle()));
    }

    @Test
    void aPipelinePageSaysHowItRunsDrawsItsFlowAndSwitchesTabsInPlace() {
        browser.open(PIPELINE);
        assertEquals(
                "dbt revenue models",
                browser.waitForVisible(By.cssSelector("main h1")).getText());
        assertEquals("Data (GTM / RevOps / DataOps)", fact("Family"));
        assertEquals("dbt-cloud", fact("Platform"));
        String trigger = fact("Trigger");
        assertTrue(trigger.contains("after fivetran-salesforce"), trigger);
        assertTrue(trigger.contains("on manual"), trigger);
        assertEquals(
                1,
                browser.driver()
                        .findElements(
                                By.xpath(
                                        "//dl[contains(@class,'facts')]/dt[.='Trigger']"
                                                + "/following-sibling::dd[1]//a[@href='/catalog/default/component/fivetran-salesforce']"))
                        .size(),
                "the upstream pipeline is a link");

        // The flow: inputs left of the pipeline, outputs right of it.
        WebElement flow = browser.waitForVisible(By.cssSelector("section.pipeline figure.graph svg"));
        assertTrue(flow.findElement(By.tagName("title"))
                .getAttribute("textContent")
                .contains("Data flow of dbt revenue models"));
        Map<String, Object> layout = flowLayout();
        @SuppressWarnings("unchecked")
        List<String> inputs = (List<String>) layout.get("inputs");
        @SuppressWarnings("unchecked")
        List<String> outputs = (List<String>) layout.get("outputs");
        assertEquals(
                Set.of(
                        "resource:default/raw-salesforce-account",
                        "resource:default/raw-salesforce-opportunity",
                        "resource:default/repo-analytics-dbt",
                        "resource:default/raw-stripe-charges"),
                Set.copyOf(inputs));
        assertEquals(
                Set.of(
                        "resource:default/analytics-fct-revenue",
                        "resource:default/analytics-dim-account",
                        "resource:default/analytics-fct-pipeline"),
                Set.copyOf(outputs));
        assertEquals(Boolean.TRUE, layout.get("inputsLeft"), "inputs are drawn left of the pipeline: " + layout);
        assertEquals(Boolean.TRUE, layout.get("outputsRight"), "outputs are drawn right of the pipeline: " + layout);
        assertTrue(
                browser.driver()
                                .findElements(
                                        By.cssSelector(
                                                "section.pipeline svg g.node.unresolved[data-id='resource:default/raw-stripe-charges']"))
                                .size()
                        == 1,
                "an input not in the catalog is drawn as unresolved");
        assertTrue(
                browser.waitForVisible(
                                By.cssSelector("section[aria-labelledby='graph-h'] figure.graph svg g.node.center"))
                        .isDisplayed(),
                "the neighbourhood graph");

        // Tabs are loaded into #tab by htmx; the address follows.
        String page = browser.markDocument();
        tab("Source").click();
        browser.waitForText(By.id("tab"), "Where it came from");
        String source =
                browser.waitForVisible(By.cssSelector("#tab pre.source")).getText();
        assertTrue(source.contains("name: dbt-revenue-models"), source);
        assertTrue(source.contains("kind: Component"), source);
        assertTrue(source.contains("after: [component:fivetran-salesforce]"), source);
        browser.waitForPath("?tab=source", p -> p.equals(PIPELINE + "?tab=source"));
        assertSamePage(page);

        tab("History").click();
        browser.waitForText(By.cssSelector("#tab"), "Generation");
        browser.waitForPath("?tab=history", p -> p.equals(PIPELINE + "?tab=history"));
        List<String> actions = texts(By.cssSelector("#tab table tbody tr td:nth-child(3)"));
        assertTrue(actions.contains("created"), actions.toString());
        assertSamePage(page);
        // The tab shown is the tab marked as current (it is styled as the selected one).
        assertEquals(List.of("History"), currentTabs(), "the selected tab after switching to History in place");
    }

    @Test
    void followingLineageFromAPipelineToAnOutputAndWhatBreaksWithIt() {
        browser.open(PIPELINE);
        // Click the output in the flow diagram (an SVG link).
        WebElement output = browser.waitForVisible(By.cssSelector(
                "section.pipeline svg a[href='/catalog/default/resource/analytics-fct-revenue'] g.node"));
        browser.clickAndWaitForNewDocument(output, "the output's page");
        assertEquals("/catalog/default/resource/analytics-fct-revenue", browser.currentPath());
        assertEquals(
                "ANALYTICS.FCT_REVENUE",
                browser.waitForVisible(By.cssSelector("main h1")).getText());
        String writtenBy = relation("Written by");
        assertTrue(writtenBy.contains("dbt-revenue-models"), writtenBy);

        WebElement impactLink = browser.driver().findElement(By.linkText("What breaks if this breaks →"));
        browser.clickAndWaitForNewDocument(impactLink, "the impact page");
        assertEquals("/catalog/default/resource/analytics-fct-revenue/impact", browser.currentPath());
        assertEquals(
                "What breaks if ANALYTICS.FCT_REVENUE breaks",
                browser.waitForVisible(By.cssSelector("main h1")).getText());

        List<WebElement> rows = browser.driver().findElements(By.cssSelector("main table tbody tr"));
        Set<String> downstream = rows.stream()
                .map(r -> lastSegment(
                        r.findElement(By.cssSelector("td:nth-child(2) a")).getAttribute("href")))
                .collect(Collectors.toSet());
        assertTrue(
                downstream.containsAll(Set.of(
                        "census-accounts-to-hubspot", "looker-revenue-dashboard", "hubspot-company", "hubspot-deal")),
                downstream.toString());
        assertFalse(downstream.contains("analytics-fct-revenue"), "not downstream of itself: " + downstream);
        String summary = browser.driver()
                .findElement(By.cssSelector("section[aria-labelledby='sum-h'] p"))
                .getText();
        assertTrue(summary.startsWith(rows.size() + " entities downstream: "), summary);
        // The census sync reads the table directly: one step away, owned by revops.
        WebElement census = browser.driver()
                .findElement(By.xpath(
                        "//main//table//tr[td[2]/a[@href='/catalog/default/component/census-accounts-to-hubspot']]"));
        assertEquals("1", census.findElement(By.cssSelector("td:nth-child(1)")).getText());
        assertTrue(
                census.findElement(By.cssSelector("td:nth-child(5)")).getText().contains("revops"));

        List<String> owners = texts(By.cssSelector("section[aria-labelledby='notify-h'] ul.people li"));
        assertTrue(owners.stream().anyMatch(o -> o.startsWith("revops — ")), owners.toString());
        assertTrue(owners.stream().anyMatch(o -> o.startsWith("data-engineering — ")), owners.toString());
        assertEquals(
                "Owners to notify (" + owners.size() + ")",
                browser.driver().findElement(By.id("notify-h")).getText());
    }

    @Test
    void pipelineFiltersNarrowTheListInPlaceAndAgreeWithTheStartPage() {
        browser.open("/");
        long data = card("/pipelines?family=data");
        long atRisk = card("/pipelines?spof=true&production=true");
        long delivery = card("/pipelines?family=delivery");

        browser.open("/pipelines");
        assertEquals(data + delivery, pipelineCount(), "All = data + delivery");
        String page = browser.markDocument();

        filter("Data (GTM)").click();
        browser.waitForPath("?family=data", p -> p.equals("/pipelines?family=data"));
        browser.waitFor("the list to count " + data + " pipelines", d -> pipelineCount() == data);
        assertSamePage(page);
        assertEquals(List.of("Data (GTM)"), texts(By.cssSelector("#pipelines nav.filters a[aria-current='true']")));
        List<String> families = texts(By.cssSelector("#pipelines table.pipelines tbody tr td:nth-child(2)"));
        assertEquals(data, families.size());
        assertTrue(families.stream().allMatch("Data"::equals), families.toString());

        filter("Only single points of failure").click();
        browser.waitForPath("?family=data&spof=true", p -> p.equals("/pipelines?family=data&spof=true"));
        browser.waitFor(
                "the toggle to be on",
                d -> filter("Only single points of failure").getText().startsWith("✓"));
        long dataAtRisk = pipelineCount();
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#pipelines table.pipelines tbody tr"));
        assertEquals(dataAtRisk, rows.size());
        assertTrue(dataAtRisk > 0 && dataAtRisk < data, dataAtRisk + " of " + data);
        for (WebElement row : rows) {
            assertEquals(
                    "Data", row.findElement(By.cssSelector("td:nth-child(2)")).getText());
            List<WebElement> risks = row.findElements(By.cssSelector("td:last-child .risk-text"));
            assertTrue(
                    risks.size() == 1 && !risks.get(0).getText().isBlank(), "a reason it is at risk: " + row.getText());
        }

        filter("All").click();
        browser.waitForPath("?spof=true", p -> p.equals("/pipelines?spof=true"));
        // The start page's card counts production pipelines only.
        filter("Production only").click();
        browser.waitForPath("?spof=true&production=true", p -> p.equals("/pipelines?spof=true&production=true"));
        browser.waitFor("the list to count " + atRisk + " pipelines", d -> pipelineCount() == atRisk);
        assertSamePage(page);
    }

    @Test
    void openingAPipelineFromThePipelinesListShowsItsWholePage() {
        browser.open("/pipelines?family=data");
        browser.waitForVisible(By.cssSelector("#pipelines a[href='" + PIPELINE + "']"))
                .click();
        browser.waitForPath(PIPELINE, p -> p.equals(PIPELINE));
        browser.waitForText(By.cssSelector("main h1"), "dbt revenue models");
        assertAll(
                () -> assertEquals(
                        1,
                        browser.driver()
                                .findElements(By.cssSelector("nav.tabs"))
                                .size(),
                        "the tabs"),
                () -> assertEquals(
                        0,
                        browser.driver()
                                .findElements(By.cssSelector("nav.filters"))
                                .size(),
                        "the pipelines' filters are gone"));
    }

    @Test
    void withoutJavaScriptFacetsAndTheSearchFormAreOrdinaryPageLoads() {
        try (Browser plain = Browser.startWithoutJavaScript()) {
            plain.signIn("bob", "bob");
            plain.open("/catalog");
            assertEquals(
                    "undefined",
                    plain.driver() instanceof JavascriptExecutor js
                            ? js.executeScript("return typeof window.htmx;")
                            : null,
                    "htmx did not run: JavaScript is off");

            String page = plain.markDocument();
            WebElement q = plain.driver().findElement(By.id("q"));
            q.sendKeys("dbt");
            q.sendKeys(Keys.ENTER);
            plain.waitForNewDocument("the search results", page);
            assertEquals("/catalog?q=dbt", plain.currentPath());
            String summary = plain.waitForText(By.cssSelector("#catalog-results .summary"), "matching “dbt”");
            long matching = count(summary);
            assertEquals(apiSearch("dbt").size(), matching, summary);

            WebElement component = plain.driver()
                    .findElement(By.xpath("//aside[contains(@class,'facets')]//section[h2='Kind']"
                            + "//a[normalize-space(.)='Component']"));
            long componentCount = Long.parseLong(component
                    .findElement(By.xpath("following-sibling::span[@class='count']"))
                    .getText()
                    .trim());
            plain.clickAndWaitForNewDocument(component, "the catalog filtered to components");
            assertEquals("/catalog?q=dbt&kind=Component", plain.currentPath());
            assertEquals(
                    componentCount,
                    count(plain.driver()
                            .findElement(By.cssSelector("#catalog-results .summary"))
                            .getText()));

            // Searching again keeps the chosen facet (hidden fields of the search form).
            WebElement again = plain.driver().findElement(By.id("q"));
            again.clear();
            again.sendKeys("revenue");
            plain.clickAndWaitForNewDocument(
                    plain.driver().findElement(By.cssSelector("#search-form button[type=submit]")),
                    "the second search");
            String path = plain.currentPath();
            assertTrue(path.contains("q=revenue") && path.contains("kind=Component"), path);
            List<String> names = plain
                    .driver()
                    .findElements(By.cssSelector("#catalog-results table.entities tbody tr td:first-child a"))
                    .stream()
                    .map(a -> lastSegment(a.getAttribute("href")))
                    .toList();
            assertTrue(names.contains("dbt-revenue-models"), names.toString());
            assertFalse(names.contains("repo-analytics-dbt"), "a resource, filtered out: " + names);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static long card(String href) {
        return Long.parseLong(browser.driver()
                .findElement(By.cssSelector("a.card[href='" + href + "'] .n"))
                .getText()
                .trim());
    }

    private static long pipelineCount() {
        String summary = browser.driver()
                .findElement(By.cssSelector("#pipelines .summary"))
                .getText()
                .trim();
        Matcher m = Pattern.compile("^(\\d+) pipelines?$").matcher(summary);
        if (!m.find()) {
            throw new AssertionError("not a pipeline count: " + summary);
        }
        return Long.parseLong(m.group(1));
    }

    private static WebElement filter(String label) {
        return browser.driver()
                .findElement(By.xpath("//div[@id='pipelines']/nav[contains(@class,'filters')]"
                        + "/a[normalize-space(translate(.,'✓',''))='" + label + "']"));
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    private static void assertSamePage(String token) {
        assertTrue(browser.isSameDocument(token), "htmx swapped the content; the page was not reloaded");
    }

    private static void assertBodyMarkerKept() {
        assertEquals(
                "before-typing",
                js("return document.body.dataset.marker || null;"),
                "the mark put on <body> before typing is still there: no full page load");
    }

    private static long summaryCount() {
        return count(browser.driver()
                .findElement(By.cssSelector("#catalog-results .summary"))
                .getText());
    }

    private static long count(String summary) {
        Matcher m = SUMMARY.matcher(summary.trim());
        if (!m.find()) {
            throw new AssertionError("not a result count: " + summary);
        }
        return Long.parseLong(m.group(1));
    }

    /** The entity names of the result rows, from their links. */
    private static List<String> resultNames() {
        return browser
                .driver()
                .findElements(By.cssSelector("#catalog-results table.entities tbody tr td:first-child > a"))
                .stream()
                .map(a -> lastSegment(a.getAttribute("href")))
                .toList();
    }

    private static WebElement facet(String facet, String value) {
        return browser.driver()
                .findElement(By.xpath("//aside[contains(@class,'facets')]//section[h2='" + facet + "']"
                        + "//a[normalize-space(translate(.,'✓',''))='" + value + "']"));
    }

    private static List<String> texts(By locator) {
        return browser.driver().findElements(locator).stream()
                .map(e -> e.getText().trim())
                .toList();
    }

    private static String fact(String term) {
        return browser.driver()
                .findElement(By.xpath("//section[contains(@class,'pipeline')]//dl[contains(@class,'facts')]"
                        + "/dt[normalize-space(.)='" + term + "']/following-sibling::dd[1]"))
                .getText()
                .replaceAll("\\s+", " ")
                .trim();
    }

    private static String relation(String label) {
        return browser.driver()
                .findElement(By.xpath("//dl[contains(@class,'relations')]/dt[normalize-space(.)='" + label
                        + "']/following-sibling::dd[1]"))
                .getText();
    }

    private static WebElement tab(String name) {
        return browser.driver()
                .findElement(By.xpath("//nav[contains(@class,'tabs')]/a[normalize-space(.)='" + name + "']"));
    }

    private static List<String> currentTabs() {
        return texts(By.cssSelector("nav.tabs a[aria-current='page']"));
    }

    /** Which flow nodes are inputs and outputs (by the edges), and whether they are drawn left and right. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> flowLayout() {
        return (Map<String, Object>) js("""
                const svg = document.querySelector('section.pipeline figure.graph svg');
                const center = arguments[0];
                const x = id => svg.querySelector('g.node[data-id="' + id + '"]').getBoundingClientRect().left;
                const inputs = [...svg.querySelectorAll('g.edge[data-to="' + center + '"]')].map(e => e.dataset.from);
                const outputs = [...svg.querySelectorAll('g.edge[data-from="' + center + '"]')].map(e => e.dataset.to);
                const c = x(center);
                return { inputs, outputs, center: c,
                         inputsLeft: inputs.length > 0 && inputs.every(i => x(i) < c),
                         outputsRight: outputs.length > 0 && outputs.every(o => x(o) > c) };
                """, CENTER);
    }

    /** What the catalog API finds for the same text in the same fields: the oracle for the search box. */
    private static Set<String> apiSearch(String term) {
        List<String> names = given().auth()
                .preemptive()
                .basic("bob", "bob")
                .queryParam("fullTextFilterTerm", term)
                .queryParam("fullTextFilterFields", SEARCHED)
                .queryParam("limit", 500)
                .when()
                .get("/api/catalog/entities/by-query")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.metadata.name", String.class);
        return new TreeSet<>(names);
    }

    private static String lastSegment(String href) {
        String path = URI.create(href).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
