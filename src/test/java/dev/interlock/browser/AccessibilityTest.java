package dev.interlock.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.ChromiumDriver;

import dev.interlock.support.Api;

/**
 * Every page, signed in, at 1280 px and at a phone's 390 px: no WCAG 2.1 A/AA violation that axe-core finds, and at
 * 390 px no page that scrolls sideways. Violations are listed in {@code target/axe-violations.txt}.
 */
@QuarkusTest
class AccessibilityTest {

    static final List<String> PAGES = List.of(
            "/",
            "/catalog",
            "/catalog?kind=Component&type=pipeline",
            "/catalog?page=999",
            "/catalog/default/component/dbt-revenue-models",
            "/catalog/default/component/dbt-revenue-models?tab=source",
            "/catalog/default/component/dbt-revenue-models?tab=history",
            "/catalog/default/component/syncari-sfdc-hubspot-sync",
            "/catalog/default/component/web-storefront-nightly-release",
            "/catalog/default/user/diego",
            "/catalog/default/group/revops",
            "/catalog/default/resource/sfdc-opportunity/impact",
            "/pipelines",
            "/pipelines?spof=true&production=true",
            "/people",
            "/people?team=group:default/revops",
            "/scorecards",
            "/scorecards/default/survivability",
            "/runs",
            "/runs?status=failing",
            "/runs/default/fivetran-salesforce",
            "/runs/unbound",
            "/register",
            "/locations",
            "/catalog/default/component/no-such-thing");

    /**
     * Rules beyond WCAG 2.1 A/AA that the pages keep to as well: WCAG 2.2's target size, and axe's best practices for
     * scroll boxes, landmarks and roles.
     */
    static final List<String> MORE_RULES =
            List.of("target-size", "scrollable-region-focusable", "landmark-unique", "aria-allowed-role");

    private static Browser browser;

    @BeforeAll
    static void signIn() {
        browser = Browser.start();
        browser.signIn("alice", "alice");
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void noPageHasAWcagViolationOrScrollsSidewaysOnAPhone() throws Exception {
        List<String> pages = new ArrayList<>(PAGES);
        pages.add(aLocationPage());
        List<String> problems = atBothWidths(pages);
        Files.writeString(Path.of("target", "axe-violations.txt"), String.join("\n", problems));
        assertEquals(List.of(), problems);
    }

    /**
     * Pages that need something first: a job no pipeline claims, with a long name, seen by a viewer (who gets the
     * descriptor as text, not in a form), and the register preview of YAML with an error on a long line.
     */
    @Test
    void theUnclaimedRunsAndAPreviewWithAnErrorHaveNoViolation() throws Exception {
        String job = "nightly_" + "very_long_job_name_".repeat(6) + UUID.randomUUID();
        Api.postLineage(Api.lineage("COMPLETE", Instant.now(), UUID.randomUUID().toString(), "unclaimed", job, null))
                .statusCode(201);
        List<String> problems = new ArrayList<>();
        try (Browser bob = Browser.start()) {
            bob.signIn("bob", "bob");
            bob.open("/runs/unbound");
            bob.waitForVisible(By.cssSelector("main pre.source"));
            problems.addAll(violations(bob, "/runs/unbound as a viewer"));
        }
        browser.open("/register");
        browser.waitForVisible(By.id("yaml"))
                .sendKeys("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: Not a valid name!
                  description: %s
                spec:
                  type: service
                  lifecycle: experimental
                  owner: group:revops
                """.formatted("a-long-description-without-any-spaces-".repeat(8)));
        browser.clickAndWaitForNewDocument(
                browser.driver()
                        .findElement(
                                By.xpath("//form[@action='/register/preview']//button[normalize-space(.)='Preview']")),
                "the preview");
        browser.waitForVisible(By.cssSelector("div.yaml .msg"));
        problems.addAll(violations(browser, "/register/preview with an error"));
        assertEquals(List.of(), problems);
    }

    /**
     * Pipelines whose titles mix two directions (Hebrew and Arabic beside Latin) or hold a right-to-left override, on
     * the pages that list pipelines and people: a link of two directions is laid out in pieces.
     */
    @Test
    void titlesInTwoDirectionsHaveNoViolation() {
        String[] titles = {"סנכרון מכירות to HubSpot", "Sync العملاء daily", "Nightly \u202Edesrever eltit\u202C sync"};
        for (String title : titles) {
            // UTF-8 said: RestAssured sends a type without a charset as ISO-8859-1, which has no Hebrew or Arabic.
            Api.as("alice")
                    .contentType("application/yaml; charset=UTF-8")
                    .body("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Component
                    metadata:
                      name: %s
                      title: "%s"
                    spec:
                      type: pipeline
                      lifecycle: production
                      owner: group:revops
                      pipeline: {family: data, maintainers: [user:diego]}
                    """.formatted(Api.unique("two-directions"), title))
                    .post("/api/catalog/entities")
                    .then()
                    .statusCode(201);
        }
        List<String> problems =
                atBothWidths(List.of("/pipelines", "/runs", "/people", "/catalog/default/group/revops"));
        assertEquals(List.of(), problems);
        browser.open("/pipelines");
        for (String title : titles) {
            assertTrue(browser.driver().getPageSource().contains(title), "/pipelines lists " + title);
        }
    }

    /** Each page at 1280 px and at a phone's 390 px: what axe-core finds, and at 390 px a page too wide. */
    private static List<String> atBothWidths(List<String> pages) {
        List<String> problems = new ArrayList<>();
        for (int width : List.of(1280, 390)) {
            emulateWidth(width);
            for (String path : pages) {
                browser.open(path);
                browser.waitForVisible(By.cssSelector("main h1"));
                problems.addAll(violations(browser, path + " @" + width));
                problems.addAll(tooWide(width, path));
            }
        }
        return problems;
    }

    /** Lays pages out as a screen of this width does: a phone's at 390 px, a laptop's at 1280. */
    private static void emulateWidth(int width) {
        ((ChromiumDriver) browser.driver())
                .executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        Map.of(
                                "width",
                                width,
                                "height",
                                width == 390 ? 844 : 900,
                                "deviceScaleFactor",
                                1,
                                "mobile",
                                width == 390));
    }

    /** On a phone (390 px), whether the current page is wider than the screen, which makes it scroll sideways. */
    private static List<String> tooWide(int width, String where) {
        if (width != 390) {
            return List.of();
        }
        Object inner = ((JavascriptExecutor) browser.driver()).executeScript("return window.innerWidth;");
        assertEquals(390, ((Number) inner).intValue(), "the phone's viewport");
        Object scroll =
                ((JavascriptExecutor) browser.driver()).executeScript("return document.documentElement.scrollWidth;");
        return ((Number) scroll).intValue() > 390
                ? List.of(where + " @390: the page is " + scroll + " px wide: " + widest())
                : List.of();
    }

    /**
     * Two pipelines claiming one GitHub workflow, with long names: both pages carry the notice linking to the other
     * pipeline, at both widths.
     */
    @Test
    void theNoticeOfAContestedJobHasNoViolation() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String first = "checkout-release-train-with-a-long-name-" + suffix, later = "a-later-claim-" + suffix;
        for (String name : List.of(first, later)) {
            Api.registerAs("admin", """
                            apiVersion: backstage.io/v1alpha1
                            kind: Component
                            metadata:
                              name: %s
                              annotations:
                                github.com/project-slug: northwind-cloud/contested-%s
                                github.com/workflow: .github/workflows/a-release-workflow-with-a-long-file-name.yml
                            spec:
                              type: pipeline
                              lifecycle: production
                              owner: group:payments
                              pipeline: {family: delivery, maintainers: [user:jonas]}
                            """.formatted(name, suffix)).statusCode(201);
        }
        List<String> pages = List.of("/catalog/default/component/" + first, "/catalog/default/component/" + later);
        for (String page : pages) {
            browser.open(page);
            assertEquals(
                    1,
                    browser.driver()
                            .findElements(By.xpath("//main//a[contains(@href, '/catalog/default/component/"
                                    + (page.endsWith(first) ? later : first) + "')]"))
                            .size(),
                    page + " links to the other claim");
        }
        assertEquals(List.of(), atBothWidths(pages));
    }

    /**
     * A check whose rule gives no answer, with a long reason: the entity's page shows it under the check, the
     * scorecard's page counts it and names the entity, at both widths.
     */
    @Test
    void aRuleThatGivesNoAnswerHasNoViolation() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String card = "unanswered-" + suffix, name = "a-service-whose-rule-gives-no-answer-" + suffix;
        Api.registerAs(
                        "admin",
                        Api.scorecard(
                                card,
                                "entity.kind == 'Component' && entity.metadata.name == '" + name + "'",
                                "{id: lifecycle, title: In a known stage of its life, level: only,"
                                        + " rule: \"entity.spec.system.startsWith('billing-and-invoicing-platform')\","
                                        + " why: Someone must own it.}"))
                .statusCode(201);
        Api.registerAs("admin", Api.component(name, "group:payments", null)).statusCode(201);
        String entityPage = "/catalog/default/component/" + name;
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> {
                    browser.open(entityPage);
                    return !browser.driver()
                            .findElements(By.cssSelector("p.rule-error"))
                            .isEmpty();
                });
        List<String> pages = List.of(entityPage, "/scorecards/default/" + card);
        assertEquals(List.of(), atBothWidths(pages));
    }

    /**
     * The register preview of a component that a scorecard's seven checks cannot answer for (their rules read fields it
     * does not have), with long titles: it names five of them and counts the other two, at both widths.
     */
    @Test
    void aPreviewWithMoreChecksWithoutAnAnswerThanItNamesHasNoViolation() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "a-service-seven-checks-cannot-judge-" + suffix;
        List<String> checks = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            checks.add("{id: c" + i + ", title: Declares the on-call rotation of its data warehouse loads " + i
                    + ", level: only, rule: \"entity.spec.onCallRotationForTheWarehouseLoads" + i + " == 'x'\","
                    + " why: Needed.}");
        }
        Api.registerAs(
                        "admin",
                        Api.scorecard(
                                "seven-unanswered-" + suffix,
                                "entity.kind == 'Component' && entity.metadata.name == '" + name + "'",
                                checks.toArray(String[]::new)))
                .statusCode(201);
        List<String> problems = new ArrayList<>();
        for (int width : List.of(1280, 390)) {
            emulateWidth(width);
            browser.open("/register");
            browser.waitForVisible(By.id("yaml")).sendKeys(Api.component(name, "group:revops", null));
            browser.clickAndWaitForNewDocument(
                    browser.driver()
                            .findElement(By.xpath(
                                    "//form[@action='/register/preview']//button[normalize-space(.)='Preview']")),
                    "the preview");
            List<String> warnings = browser.driver().findElements(By.cssSelector(".preview-warning")).stream()
                    .filter(org.openqa.selenium.WebElement::isDisplayed)
                    .map(org.openqa.selenium.WebElement::getText)
                    .toList();
            assertEquals(
                    5,
                    warnings.stream()
                            .filter(w -> w.startsWith("The check \u201cDeclares the on-call rotation"))
                            .count(),
                    warnings.toString());
            assertEquals(
                    1,
                    warnings.stream()
                            .filter(w -> w.equals("And 2 more checks give no answer for this entity."))
                            .count(),
                    warnings.toString());
            problems.addAll(violations(browser, "/register/preview with unanswered checks @" + width));
            problems.addAll(tooWide(width, "/register/preview with unanswered checks"));
        }
        assertEquals(List.of(), problems);
    }

    /** What axe-core finds on the current page: WCAG 2.1 A/AA, then {@link #MORE_RULES}. */
    private static List<String> violations(Browser on, String where) {
        List<String> problems = new ArrayList<>();
        int rules = 2;
        // Legacy mode runs axe in the page itself. The default opens a blank tab first, for cross-origin frames (the
        // pages have none), and gives it one second to load, which a busy machine does not always manage.
        for (AxeBuilder axe : List.of(
                new AxeBuilder().setLegacyMode(true).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")),
                new AxeBuilder().setLegacyMode(true).withRules(MORE_RULES))) {
            Results results = axe.analyze(on.driver());
            if (results.isErrored() || (rules-- == 2 && results.getPasses().isEmpty())) {
                problems.add(where + ": axe-core did not run: " + results.getErrorMessage());
            }
            for (Rule rule : results.getViolations()) {
                problems.add(where + ": " + rule.getId() + " — " + rule.getHelp() + " — "
                        + rule.getNodes().stream()
                                .limit(4)
                                .map(n -> n.getTarget() + " " + n.getFailureSummary())
                                .toList());
            }
        }
        return problems;
    }

    /** The page of the first registered location. */
    private static String aLocationPage() {
        browser.open("/locations");
        return browser.waitForVisible(By.cssSelector("main a[href^='/locations/']"))
                .getAttribute("href")
                .replace(browser.baseUrl(), "");
    }

    /** The elements that stick out furthest to the right, to find what makes a page too wide. */
    private static Object widest() {
        return ((JavascriptExecutor) browser.driver()).executeScript("""
                const out = [];
                for (const e of document.querySelectorAll('body *')) {
                  const r = e.getBoundingClientRect();
                  if (r.right > 392 && !e.closest('.table-wrap, figure.graph, pre, .tabs, .yaml')) {
                    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className : '') + ':' + Math.round(r.right));
                  }
                }
                return out.slice(0, 6).join(', ');
                """);
    }
}
