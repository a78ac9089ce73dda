package dev.interlock.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Pipeline health in headless Chromium, from the example run history: the start page names the failing Salesforce
 * ingestion and what it affects downstream; the census sync's page shows the chain to the culprit; the Runs tab
 * lists runs linking to their platform.
 */
@QuarkusTest
class RunsBrowserTest {

    private static Browser browser;

    @BeforeAll
    static void signIn() {
        browser = Browser.start();
        browser.signIn("bob", "bob");
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theStartPageNamesTheFailingIngestionAndItsDownstream() {
        browser.open("/");
        String section = browser.waitForText(By.cssSelector("section[aria-labelledby=now-h]"), "Fivetran Salesforce");
        WebElement row = browser.driver().findElements(By.cssSelector("table.now tbody tr")).stream()
                .filter(r -> r.getText().contains("Fivetran Salesforce"))
                .findFirst()
                .orElseThrow();
        String text = row.getText();
        assertTrue(text.contains("Failing"), text);
        assertTrue(text.contains("INVALID_SESSION_ID"), text);
        assertTrue(text.contains("downstream"), text);
        assertTrue(text.contains("dbt-revenue-models") && text.contains("census-accounts-to-hubspot"), text);
        assertTrue(section.contains("Late"), section);
        browser.screenshot(Path.of("target", "screenshots", "home-runs.png"));
    }

    @Test
    void thePipelinePageShowsTheCulpritChain() {
        browser.open("/catalog/default/component/census-accounts-to-hubspot");
        String panel = browser.waitForText(By.cssSelector("section.run-health"), "Culprit chain");
        assertTrue(panel.contains("Stale upstream"), panel);
        List<String> chain = browser.driver().findElements(By.cssSelector(".culprits .chain li")).stream()
                .map(WebElement::getText)
                .toList();
        assertTrue(chain.size() == 3, chain.toString());
        assertTrue(chain.get(1).startsWith("dbt-revenue-models"), chain.toString());
        assertTrue(
                chain.get(2).startsWith("fivetran-salesforce") && chain.get(2).contains("Failing"), chain.toString());
        browser.fullPageScreenshot(Path.of("target", "screenshots", "entity-census-health.png"));
        // The Runs tab (htmx) lists the runs.
        WebElement tab = browser.driver().findElement(By.cssSelector("nav.tabs a[href$='?tab=runs']"));
        tab.click();
        browser.waitForText(By.cssSelector("table.runs"), "succeeded");
        browser.waitForPath("the runs tab", p -> p.contains("tab=runs"));
    }
}
