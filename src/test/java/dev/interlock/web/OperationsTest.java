package dev.interlock.web;

import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health needs no sign-in; metrics need metrics-reader or catalog-admin; the OpenAPI document a reader; errors on pages are pages. */
@QuarkusTest
class OperationsTest {

    @Test
    void healthChecksTheDatabase() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsCountRegistrationsAndTheCatalog() {
        register(component(unique("m"), "group:x", null)).statusCode(201);
        dev.interlock.support.Api.as("admin")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("interlock_catalog_entities"))
                .body(containsString("interlock_registration_entities_total{action=\"created\"}"))
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void theOpenApiDocumentIsServed() {
        dev.interlock.support.Api.browserAs("bob")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/catalog/entities/by-query"));
    }

    @Test
    void browserErrorsArePagesInTheLayoutWithoutInternals() {
        dev.interlock.support.Api.browserAs("bob")
                .get("/no/such/page")
                .then()
                .statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("<title>Not found · Interlock</title>"))
                .body(containsString("Signed in as"))
                .body(not(containsString("Exception")));
    }
}
