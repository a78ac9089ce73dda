package dev.interlock.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Full-page screenshots of the main pages at 1280 px wide, signed in as alice, into {@code target/screenshots/}
 * (copied by hand into {@code docs/screenshots/}). Each page must have rendered (its heading shown, no horizontal
 * scrolling of the whole page) and give a non-trivial PNG.
 */
@QuarkusTest
class ScreenshotsTest {

    static final Path DIR = Paths.get("target", "screenshots");
    private static final long MIN_BYTES = 10 * 1024;

    private static Browser browser;

    @BeforeAll
    static void signInAsAlice() {
        browser = Browser.start();
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
        browser.signIn("alice", "alice");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void mainPages() throws IOException {
        Map<String, String[]> pages = new LinkedHashMap<>();
        // file name -> path, expected heading
        pages.put("home", new String[] {"/", "Catalog at a glance"});
        pages.put("catalog", new String[] {"/catalog", "Catalog"});
        pages.put(
                "entity-dbt-revenue-models",
                new String[] {"/catalog/default/component/dbt-revenue-models", "dbt revenue models"});
        pages.put("impact-sfdc-opportunity", new String[] {
            "/catalog/default/resource/sfdc-opportunity/impact", "What breaks if Salesforce Opportunity breaks"
        });
        pages.put("pipelines-spof", new String[] {"/pipelines?spof=true", "Pipelines"});
        pages.put("team-revops", new String[] {"/catalog/default/group/revops", "Revenue Operations"});
        pages.put("scorecard-survivability", new String[] {"/scorecards/default/survivability", "Survivability"});

        // Scoring runs after the example catalog is registered: wait until every example pipeline has its result.
        browser.open("/scorecards/default/survivability");
        browser.waitFor("the 18 example pipelines scored", d -> {
            d.navigate().refresh();
            return d.findElements(By.cssSelector("main h2")).stream()
                    .map(h -> h.getText())
                    .filter(t -> t.matches("Entities per level \\(\\d+\\)"))
                    .anyMatch(t -> Integer.parseInt(t.replaceAll("\\D", "")) >= 18);
        });
        List<String> overflowing = new ArrayList<>();
        for (Map.Entry<String, String[]> page : pages.entrySet()) {
            browser.open(page.getValue()[0]);
            assertEquals(
                    page.getValue()[1],
                    browser.waitForVisible(By.cssSelector("main h1")).getText(),
                    page.getValue()[0]);
            shoot(page.getKey(), overflowing);
        }

        // The register page after a preview with one error.
        browser.open("/register");
        WebElement yaml = browser.waitForVisible(By.id("yaml"));
        yaml.sendKeys("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: Checkout Pipeline
                  title: Checkout pipeline
                spec:
                  type: pipeline
                  lifecycle: production
                  owner: group:payments
                """);
        browser.clickAndWaitForNewDocument(
                browser.driver()
                        .findElement(
                                By.xpath("//form[@action='/register/preview']//button[normalize-space(.)='Preview']")),
                "the preview");
        assertEquals(
                "This cannot be registered yet",
                browser.waitForVisible(By.cssSelector("main h1")).getText());
        assertEquals(
                1,
                browser.driver().findElements(By.cssSelector("div.yaml .msg")).size(),
                "one error");
        shoot("register-preview-error", overflowing);

        assertEquals(List.of(), overflowing, "pages wider than the 1280 px window (the whole page scrolls sideways)");
    }

    private static void shoot(String name, List<String> overflowing) throws IOException {
        Path file = browser.fullPageScreenshot(DIR.resolve(name + ".png"));
        assertTrue(Files.isRegularFile(file), file.toString());
        long size = Files.size(file);
        assertTrue(size > MIN_BYTES, file + " has only " + size + " bytes");
        Object wide = ((JavascriptExecutor) browser.driver())
                .executeScript(
                        "const d = document.documentElement; return d.scrollWidth > d.clientWidth ? d.scrollWidth : null;");
        if (wide != null) {
            overflowing.add(browser.currentPath() + " is " + wide + " px wide");
        }
    }
}
