package dev.interlock.security;

import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import org.junit.jupiter.api.Test;

/**
 * With single sign-on and {@code interlock.security.groups-claim} set, the teams the provider asserts in the token
 * count as memberships; without the setting (SecurityTest) they do not.
 */
@QuarkusTest
@TestProfile(TokenGroupsTest.Profile.class)
class TokenGroupsTest {

    /** The provider sends teams in a "teams" claim. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("interlock.security.groups-claim", "teams");
        }
    }

    @Test
    @TestSecurity(user = "dave", roles = "catalog-editor", authMechanism = "basic")
    @OidcSecurity(claims = {@Claim(key = "teams", value = "[\"/northwind/platform\"]", type = ClaimType.JSON_ARRAY)})
    void theTokensTeamsCountAsMembership() {
        SecurityTest.tryToChangeAPlatformComponent().statusCode(200).body("entities[0].action", equalTo("updated"));
    }

    @Test
    @TestSecurity(user = "dave", roles = "catalog-editor", authMechanism = "basic")
    @OidcSecurity(claims = {@Claim(key = "teams", value = "[\"/northwind/revops\"]", type = ClaimType.JSON_ARRAY)})
    void otherTeamsDoNot() {
        SecurityTest.tryToChangeAPlatformComponent().statusCode(403);
    }

    /** A claimed team is a Group's name: a value naming another kind of entity (a User) is no membership of anything. */
    @Test
    @TestSecurity(user = "dave", roles = "catalog-editor", authMechanism = "basic")
    @OidcSecurity(claims = {@Claim(key = "teams", value = "[\"user:diego\"]", type = ClaimType.JSON_ARRAY)})
    void aClaimNamingAUserIsNotThatPerson() {
        java.util.Map<String, Object> entity = io.restassured.RestAssured.given()
                .get("/api/catalog/entities/by-name/component/default/syncari-sfdc-hubspot-sync")
                .jsonPath()
                .getMap("");
        entity.remove("relations");
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> spec = (java.util.Map<String, Object>) entity.get("spec");
        org.junit.jupiter.api.Assertions.assertEquals("user:diego", spec.get("owner"));
        spec.put("lifecycle", "deprecated");
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .body(entity)
                .post("/api/catalog/entities?dryRun=true")
                .then()
                .statusCode(403);
    }
}
