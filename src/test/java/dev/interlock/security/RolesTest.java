package dev.interlock.security;

import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

/**
 * The role and permission rules for any identity, as a token would carry it (@TestSecurity stands in for the
 * provider): viewers read, editors register and change what their teams own, admins change anything, and someone
 * the catalog does not know can register and read but change nothing a team owns.
 */
@QuarkusTest
class RolesTest {

    private static io.restassured.response.ValidatableResponse post(String yaml) {
        return given().contentType("application/yaml")
                .body(yaml.getBytes())
                .post("/api/catalog/entities")
                .then();
    }

    @Test
    @TestSecurity(user = "bob", roles = "catalog-viewer", authMechanism = "basic")
    void aViewerReadsButDoesNotWrite() {
        given().get("/api/catalog/entities/by-query?limit=1").then().statusCode(200);
        post(component(unique("v"), "group:payments", null)).statusCode(403);
    }

    @Test
    @TestSecurity(user = "nobody-known", roles = "catalog-editor", authMechanism = "basic")
    void anEditorUnknownToTheCatalogCreatesButChangesNothingATeamOwns() {
        post(component(unique("n"), "group:revops", null)).statusCode(201);
        post(component("dbt-revenue-models", "group:data-engineering", null))
                .statusCode(403)
                .body(
                        "error.message",
                        equalTo("only members of group:default/data-engineering (or a catalog-admin)"
                                + " may change component:default/dbt-revenue-models; you are nobody-known, and not a member"
                                + " of any team in the catalog"));
    }

    @Test
    @TestSecurity(user = "carol", roles = "catalog-admin", authMechanism = "basic")
    void anAdminIsAlsoAnEditorAndAViewerAndChangesAnything() {
        String name = unique("adm");
        post(component(name, "group:payments", null)).statusCode(201);
        post(component(name, "group:payments", null).replace("production", "retired"))
                .statusCode(201)
                .body("entities[0].action", equalTo("updated"));
        given().get("/api/catalog/entities/by-name/component/default/" + name)
                .then()
                .statusCode(200)
                .body("spec.lifecycle", equalTo("retired"));
    }

    @Test
    @TestSecurity(user = "carol", roles = "catalog-editor", authMechanism = "basic")
    void anEditorChangesWhatTheirTeamOwns() {
        // carol is in platform in the example catalog.
        String name = unique("plat");
        post(component(name, "group:platform", null)).statusCode(201);
        post(component(name, "group:platform", null).replace("production", "retired"))
                .statusCode(201)
                .body("entities[0].action", equalTo("updated"));
    }
}
