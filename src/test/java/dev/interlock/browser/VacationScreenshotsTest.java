package dev.interlock.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * Screenshots of the vacation test's pages (the ranking of people, a person's "If … is away", a team with its level
 * and trend, the impact page) at 1280 px, and the catalog on a 390 px phone, into {@code target/screenshots/}
 * (copied by hand into {@code docs/screenshots/}).
 */
@QuarkusTest
class VacationScreenshotsTest {

    private static Browser browser;

    @BeforeAll
    static void signIn() {
        browser = Browser.start();
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
        browser.signIn("alice", "alice");
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void vacationPages() throws Exception {
        browser.open("/catalog/default/group/revops");
        browser.waitFor("the team's level", d -> {
            d.navigate().refresh();
            return !d.findElements(By.cssSelector("section.team-level h2 .level"))
                    .isEmpty();
        });
        Map<String, String[]> pages = Map.of(
                "people", new String[] {"/people", "People"},
                "person-diego-away", new String[] {"/catalog/default/user/diego", "Diego Ramírez"},
                "team-revops", new String[] {"/catalog/default/group/revops", "Revenue Operations"},
                "impact-sfdc-opportunity",
                        new String[] {
                            "/catalog/default/resource/sfdc-opportunity/impact",
                            "What breaks if Salesforce Opportunity breaks"
                        });
        for (Map.Entry<String, String[]> page : pages.entrySet()) {
            browser.open(page.getValue()[0]);
            assertEquals(
                    page.getValue()[1],
                    browser.waitForVisible(By.cssSelector("main h1")).getText());
            shoot(page.getKey());
        }
        ((ChromiumDriver) browser.driver())
                .executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        browser.open("/catalog?q=hubspot");
        browser.waitForVisible(By.cssSelector("main h1"));
        shoot("catalog-phone");
    }

    private static void shoot(String name) throws Exception {
        Path file = browser.fullPageScreenshot(ScreenshotsTest.DIR.resolve(name + ".png"));
        assertTrue(Files.size(file) > 10 * 1024, file.toString());
    }
}
