package dev.interlock.location;

import static dev.interlock.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.interlock.catalog.LocationRecord;
import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.registration.ChangePermission;
import dev.interlock.registration.RegistrationService;
import dev.interlock.support.FileServer;

/**
 * With single sign-on a location's refresh writes as its registrant's token said when she registered it: the e-mail
 * address the token verified finds her catalog User, the teams it asserted count, and an account name that merely
 * looks like someone's e-mail address is nobody's verified address.
 */
@QuarkusTest
@TestProfile(SignedInRegistrantTest.Profile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedInRegistrantTest {

    /** Single sign-on (the token's claims come from the test), teams from a "teams" claim, the test's file server. */
    public static class Profile extends PrivateLocationsProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("interlock.security.oidc", "true");
            config.put("interlock.security.groups-claim", "teams");
            return config;
        }
    }

    private static final String EMAIL = "dana.registrant@northwind.example";

    private final FileServer server;

    @Inject
    RegistrationService registration;

    SignedInRegistrantTest() throws Exception {
        server = new FileServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Dana's catalog User, of another name than her account, with her address and revops as her team. */
    private void danaIsInRevops() {
        registration.register(
                registration.reader(1 << 20).read("""
                                apiVersion: backstage.io/v1alpha1
                                kind: User
                                metadata: {name: dana-lund}
                                spec: {memberOf: [revops], profile: {email: %s}}
                                """.formatted(EMAIL), DescriptorReader.Format.YAML, null),
                "admin",
                ChangePermission.SYSTEM,
                null,
                false);
    }

    /**
     * Registers a file holding a new revops component as the test's person (creating needs no team), changes its
     * description in the file and refreshes it; answers the refresh.
     */
    private ValidatableResponse registeredThenChanged(String name) {
        String dir = "/" + unique("repo");
        server.put(dir + "/r.yaml", LocationApiTest.component(name, null));
        String id = registered(dir);
        server.put(
                dir + "/r.yaml",
                LocationApiTest.component(name, null).replace("description: first", "description: second"));
        return refresh(name).body("location.id", equalTo(id));
    }

    /**
     * Registers a file holding a new revops component as the test's person, changes what the location keeps of her
     * ({@code kept}: as an older version or an import left it) and the description in the file; answers its id.
     */
    private String registeredKeptThenChanged(
            String name, String dir, java.util.function.Consumer<LocationRecord> kept) {
        server.put(dir + "/r.yaml", LocationApiTest.component(name, null));
        String id = registered(dir);
        QuarkusTransaction.requiringNew().run(() -> kept.accept(LocationRecord.findById(id)));
        server.put(
                dir + "/r.yaml",
                LocationApiTest.component(name, null).replace("description: first", "description: second"));
        return id;
    }

    /** Registers the location of the file {@code dir}/r.yaml as the test's person; answers its id. */
    private String registered(String dir) {
        return given().contentType("application/json")
                .body(Map.of("type", "url", "target", server.url(dir + "/r.yaml")))
                .post("/api/catalog/locations")
                .then()
                .statusCode(201)
                .extract()
                .path("location.id");
    }

    private static ValidatableResponse refresh(String name) {
        return given().contentType("application/json")
                .body(Map.of("entityRef", "component:default/" + name))
                .post("/api/catalog/refresh")
                .then()
                .statusCode(200);
    }

    private static void description(String name, String expected) {
        given().get("/api/catalog/entities/by-name/component/default/" + name)
                .then()
                .statusCode(200)
                .body("metadata.description", equalTo(expected));
    }

    @Test
    @TestSecurity(user = "dana", roles = "catalog-editor", authMechanism = "basic")
    @OidcSecurity(
            claims = {
                @Claim(key = "email", value = EMAIL),
                @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN)
            })
    void theEmailHerTokenVerifiedFindsHerUserOnEveryRefresh() {
        danaIsInRevops();
        String name = unique("svc");
        registeredThenChanged(name).body("state", equalTo("applied"));
        description(name, "second");
    }

    @Test
    @TestSecurity(user = "erin", roles = "catalog-editor", authMechanism = "basic")
    @OidcSecurity(claims = {@Claim(key = "teams", value = "[\"/northwind/revops\"]", type = ClaimType.JSON_ARRAY)})
    void theTeamsHerTokenAssertedCountOnEveryRefresh() {
        String name = unique("svc");
        registeredThenChanged(name).body("state", equalTo("applied"));
        description(name, "second");
    }

    /**
     * The teams are kept as a JSON list, which an import carries as it is: a null in one (made up by hand) is no team
     * and does not stop the others from counting.
     */
    @Test
    @TestSecurity(user = "erin", roles = "catalog-editor", authMechanism = "basic")
    @OidcSecurity(claims = {@Claim(key = "teams", value = "[\"/northwind/revops\"]", type = ClaimType.JSON_ARRAY)})
    void aNullAmongTheKeptTeamsIsNoTeam() {
        String name = unique("svc");
        registeredKeptThenChanged(name, "/" + unique("repo"), r -> r.registeredGroups = "[null,\"/northwind/revops\"]");
        refresh(name).body("state", equalTo("applied"));
        description(name, "second");
    }

    /**
     * Kept teams that are no JSON list (only an import, which checks no column's content, can leave them so) are no
     * teams: the refresh fails for lack of rights instead of answering a 500, and the log says which location and why,
     * as nothing on the location does.
     */
    @Test
    @TestSecurity(user = "erin", roles = "catalog-editor", authMechanism = "basic")
    @OidcSecurity(claims = {@Claim(key = "teams", value = "[\"/northwind/revops\"]", type = ClaimType.JSON_ARRAY)})
    void unreadableKeptTeamsAreNoTeamsAndTheLogSaysSo() {
        String name = unique("svc");
        String id = registeredKeptThenChanged(name, "/" + unique("repo"), r -> r.registeredGroups = "{revops");
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(new SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger log = Logger.getLogger(LocationPermissions.class.getName());
        log.addHandler(handler);
        try {
            refresh(name).body("state", equalTo("failed"));
        } finally {
            log.removeHandler(handler);
        }
        description(name, "first");
        assertTrue(
                warnings.stream().anyMatch(w -> w.contains("location " + id) && w.contains("not a JSON list")),
                () -> "warnings: " + warnings);
    }

    /**
     * A token carries every role the provider grants, more than the catalog's: the location keeps the catalog's, so a
     * person with many other roles registers (and changes) locations, and her refreshes write as an editor.
     */
    @Test
    @TestSecurity(
            user = "erin",
            roles = {
                "catalog-editor",
                "default-roles-northwind-production-realm",
                "offline_access",
                "uma_authorization",
                "northwind-revenue-operations-dashboard-viewer",
                "northwind-revenue-operations-dashboard-editor",
                "northwind-finance-reporting-warehouse-reader",
                "northwind-finance-reporting-warehouse-writer",
                "northwind-customer-support-ticketing-agent",
                "northwind-customer-support-ticketing-supervisor"
            },
            authMechanism = "basic")
    @OidcSecurity(claims = {@Claim(key = "teams", value = "[\"/northwind/revops\"]", type = ClaimType.JSON_ARRAY)})
    void aPersonWithManyOtherRolesRegistersAndHerRefreshesWriteAsAnEditor() {
        String name = unique("svc");
        registeredThenChanged(name).body("state", equalTo("applied"));
        description(name, "second");
    }

    /** Her account name is Dana's address, but her token verified no address: Dana's teams are not hers. */
    @Test
    @TestSecurity(user = EMAIL, roles = "catalog-editor", authMechanism = "basic")
    @OidcSecurity(
            claims = {
                @Claim(key = "email", value = EMAIL),
                @Claim(key = "email_verified", value = "false", type = ClaimType.BOOLEAN)
            })
    void anAccountNamedLikeSomeonesAddressIsNotHerOnARefresh() {
        danaIsInRevops();
        String name = unique("svc");
        registeredThenChanged(name)
                .body("state", equalTo("failed"))
                .body("problems[0]", containsString("component:default/" + name));
        description(name, "first");
    }

    /**
     * A location registered before registrations kept the verified address refreshes without it; its registrant's own
     * change of the location (PUT, even to the same file) renews what its refreshes act with.
     */
    @Test
    @TestSecurity(user = "dana", roles = "catalog-editor", authMechanism = "basic")
    @OidcSecurity(
            claims = {
                @Claim(key = "email", value = EMAIL),
                @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN)
            })
    void herOwnChangeOfAnOlderLocationRenewsWhatItsRefreshesActWith() {
        danaIsInRevops();
        String name = unique("svc"), dir = "/" + unique("repo");
        String file = LocationApiTest.component(name, null);
        String id = registeredKeptThenChanged(name, dir, r -> r.registeredEmail = null);
        refresh(name).body("state", equalTo("failed"));
        description(name, "first");

        given().contentType("application/json")
                .body(Map.of("type", "url", "target", server.url(dir + "/r.yaml")))
                .put("/api/catalog/locations/" + id)
                .then()
                .statusCode(200);
        description(name, "second");
        server.put(dir + "/r.yaml", file.replace("description: first", "description: third"));
        refresh(name).body("state", equalTo("applied"));
        description(name, "third");
        List<String> kept = QuarkusTransaction.requiringNew().call(() -> {
            LocationRecord record = LocationRecord.findById(id);
            return List.of(record.registeredBy, String.valueOf(record.registeredEmail));
        });
        org.junit.jupiter.api.Assertions.assertEquals(List.of("dana", EMAIL), kept);
    }
}
