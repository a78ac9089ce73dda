package dev.interlock.security;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Changing or deleting an entity needs membership of its owner team (alice is in revops in the example catalog),
 * or catalog-admin; creating needs catalog-editor only.
 */
@QuarkusTest
class OwnershipTest {

    @Test
    void membersOfTheOwnerTeamChangeItOthersDoNot() {
        String ours = unique("own");
        String theirs = unique("theirs");
        register(component(ours, "group:revops", null)).statusCode(201);
        register(component(theirs, "group:payments", null)).statusCode(201);

        register(component(ours, "group:revops", null).replace("production", "deprecated"))
                .statusCode(201)
                .body("entities[0].action", equalTo("updated"));
        register(component(theirs, "group:payments", null).replace("production", "deprecated"))
                .statusCode(403)
                .body("error.name", equalTo("NotAllowedError"))
                .body("error.message", containsString("only members of group:default/payments"))
                .body("error.message", containsString("member of group:default/revops"));
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/{n}", theirs)
                .then()
                .body("spec.lifecycle", equalTo("production"));

        as("admin")
                .contentType("application/yaml")
                .body(component(theirs, "group:payments", null).replace("production", "deprecated"))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201)
                .body("entities[0].action", equalTo("updated"));
    }

    @Test
    void onlyTheOwnerTeamOrAnAdminDeletes() {
        String theirs = unique("del");
        String uid = register(component(theirs, "group:payments", null))
                .statusCode(201)
                .extract()
                .path("entities[0].uid");
        as("alice").delete("/api/catalog/entities/by-uid/{u}", uid).then().statusCode(403);
        as("admin").delete("/api/catalog/entities/by-uid/{u}", uid).then().statusCode(204);
    }

    @Test
    void reregisteringUnchangedNeedsNoOwnership() {
        String theirs = unique("same");
        register(component(theirs, "group:payments", null)).statusCode(201);
        register(component(theirs, "group:payments", null))
                .statusCode(201)
                .body("entities[0].action", equalTo("unchanged"));
    }

    @Test
    void peopleAndTeamsAreChangedByThemselvesOrAnAdmin() {
        register("""
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: alice, description: RevOps lead and Salesforce admin.}
                spec: {memberOf: [group:revops], profile: {displayName: Alice Moreau, email: alice@northwind.example}}
                """).statusCode(201);
        register("""
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: bob}
                spec: {memberOf: [group:revops]}
                """).statusCode(403);
    }
}
