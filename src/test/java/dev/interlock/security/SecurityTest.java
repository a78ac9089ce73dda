package dev.interlock.security;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.browserAs;
import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.registerAs;
import static dev.interlock.support.Api.registerForm;
import static dev.interlock.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.interlock.scorecard.Rules;

/**
 * The authorization findings of the security review, each tried as an attacker would: self-declared team membership
 * (User memberOf, Group members/parent, a new team taking over an owner name, the register page), e-mail matching
 * built from filter syntax and unverified e-mails, a scorecard replacing the level everyone sees, a scorecard that
 * monopolises scoring, and entities without an owner. alice is catalog-editor in revops; platform is carol's team.
 */
@QuarkusTest
class SecurityTest {

    private static final String ALICE = """
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: {name: alice, description: RevOps lead and Salesforce admin.}
            spec: {memberOf: [%s], profile: {displayName: Alice Moreau, email: alice@northwind.example}}
            """;

    /** A team listing alice as its member, with more spec fields in front ({@code "parent: x, "}). */
    private static String teamWithAlice(String name, String moreSpec) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: %s}
                spec: {type: team, %schildren: [], members: [alice]}
                """.formatted(name, moreSpec);
    }

    private static String platformComponent(String name) {
        return component(name, "group:platform", null);
    }

    private static String newPlatformComponent() {
        String name = unique("plat");
        as("admin")
                .contentType("application/yaml")
                .body(platformComponent(name))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201);
        return name;
    }

    /**
     * A dry-run change of a component the platform team owns in the example catalog, as whoever the test signs in
     * as (the permission is checked in a dry run too; nothing is stored).
     */
    static io.restassured.response.ValidatableResponse tryToChangeAPlatformComponent() {
        java.util.Map<String, Object> entity = given().get(
                        "/api/catalog/entities/by-name/component/default/argocd-web-storefront")
                .jsonPath()
                .getMap("");
        entity.remove("relations");
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> spec = (java.util.Map<String, Object>) entity.get("spec");
        spec.put("lifecycle", "deprecated");
        return given().contentType("application/json")
                .body(entity)
                .post("/api/catalog/entities?dryRun=true")
                .then();
    }

    private static io.restassured.response.ValidatableResponse post(String yaml) {
        return given().contentType("application/yaml")
                .body(yaml.getBytes())
                .post("/api/catalog/entities")
                .then();
    }

    // Finding 1: membership is self-declared.

    @Test
    void anEditorCannotAddHerselfToAnotherTeam() {
        String theirs = newPlatformComponent();
        register(ALICE.formatted("group:revops, group:platform"))
                .statusCode(403)
                .body("error.message", containsString("would add user:default/alice to group:default/platform"))
                .body("error.message", containsString("only members of group:default/platform"));
        as("bob")
                .get("/api/catalog/entities/by-name/user/default/alice")
                .then()
                .body("spec.memberOf", equalTo(List.of("group:revops")));
        register(platformComponent(theirs).replace("production", "deprecated")).statusCode(403);
        // Changing her own User without touching memberships is still hers to do.
        register(ALICE.formatted("group:revops").replace("Salesforce admin.", "Salesforce admin and dbt."))
                .statusCode(201);
    }

    @Test
    @TestSecurity(user = "eve", roles = "catalog-editor", authMechanism = "basic")
    void anEditorWithoutAUserCannotCreateOneClaimingATeam() {
        post("""
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: eve}
                spec: {memberOf: [group:platform]}
                """).statusCode(403).body("error.message", containsString("group:default/platform"));
        given().get("/api/catalog/entities/by-name/user/default/eve").then().statusCode(404);
    }

    @Test
    void aGroupCannotListSomeoneIntoATeamOrHangItselfUnderOne() {
        String sneaky = unique("sneaky");
        register(teamWithAlice(sneaky, "parent: group:platform, "))
                .statusCode(403)
                .body(
                        "error.message",
                        containsString("would add group:default/" + sneaky + " to group:default/platform"));
        // The platform team itself lists its members: only its members may add one.
        register(teamWithAlice("platform", "")).statusCode(403);
        // Nothing was stored by either request.
        as("bob")
                .get("/api/catalog/entities/by-name/group/default/" + sneaky)
                .then()
                .statusCode(404);
    }

    /**
     * A new team of one's own may not take another team in as its child: the team above would count that team's
     * pipelines and people as its own, on its page, the scorecard's table and the people list.
     */
    @Test
    void aGroupCannotTakeAnotherTeamInAsItsChild() {
        String crew = unique("crew");
        register(teamWithAlice(crew, "").replace("children: []", "children: [group:platform]"))
                .statusCode(403)
                .body("error.message", containsString("would put group:default/platform under group:default/" + crew))
                .body("error.message", containsString("only members of group:default/platform"));
        as("bob")
                .get("/api/catalog/entities/by-name/group/default/" + crew)
                .then()
                .statusCode(404);
        as("bob")
                .get("/api/catalog/entities/by-name/group/default/platform")
                .then()
                .body("relations.findAll { it.type == 'childOf' }.targetRef", not(hasItem("group:default/" + crew)));
        // Her own team, and a team nobody has yet, she may put under it.
        String next = unique("next");
        register(teamWithAlice(crew, "").replace("children: []", "children: [group:revops, " + next + "]"))
                .statusCode(201);
        as("bob")
                .get("/api/catalog/entities/by-name/group/default/revops")
                .then()
                .body("relations.findAll { it.type == 'childOf' }.targetRef", hasItem("group:default/" + crew));
        // Taking it back out changes her team only.
        register(teamWithAlice(crew, "")).statusCode(201);
    }

    /**
     * A team may name a parent the catalog does not hold yet. Whoever creates that parent takes the team under it, so
     * creating it needs the right to change the team, as listing it among its children does.
     */
    @Test
    void creatingTheMissingParentAnotherTeamNamesTakesThatTeamsRights() {
        String ghost = unique("ghost");
        String theirs = unique("theirs");
        registerAs("admin", """
                        apiVersion: backstage.io/v1alpha1
                        kind: Group
                        metadata: {name: %s}
                        spec: {type: team, parent: %s, children: [], members: [bob]}
                        """.formatted(theirs, ghost)).statusCode(201);
        register(teamWithAlice(ghost, ""))
                .statusCode(403)
                .body(
                        "error.message",
                        containsString("would put group:default/" + theirs + " under group:default/" + ghost));
        as("bob")
                .get("/api/catalog/entities/by-name/group/default/" + ghost)
                .then()
                .statusCode(404);
        // A team of hers that names it, she may start it for.
        String mine = unique("mine");
        String dept = unique("dept");
        registerAs("admin", teamWithAlice(mine, "parent: " + dept + ", ")).statusCode(201);
        register(teamWithAlice(dept, "")).statusCode(201);
    }

    @Test
    void aNewTeamMayBeStartedButNotOneTheCatalogAlreadyNamesAsAnOwner() {
        String fresh = unique("team");
        register(teamWithAlice(fresh, "")).statusCode(201);
        register(component(unique("mine"), "group:" + fresh, null)).statusCode(201);

        String ghost = unique("ghost");
        String owned = unique("owned");
        as("admin")
                .contentType("application/yaml")
                .body(component(owned, "group:" + ghost, null))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201);
        register(teamWithAlice(ghost, "")).statusCode(403);
        register(component(owned, "group:" + ghost, null).replace("production", "deprecated"))
                .statusCode(403);

        // A kind Interlock does not interpret makes no ownedBy relation; its spec.owner names the team all the same,
        // also when padded past the longest value the search table indexes, in any case.
        for (String form :
                List.of("%s", "\"" + " ".repeat(250) + "group:%s  \"", "\"" + " ".repeat(250) + "GROUP:%S\"")) {
            String ghostTeam = unique("ghost");
            as("admin")
                    .contentType("application/yaml")
                    .body("""
                            apiVersion: example.com/v1
                            kind: Widget
                            metadata: {name: %s}
                            spec: {owner: %s}
                            """.formatted(unique("widget"), form.formatted(ghostTeam)))
                    .post("/api/catalog/entities")
                    .then()
                    .statusCode(201);
            register(teamWithAlice(ghostTeam, ""))
                    .statusCode(403)
                    .body("error.message", containsString("only members of group:default/" + ghostTeam));
        }
    }

    @Test
    void theRegisterPageAppliesTheSameRule() {
        Response confirm = registerForm("alice", "/register", ALICE.formatted("group:revops, group:platform"));
        assertEquals(400, confirm.statusCode());
        assertTrue(confirm.asString().contains("only members of group:default/platform"), confirm.asString());
        as("bob")
                .get("/api/catalog/entities/by-name/user/default/alice")
                .then()
                .body("spec.memberOf", equalTo(List.of("group:revops")));
    }

    // Finding 2: e-mail matching.

    @Test
    @TestSecurity(user = "mallory", roles = "catalog-editor", authMechanism = "basic")
    @OidcSecurity(
            claims = {
                @Claim(key = "email", value = "x@evil.example,spec.profile.email=carol@northwind.example"),
                @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN)
            })
    void anEmailIsMatchedAsAValueNeverAsFilterSyntax() {
        tryToChangeAPlatformComponent()
                .statusCode(403)
                .body("error.message", containsString("you are mallory, and not a member of any team"));
    }

    @Test
    @TestSecurity(user = "c.w", roles = "catalog-editor", authMechanism = "basic")
    @OidcSecurity(
            claims = {
                @Claim(key = "email", value = "carol@northwind.example"),
                @Claim(key = "email_verified", value = "false", type = ClaimType.BOOLEAN)
            })
    void anUnverifiedEmailIsNotUsed() {
        tryToChangeAPlatformComponent().statusCode(403);
    }

    @Inject
    dev.interlock.registration.RegistrationService registration;

    @Inject
    Permissions permissions;

    /**
     * carol signs in as c.w and is her catalog User by her verified e-mail. alice (revops) may create a User named
     * c.w, a person the catalog does not hold by that name, and give another User carol's address; neither makes c.w
     * someone else than carol, without her team.
     */
    @Test
    @TestSecurity(user = "c.w", roles = "catalog-editor", authMechanism = "basic")
    @OidcSecurity(
            claims = {
                @Claim(key = "email", value = "Carol@Northwind.example"),
                @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN)
            })
    void aVerifiedEmailFindsThePersonEvenBesideAUserOfHerNameOrAddress() {
        tryToChangeAPlatformComponent().statusCode(200).body("entities[0].action", equalTo("updated"));
        String users = """
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: c.w}
                spec: {memberOf: []}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: %s}
                spec: {memberOf: [], profile: {email: carol@northwind.example}}
                """.formatted("a" + unique("lookalike"));
        // Registered by alice, under her own rights (requests in this test are carol's).
        var outcomes = registration.register(
                registration.reader(1 << 20).read(users, dev.interlock.descriptor.DescriptorReader.Format.YAML, null),
                "alice",
                permissions.forAccount("alice", java.util.Set.of(Roles.EDITOR)),
                null,
                false);
        try {
            tryToChangeAPlatformComponent().statusCode(200).body("entities[0].action", equalTo("updated"));
        } finally {
            outcomes.forEach(o ->
                    registration.delete(o.uid(), "admin", dev.interlock.registration.ChangePermission.SYSTEM, null));
        }
    }

    /**
     * A team lists a person the catalog holds no User for yet. mallory (single sign-on, her own e-mail verified) may
     * not create that User with her address on it: it would make her that person, with that team's rights.
     */
    @Test
    @TestSecurity(user = "mallory", roles = "catalog-editor", authMechanism = "basic")
    @OidcSecurity(
            claims = {
                @Claim(key = "email", value = "mallory@evil.example"),
                @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN)
            })
    void aUserATeamAlreadyListsIsNotCreatedBySomeoneOutsideIt() {
        String team = unique("vault"), person = unique("newcomer"), service = unique("vaulted");
        var outcomes = registration.register(
                registration
                        .reader(1 << 20)
                        .read(
                                """
                                apiVersion: backstage.io/v1alpha1
                                kind: Group
                                metadata: {name: %s}
                                spec: {type: team, children: [], members: [%s]}
                                ---
                                %s""".formatted(team, person, component(service, "group:" + team, null)),
                                dev.interlock.descriptor.DescriptorReader.Format.YAML,
                                null),
                "admin",
                dev.interlock.registration.ChangePermission.SYSTEM,
                null,
                false);
        try {
            post("""
                            apiVersion: backstage.io/v1alpha1
                            kind: User
                            metadata: {name: %s}
                            spec: {memberOf: [], profile: {email: mallory@evil.example}}
                            """.formatted(person))
                    .statusCode(403)
                    .body("error.message", containsString("only members of group:default/" + team));
            post(component(service, "group:" + team, null).replace("production", "deprecated"))
                    .statusCode(403);
        } finally {
            outcomes.forEach(o ->
                    registration.delete(o.uid(), "admin", dev.interlock.registration.ChangePermission.SYSTEM, null));
            // Stored only without the rule.
            String uid = given().get("/api/catalog/entities/by-name/user/default/" + person)
                    .jsonPath()
                    .getString("metadata.uid");
            if (uid != null) {
                registration.delete(uid, "admin", dev.interlock.registration.ChangePermission.SYSTEM, null);
            }
        }
    }

    // Finding 3: a scorecard replacing the level everyone sees.

    private static String scorecard(String name, String owner, String level, int checks, String rule) {
        String checkList = IntStream.range(0, checks)
                .mapToObj(i -> """
                    - id: c%d
                      title: Check %d
                      level: %s
                      rule: '%s'
                      why: Because.
                """.formatted(i, i, level, rule))
                .collect(Collectors.joining());
        return """
                apiVersion: interlock.dev/v1alpha1
                kind: Scorecard
                metadata: {name: %s}
                spec:
                  owner: %s
                  appliesTo: 'has(entity.spec.pipeline)'
                  levels: [%s]
                  checks:
                %s""".formatted(name, owner, level, checkList);
    }

    private static void awaitScored(String scorecard, String entityRef) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> as("bob")
                        .get("/api/scorecards/default/" + scorecard + "/results")
                        .jsonPath()
                        .getList("items.entityRef")
                        .contains(entityRef));
    }

    @Test
    void aScorecardShowsOnlyUnderItsOwnNameAndNeedsItsOwnerTeam() {
        register(scorecard("aaa-foreign", "group:platform", "platinum", 1, "true"))
                .statusCode(403)
                .body("error.message", containsString("may register or change scorecard:default/aaa-foreign"));
        // Owned by one person, not a team: refused, whoever that person is.
        register(scorecard("aaa-mine", "user:alice", "platinum", 1, "true"))
                .statusCode(403)
                .body("error.message", containsString("a scorecard must be owned by a team"));
        register(scorecard("aaa-override", "group:revops", "platinum", 1, "true"))
                .statusCode(201);
        try {
            awaitScored("aaa-override", "component:default/fivetran-salesforce");
            String pipelines = browserAs("bob").get("/pipelines").asString();
            assertFalse(pipelines.contains("platinum"), "the pipelines page shows only the headline scorecard");
            assertTrue(pipelines.contains("Survivability level"));
            String team = browserAs("bob").get("/catalog/default/group/revops").asString();
            assertFalse(team.contains("platinum"));
            String home = browserAs("bob").get("/").asString();
            assertFalse(home.contains("platinum"));
            // Under its own name it is there.
            assertTrue(browserAs("bob")
                    .get("/scorecards/default/aaa-override")
                    .asString()
                    .contains("platinum"));
        } finally {
            deleteScorecard("aaa-override");
        }
    }

    @Test
    void aScorecardIsNotHandedToAnotherTeamOrAPersonByChangingItsOwner() {
        String name = unique("handover");
        register(scorecard(name, "group:revops", "gold", 1, "true")).statusCode(201);
        try {
            // Registered for her own team first, then re-registered for a team she is not in: the same refusal as
            // registering it for that team outright.
            register(scorecard(name, "group:platform", "gold", 1, "true"))
                    .statusCode(403)
                    .body("error.message", containsString("only members of group:default/platform"))
                    .body("error.message", containsString("may register or change scorecard:default/" + name));
            register(scorecard(name, "user:alice", "gold", 1, "true"))
                    .statusCode(403)
                    .body("error.message", containsString("a scorecard must be owned by a team"));
            as("bob")
                    .get("/api/catalog/entities/by-name/scorecard/default/" + name)
                    .then()
                    .body("spec.owner", equalTo("group:revops"));
            // Her own team's scorecard she still changes.
            register(scorecard(name, "group:revops", "gold", 2, "true"))
                    .statusCode(201)
                    .body("entities[0].action", equalTo("updated"));
        } finally {
            deleteScorecard(name);
        }
    }

    private static void deleteScorecard(String name) {
        String uid = as("bob")
                .get("/api/catalog/entities/by-name/scorecard/default/" + name)
                .jsonPath()
                .getString("metadata.uid");
        as("admin").delete("/api/catalog/entities/by-uid/" + uid).then().statusCode(204);
    }

    // Finding 4: scoring monopolised by one scorecard.

    @Test
    void aScorecardHasABoundedNumberOfChecks() {
        register(scorecard(unique("wide"), "group:revops", "gold", Rules.MAX_CHECKS + 1, "true"))
                .statusCode(400)
                .body("errors[0].field", equalTo("spec.checks"))
                .body("errors[0].message", containsString("at most " + Rules.MAX_CHECKS + " checks"));
    }

    @Test
    void anExpensiveScorecardNeitherRunsAwayNorStarvesTheOthers() {
        String hundred =
                IntStream.rangeClosed(1, 100).mapToObj(Integer::toString).collect(Collectors.joining(","));
        // It reads the entity: the same rule on constants alone fails for every entity and is refused at registration.
        String rule = "[%s].all(a, [%s].all(b, [%s].all(c, a + b + c > size(entity.metadata.name) - 1000)))"
                .formatted(hundred, hundred, hundred);
        String heavy = unique("heavy");
        register(scorecard(heavy, "group:revops", "gold", Rules.MAX_CHECKS, rule))
                .statusCode(201);
        try {
            // A new pipeline is scored on survivability while the heavy scorecard's work is still queued.
            String name = unique("fresh-pipe");
            register(component(name, "group:revops", """
                    pipeline:
                      family: data
                      platform: dbt
                      maintainers: [user:alice, user:ana]
                    """).replace("type: service", "type: pipeline"))
                    .statusCode(201);
            awaitScored("survivability", "component:default/" + name);
            // The heavy rules are cut off by their budget: they count as not passed instead of running for minutes.
            awaitScored(heavy, "component:default/" + name);
            List<String> failed = as("bob")
                    .get("/api/catalog/entities/by-name/component/default/" + name + "/scorecards")
                    .jsonPath()
                    .getList("items.find { it.scorecardRef == 'scorecard:default/" + heavy + "' }.failed.id");
            assertEquals(Rules.MAX_CHECKS, failed.size());
        } finally {
            String uid = as("bob")
                    .get("/api/catalog/entities/by-name/scorecard/default/" + heavy)
                    .jsonPath()
                    .getString("metadata.uid");
            as("admin").delete("/api/catalog/entities/by-uid/" + uid).then().statusCode(204);
        }
    }

    // Finding 5: entities without an owner.

    @Test
    void anEntityWithoutAnOwnerIsChangedOnlyByAnAdmin() {
        String name = unique("loc");
        String location = """
                apiVersion: backstage.io/v1alpha1
                kind: Location
                metadata: {name: %s}
                spec: {type: url, targets: ['https://example.com/a.yaml']}
                """.formatted(name);
        register(location).statusCode(201);
        register(location.replace("a.yaml", "b.yaml"))
                .statusCode(403)
                .body("error.message", containsString("has no owner (spec.owner), so only a catalog-admin"));
        String uid = as("bob")
                .get("/api/catalog/entities/by-name/location/default/" + name)
                .jsonPath()
                .getString("metadata.uid");
        as("alice").delete("/api/catalog/entities/by-uid/" + uid).then().statusCode(403);
        as("admin")
                .contentType("application/yaml")
                .body(location.replace("a.yaml", "b.yaml"))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201)
                .body("entities[0].action", equalTo("updated"));
        as("admin").delete("/api/catalog/entities/by-uid/" + uid).then().statusCode(204);
    }
}
