package dev.interlock.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.interlock.browser.Browser;

/**
 * Single sign-on end to end against a real Keycloak ({@code deploy/keycloak}): alice signs in through Keycloak in
 * headless Chromium and registers a component on /register; bob is refused; the CI service account registers with
 * a bearer token; forged and expired tokens get 401; local accounts are off.
 */
@QuarkusTest
@TestProfile(KeycloakSignInTest.WithKeycloak.class)
class KeycloakSignInTest {

    /** The application signed in through the real Keycloak, on the port its redirect URIs name. */
    public static class WithKeycloak implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-port", "8089");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KeycloakResource.class));
        }
    }

    private static void signInThroughKeycloak(WebDriver driver, String user) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.id("kc-login")).click();
        wait.until(d -> d.getCurrentUrl().startsWith("http://localhost:8089/"));
    }

    @Test
    void aliceSignsInThroughKeycloakAndRegistersAComponent() {
        String name = "sso-" + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            driver.get("http://localhost:8089/register");
            assertTrue(driver.getCurrentUrl().startsWith(KeycloakResource.ISSUER), driver.getCurrentUrl());
            signInThroughKeycloak(driver, "alice");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            wait.withMessage(() -> "the register form; the page shows: " + driver.getCurrentUrl() + " "
                    + driver.findElement(By.tagName("body")).getText());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("yaml")))
                    .sendKeys("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Component
                    metadata:
                      name: %s
                    spec:
                      type: service
                      lifecycle: production
                      owner: group:revops
                    """.formatted(name));
            driver.findElement(By.cssSelector("form[action='/register/preview'] button[type=submit]"))
                    .click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.confirm button")))
                    .click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "1 created"));
            assertTrue(driver.findElement(By.cssSelector("header.site .who"))
                    .getText()
                    .contains("alice"));
        }
        String token = serviceAccountToken();
        given().auth()
                .oauth2(token)
                .get("/api/catalog/entities/by-name/component/default/" + name)
                .then()
                .statusCode(200)
                .body("metadata.annotations.'backstage.io/managed-by-location'", equalTo("api:alice"));
    }

    @Test
    void bobIsAViewerAndMayNotRegister() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            driver.get("http://localhost:8089/register");
            signInThroughKeycloak(driver, "bob");
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.textToBePresentInElementLocated(
                            By.cssSelector("main h1"), "You are not allowed to do this"));
        }
    }

    @Test
    void theCiServiceAccountRegistersWithABearerToken() {
        String name = "ci-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .oauth2(serviceAccountToken())
                .contentType("application/yaml")
                .body("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: %s}
                spec: {type: service, lifecycle: production, owner: group:platform}
                """.formatted(name).getBytes())
                .post("/api/catalog/entities")
                .then()
                .statusCode(201)
                .body("entities[0].action", equalTo("created"));
    }

    @Test
    void forgedAndExpiredTokensAndLocalAccountsGet401() {
        String token = serviceAccountToken();
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth()
                .oauth2(forged)
                .get("/api/catalog/entities/by-query")
                .then()
                .statusCode(401)
                .body("error.name", equalTo("AuthenticationError"));
        given().auth()
                .preemptive()
                .basic("alice", "alice")
                .get("/api/catalog/entities/by-query")
                .then()
                .statusCode(401);
        // A fresh token (the CI client's tokens live 5 seconds, a slow machine may have used up the first one).
        token = serviceAccountToken();
        given().auth()
                .oauth2(token)
                .get("/api/catalog/entities/by-query")
                .then()
                .statusCode(200);
        // The CI client's tokens live 5 seconds (interlock-realm.json): wait until this one is refused.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status = 200;
        while (status == 200 && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            status = given().auth()
                    .oauth2(token)
                    .get("/api/catalog/entities/by-query")
                    .statusCode();
        }
        given().auth()
                .oauth2(token)
                .get("/api/catalog/entities/by-query")
                .then()
                .statusCode(401)
                .body("error.message", containsString("expired"));
    }

    private static String serviceAccountToken() {
        return given().baseUri("http://127.0.0.1:8180")
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "interlock-ci")
                .formParam("client_secret", "interlock-ci-secret")
                .post("/realms/interlock/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
