package dev.interlock.browser;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Registering through the form at {@code /register} as an editor (alice): preview, confirm, see it in the catalog;
 * errors shown under their line; viewers refused; and markup in a descriptor shown as text, never run.
 */
@QuarkusTest
class RegisterBrowserTest {

    private static Browser browser;

    @BeforeAll
    static void signInAsAlice() {
        browser = Browser.start();
        browser.signIn("alice", "alice");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anEditorPreviewsThenRegistersANewComponent() {
        String name = unique("browser-registered");
        String yaml = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  title: Registered from the browser
                  description: A component registered by RegisterBrowserTest.
                spec:
                  type: service
                  lifecycle: experimental
                  owner: group:revops
                """.formatted(name);

        preview(yaml);
        assertEquals("Preview: nothing is stored yet", heading());
        WebElement row = browser.driver()
                .findElement(
                        By.xpath("//table[contains(@class,'outcomes')]//tr[td/code='component:default/" + name + "']"));
        assertEquals(
                "created", row.findElement(By.cssSelector("td:nth-child(2)")).getText());
        assertEquals(404, apiStatus(name), "a preview stores nothing");

        WebElement register =
                browser.driver().findElement(By.xpath("//form[@action='/register']//button[@type='submit']"));
        assertEquals("Register 1 entity", register.getText());
        browser.clickAndWaitForNewDocument(register, "the page after registering");
        assertEquals(
                "/register?created=1&updated=0&unchanged=0&entity=component%3Adefault%2F" + name,
                browser.currentPath());
        String notice = browser.waitForVisible(By.cssSelector("main p.notice[role=status]"))
                .getText();
        assertTrue(notice.startsWith("Registered: 1 created, 0 updated, 0 unchanged."), notice);
        assertEquals("", browser.driver().findElement(By.id("yaml")).getAttribute("value"), "a fresh, empty form");

        // The notice links to what was registered.
        WebElement link = browser.driver().findElement(By.cssSelector("main p.notice[role=status] a"));
        assertEquals("See component:default/" + name, link.getText());
        browser.clickAndWaitForNewDocument(link, "the registered entity's page");
        assertEquals("Registered from the browser", heading());
        String meta = browser.driver()
                .findElement(By.cssSelector("header.entity-head p.meta"))
                .getText();
        assertTrue(meta.contains("Owner: revops") && meta.contains("experimental"), meta);
        assertEquals(200, apiStatus(name));
    }

    @Test
    void anInvalidNameIsShownUnderItsLineAndCannotBeRegistered() {
        String yaml = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: Not a valid name!
                spec:
                  type: service
                  lifecycle: experimental
                  owner: group:revops
                """;

        preview(yaml);
        assertEquals("This cannot be registered yet", heading());
        String alert = browser.driver()
                .findElement(By.cssSelector("main p.risk[role=alert]"))
                .getText();
        assertTrue(alert.startsWith("1 problem."), alert);

        WebElement line4 = browser.driver().findElement(By.cssSelector("div.yaml #line-4"));
        assertTrue(line4.getAttribute("class").contains("bad"), "line 4 is marked: " + line4.getAttribute("class"));
        assertEquals(
                "  name: Not a valid name!",
                line4.findElement(By.cssSelector(".text")).getAttribute("textContent"));
        List<WebElement> messages = browser.driver().findElements(By.cssSelector("div.yaml .msg"));
        assertEquals(1, messages.size(), "one message in the YAML");
        String message = line4.findElement(By.cssSelector(".msg")).getText();
        assertTrue(
                message.contains("\"metadata.name\" is not valid") && message.contains("Not a valid name!"), message);
        // The message reads under line 4: below its text, above line 5.
        int lineText = line4.findElement(By.cssSelector(".text")).getRect().getY();
        int messageTop = line4.findElement(By.cssSelector(".msg")).getRect().getY();
        int line5 = browser.driver()
                .findElement(By.cssSelector("div.yaml #line-5"))
                .getRect()
                .getY();
        assertTrue(lineText < messageTop && messageTop < line5, lineText + " < " + messageTop + " < " + line5);

        assertTrue(
                browser.driver()
                        .findElements(By.xpath("//button[starts-with(normalize-space(.),'Register')]"))
                        .isEmpty(),
                "no Register button");
        assertTrue(
                browser.driver()
                        .findElements(By.cssSelector("form[action='/register']"))
                        .isEmpty(),
                "no form that registers");
        assertEquals(
                yaml.strip(),
                browser.driver()
                        .findElement(By.id("yaml"))
                        .getAttribute("value")
                        .strip(),
                "the YAML is kept for editing");
    }

    @Test
    void aViewerGetsTheNotAllowedPageInTheLayout() {
        try (Browser bob = Browser.start()) {
            bob.signIn("bob", "bob");
            bob.open("/");
            assertTrue(
                    bob.driver()
                            .findElements(By.cssSelector("header.site nav a[href='/register']"))
                            .isEmpty(),
                    "no Register link for a viewer");
            bob.open("/register");
            assertEquals("/register", bob.currentPath());
            assertEquals(
                    "You are not allowed to do this",
                    bob.waitForVisible(By.cssSelector("main h1")).getText());
            assertEquals(
                    "Error 403",
                    bob.driver().findElement(By.cssSelector("main .status")).getText());
            assertTrue(bob.driver().findElements(By.id("yaml")).isEmpty(), "no form");
            assertTrue(
                    bob.driver()
                            .findElement(By.cssSelector("header.site"))
                            .getText()
                            .contains("Signed in as bob"),
                    "in the layout, still signed in");
        }
    }

    @Test
    void markupInADescriptorIsShownAsTextAndNeverRun() {
        String name = unique("browser-xss");
        String title = "<script>window.__xss=1</script>";
        String yaml = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  title: "%s"
                  description: "<img src=x onerror=window.__xss=2>"
                  links:
                    - url: "javascript:alert(1)"
                      title: Click me
                    - url: "JavaScript:window.__xss=3"
                      title: Click me too
                spec:
                  type: service
                  lifecycle: experimental
                  owner: group:revops
                """.formatted(name, title);

        preview(yaml);
        assertEquals("Preview: nothing is stored yet", heading());
        assertNoScriptRan();
        browser.clickAndWaitForNewDocument(
                browser.driver().findElement(By.xpath("//form[@action='/register']//button[@type='submit']")),
                "the page after registering");
        assertTrue(browser.currentPath().startsWith("/register?created=1"), browser.currentPath());

        browser.open("/catalog/default/component/" + name);
        assertEquals(title, heading(), "the title is text");
        assertEquals(
                "<img src=x onerror=window.__xss=2>",
                browser.driver()
                        .findElement(By.cssSelector("header.entity-head .description"))
                        .getText());
        assertTrue(
                browser.driver().getTitle().startsWith(title), browser.driver().getTitle());
        assertNoScriptRan();
        assertNoJavaScriptLinks();

        // Everywhere else the title shows up.
        for (String path : List.of(
                "/catalog?q=" + name,
                "/catalog/default/component/" + name + "/impact",
                "/catalog/default/group/revops",
                "/")) {
            browser.open(path);
            assertNoScriptRan();
            assertNoJavaScriptLinks();
        }
        browser.open("/catalog?q=" + name);
        // The title is shown under the name, as text.
        assertEquals(
                title,
                browser.driver()
                        .findElement(By.cssSelector("#catalog-results table.entities tbody td .sub"))
                        .getText());
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Opens the form, types the YAML and presses Preview. */
    private static void preview(String yaml) {
        browser.open("/register");
        WebElement area = browser.waitForVisible(By.id("yaml"));
        area.clear();
        area.sendKeys(yaml);
        assertEquals(yaml, area.getAttribute("value"), "typed as is");
        browser.clickAndWaitForNewDocument(
                browser.driver()
                        .findElement(
                                By.xpath("//form[@action='/register/preview']//button[normalize-space(.)='Preview']")),
                "the preview");
        assertEquals("/register/preview", browser.currentPath());
    }

    private static String heading() {
        return browser.waitForVisible(By.cssSelector("main h1")).getText();
    }

    private static void assertNoScriptRan() {
        assertNull(
                ((JavascriptExecutor) browser.driver()).executeScript("return window.__xss;"),
                "window.__xss was set on " + browser.currentPath());
        assertTrue(
                browser.driver()
                        .findElements(By.cssSelector("main script, main img[onerror]"))
                        .isEmpty(),
                "no script or img element from the descriptor on " + browser.currentPath());
    }

    private static void assertNoJavaScriptLinks() {
        List<String> hrefs = browser.driver().findElements(By.cssSelector("a[href], svg a")).stream()
                .map(a -> a.getDomAttribute("href"))
                .filter(h -> h != null && h.strip().toLowerCase(Locale.ROOT).startsWith("javascript:"))
                .toList();
        assertEquals(List.of(), hrefs, "javascript: links on " + browser.currentPath());
    }

    private static int apiStatus(String name) {
        return given().auth()
                .preemptive()
                .basic("alice", "alice")
                .when()
                .get("/api/catalog/entities/by-name/component/default/" + name)
                .then()
                .extract()
                .statusCode();
    }
}
