package dev.interlock.browser;

import static dev.interlock.support.Api.registerAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * A phone's 390 × 844 viewport: table cells break only between words (a wide table scrolls inside its own box), and
 * long unbroken text (a 63-character name, a 300-character title without spaces) does not make any page scroll
 * sideways.
 */
@QuarkusTest
class PhoneLayoutTest {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    /** A valid name of the longest length a name may have (63). */
    static final String PIPELINE = ("p" + SUFFIX + "-" + "x".repeat(63)).substring(0, 63);

    static final String PERSON = ("u" + SUFFIX + "y".repeat(63)).substring(0, 63);
    static final String TEAM = ("g" + SUFFIX + "z".repeat(63)).substring(0, 63);
    static final String TITLE = "T".repeat(300);

    private static Browser browser;
    private static boolean registered;

    @BeforeAll
    static void start() {
        browser = Browser.start();
        browser.signIn("alice", "alice");
        ((ChromiumDriver) browser.driver())
                .executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    }

    /** The entities with long names, registered once (RestAssured knows the test port only once the tests run). */
    @BeforeEach
    void registerLongNames() {
        if (registered) {
            return;
        }
        registered = true;
        registerAs("admin", """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: %s
                  title: %s
                spec:
                  type: team
                  children: []
                  members: [user:%s]
                """.formatted(TEAM, TITLE, PERSON)).statusCode(201);
        registerAs("admin", """
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata:
                  name: %s
                spec:
                  profile:
                    displayName: %s
                    email: %s@example.com
                  memberOf: [group:%s]
                """.formatted(PERSON, TITLE, PERSON, TEAM)).statusCode(201);
        registerAs("admin", """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  title: %s
                  description: %s
                spec:
                  type: pipeline
                  lifecycle: production
                  owner: group:%s
                  pipeline:
                    family: data
                    platform: airflow
                    runsAs: user:%s
                    maintainers: [user:%s]
                    trigger:
                      schedule: "0 6 * * *"
                    inputs: [resource:sfdc-account]
                """.formatted(PIPELINE, TITLE, TITLE, TEAM, PERSON, PERSON))
                .statusCode(201);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    private Object script(String js) {
        return ((JavascriptExecutor) browser.driver()).executeScript(js);
    }

    private void open(String path) {
        browser.open(path);
        browser.waitForVisible(By.cssSelector("main h1"));
    }

    /** How far the page is wider than the phone (0 when it does not scroll sideways). */
    private long sideways() {
        return ((Number) script("return Math.max(document.documentElement.scrollWidth, window.innerWidth) - 390;"))
                .longValue();
    }

    /** The elements that stick out furthest to the right, to say what makes a page too wide. */
    private Object widest() {
        return script("""
                const out = [];
                for (const e of document.querySelectorAll('body *')) {
                  const r = e.getBoundingClientRect();
                  if (r.right > 392 && !e.closest('.table-wrap, figure.graph, pre, .tabs, .yaml')) {
                    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                      + (typeof e.className === 'string' && e.className ? '.' + e.className : '') + ':' + Math.round(r.right));
                  }
                }
                return out.slice(0, 8).join(', ');
                """);
    }

    /**
     * The table cells in which a word is split over two lines (words as separated by white space, hyphens and
     * slashes, where a line may break): each as "text of the word".
     */
    @SuppressWarnings("unchecked")
    private List<String> wordsBrokenInCells() {
        return (List<String>) script("""
                const broken = [];
                for (const cell of document.querySelectorAll('main td, main th')) {
                  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const text = node.nodeValue;
                    const re = /[^\\s\\-\\u2010\\u2011\\u2013\\u2014\\/,;:]+/g;
                    let m;
                    while ((m = re.exec(text)) !== null) {
                      if (m[0].length < 2) continue;
                      const range = document.createRange();
                      range.setStart(node, m.index);
                      range.setEnd(node, m.index + m[0].length);
                      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                      if (lines.size > 1) broken.push(m[0]);
                    }
                  }
                }
                return broken.slice(0, 10);
                """);
    }

    @Test
    void tableCellsBreakOnlyBetweenWordsAndTablesScrollInTheirBox() {
        for (String path : List.of("/pipelines", "/people", "/", "/runs", "/scorecards/default/survivability")) {
            open(path);
            assertTrue(sideways() <= 0, path + " scrolls sideways by " + sideways() + " px: " + widest());
            assertEquals(List.of(), wordsBrokenInCells(), path + ": words broken inside table cells");
            // Every table sits in a box that scrolls sideways and that the keyboard can reach and a reader name.
            Object bare = script("""
                    return [...document.querySelectorAll('main table')]
                      .filter(t => { const w = t.closest('.table-wrap');
                        return !w || w.getAttribute('tabindex') !== '0' || w.getAttribute('role') !== 'region'
                          || !w.getAttribute('aria-label') || getComputedStyle(w).overflowX !== 'auto'; }).length;
                    """);
            assertEquals(0L, ((Number) bare).longValue(), path + ": tables outside a focusable, named scroll box");
        }
        open("/pipelines");
        // A column header keeps its words whole: "Maintainers" stays on one line, about one line high.
        long headerHeight = ((Number)
                        script(
                                "return Math.max(...[...document.querySelectorAll('table.pipelines th')].map(th => th.getBoundingClientRect().height));"))
                .longValue();
        assertTrue(headerHeight < 80, "the tallest header of /pipelines is " + headerHeight + " px");
        long pageHeight = ((Number) script("return document.documentElement.scrollHeight;")).longValue();
        assertTrue(pageHeight < 8000, "/pipelines is " + pageHeight + " px tall");
    }

    /**
     * On a phone the pipelines table is wider than its box: it says so and shades its right edge until it is scrolled
     * to its end, where the health and reasons columns are.
     */
    @Test
    void aTableWiderThanThePhoneSaysItScrollsUntilItsEnd() {
        open("/pipelines");
        String wrap = "document.querySelector('main table.pipelines').closest('.table-wrap')";
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> Boolean.TRUE.equals(script("return " + wrap + ".classList.contains('scrolls');")));
        assertEquals(
                "\"Scroll sideways for more columns →\"",
                script("return getComputedStyle(" + wrap + ", '::before').content;"));
        assertTrue(String.valueOf(script("return getComputedStyle(" + wrap + ").boxShadow;"))
                .contains("inset"));
        script(wrap + ".scrollLeft = " + wrap + ".scrollWidth;");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> Boolean.FALSE.equals(script("return " + wrap + ".classList.contains('scrolls');")));
        assertEquals("none", script("return getComputedStyle(" + wrap + ", '::before').content;"));
    }

    @Test
    void longNamesAndTitlesDoNotWidenAnyPage() {
        List<String> problems = new ArrayList<>();
        for (String path : List.of(
                "/",
                "/catalog/default/component/" + PIPELINE,
                "/catalog/default/component/" + PIPELINE + "/impact",
                "/catalog/default/component/" + PIPELINE + "?tab=runs",
                "/catalog/default/user/" + PERSON,
                "/runs/default/" + PIPELINE,
                "/catalog/default/group/" + TEAM,
                "/catalog/default/resource/sfdc-account/impact",
                "/people",
                "/pipelines",
                "/catalog?q=" + PIPELINE)) {
            open(path);
            long by = sideways();
            if (by > 0) {
                problems.add(path + " scrolls sideways by " + by + " px: " + widest());
            }
        }
        assertEquals(List.of(), problems);
    }

    /**
     * On a laptop too, a title of 300 characters without spaces wraps inside its table cell, narrower than the
     * window: it does not widen the table by itself and push the columns a leader reads (health, why) out of sight.
     */
    @Test
    void aLongTitleWithoutSpacesWrapsInItsTableCell() {
        ChromiumDriver chromium = (ChromiumDriver) browser.driver();
        chromium.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        try {
            List<String> wide = new ArrayList<>();
            for (String path : List.of("/pipelines", "/runs", "/people", "/catalog/default/group/" + TEAM)) {
                open(path);
                // Unbroken, the title alone would be about 2,400 px wide.
                Object cells = script("""
                        return [...document.querySelectorAll('main td')]
                          .filter(td => td.textContent.includes('TTTTTTTTTTTTTTTTTTTT'))
                          .map(td => Math.round(td.getBoundingClientRect().width));
                        """);
                assertTrue(!((List<?>) cells).isEmpty(), path + ": the long title is listed");
                for (Object width : (List<?>) cells) {
                    if (((Number) width).longValue() >= 1280) {
                        wide.add(path + ": a cell " + width + " px wide");
                    }
                }
            }
            assertEquals(List.of(), wide);
            // A laptop shows a team's tables whole: none says it scrolls.
            open("/catalog/default/group/revops");
            assertEquals(
                    "",
                    script("return [...document.querySelectorAll('.table-wrap.scrolls')]"
                            + ".map(w => w.getAttribute('aria-label') + ': ' + w.scrollWidth + ' > ' + w.clientWidth)"
                            + ".join(', ');"));
            // A 63-character name without a break wraps in its cell too (unbroken it is about 520 px wide).
            open("/pipelines");
            Object nameCells = script("""
                    return [...document.querySelectorAll('main td')]
                      .filter(td => td.textContent.includes('%s'))
                      .map(td => Math.round(td.getBoundingClientRect().width));
                    """.formatted(PERSON.substring(0, 30)));
            assertTrue(((List<?>) nameCells).size() >= 2, "its maintainer and run-as cells: " + nameCells);
            for (Object width : (List<?>) nameCells) {
                assertTrue(((Number) width).longValue() < 300, "a cell holding the long name is " + width + " px");
            }
        } finally {
            chromium.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        }
    }
}
