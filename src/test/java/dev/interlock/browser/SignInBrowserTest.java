package dev.interlock.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** People sign in through the real form, in headless Chromium (needs .ci/install-chromium.sh). */
@QuarkusTest
class SignInBrowserTest {

    private Browser browser;

    @BeforeEach
    void startBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aliceSignsInAndLandsOnTheCatalog() {
        browser.signIn("alice", "alice");

        assertEquals("/", browser.currentPath());
        String header = browser.waitForText(By.tagName("header"), "Signed in as alice");
        assertFalse(header.contains("Sign in\n"), header);

        // JavaScript errors on /login and / (Chromium's log holds both pages until read). Skipped only when this
        // ChromeDriver cannot return the browser log at all.
        browser.consoleErrors()
                .ifPresent(errors ->
                        assertEquals(List.of(), withoutMissingFavicon(errors), "errors in the browser console"));
    }

    @Test
    void aWrongPasswordShowsTheErrorOnTheSignInPage() {
        browser.submitSignIn("alice", "not-alice");

        String path = browser.waitForPath("/login?error=…", p -> p.startsWith("/login") && p.contains("error"));
        assertEquals("/login?error=true", path);
        String alert = browser.waitForVisible(By.cssSelector("[role=alert]")).getText();
        assertTrue(alert.contains("did not match"), alert);
        assertTrue(browser.waitForVisible(By.id("username")).isDisplayed(), "the form is shown again");
        assertFalse(browser.bodyText().contains("Signed in as"), browser.bodyText());

        // Not signed in: the catalog still sends the browser to the sign-in page.
        browser.open("/");
        assertTrue(browser.waitForPath("/login", p -> p.startsWith("/login")).startsWith("/login"));
    }

    /**
     * Chromium asks for /favicon.ico on every page and logs the 404 as an error; that is not a script error. Any
     * other failed load (a missing script or stylesheet) still counts.
     */
    private static List<String> withoutMissingFavicon(List<String> errors) {
        return errors.stream()
                .filter(e -> !(e.contains("/favicon.ico") && e.contains("404")))
                .collect(Collectors.toList());
    }
}
