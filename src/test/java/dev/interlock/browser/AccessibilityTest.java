package dev.interlock.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
            "/catalog/default/component/no-such-thing");

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
        List<String> problems = new ArrayList<>();
        for (int width : List.of(1280, 390)) {
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
            for (String path : PAGES) {
                browser.open(path);
                browser.waitForVisible(By.cssSelector("main h1"));
                Results results = new AxeBuilder()
                        .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                        .analyze(browser.driver());
                if (results.getPasses().isEmpty() || results.isErrored()) {
                    problems.add(path + " @" + width + ": axe-core did not run: " + results.getErrorMessage());
                }
                for (Rule rule : results.getViolations()) {
                    problems.add(path + " @" + width + ": " + rule.getId() + " — " + rule.getHelp() + " — "
                            + rule.getNodes().stream()
                                    .limit(4)
                                    .map(n -> n.getTarget() + " " + n.getFailureSummary())
                                    .toList());
                }
                if (width == 390) {
                    Object inner = ((JavascriptExecutor) browser.driver()).executeScript("return window.innerWidth;");
                    assertEquals(390, ((Number) inner).intValue(), "the phone's viewport");
                    Object scroll = ((JavascriptExecutor) browser.driver())
                            .executeScript("return document.documentElement.scrollWidth;");
                    if (((Number) scroll).intValue() > 390) {
                        problems.add(path + " @390: the page is " + scroll + " px wide: " + widest());
                    }
                }
            }
        }
        Files.writeString(Path.of("target", "axe-violations.txt"), String.join("\n", problems));
        assertEquals(List.of(), problems);
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
