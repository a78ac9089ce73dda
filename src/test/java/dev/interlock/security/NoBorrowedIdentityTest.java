package dev.interlock.security;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.registerAs;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An editor gains no one else's rights by what she writes herself: not by naming a person (one the catalog does not
 * hold yet) among the teams she is a member of, not by starting a team that an entity of a kind Interlock does not
 * interpret already names as its owner in an unusual form, and an owner that is no reference answers 403, not 500.
 * (alice is a catalog-editor in revops.)
 */
@QuarkusTest
class NoBorrowedIdentityTest {

    private static final String ALICE = """
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: {name: alice, description: RevOps lead and Salesforce admin.}
            spec: {memberOf: %s, profile: {displayName: Alice Moreau, email: alice@northwind.example}}
            """;

    private static String template(String name, String owner, String description) {
        return """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata: {name: %s, description: %s}
                spec: {owner: "%s", type: service}
                """.formatted(name, description, owner);
    }

    @AfterEach
    void aliceAsTheExamplesHaveHer() {
        registerAs("admin", ALICE.formatted("[group:revops]")).statusCode(201);
    }

    @Test
    void namingAPersonAmongHerTeamsMakesHerNobody() {
        String person = unique("newhire");
        String notebook = unique("notebook");
        String template = unique("tpl");
        // Accepted while nothing names the person (Backstage's memberOf takes any reference), but it grants nothing:
        // not the things that person owns later.
        register(ALICE.formatted("[group:revops, \"user:" + person + "\"]")).statusCode(201);
        registerAs("admin", component(notebook, "user:" + person, null)).statusCode(201);
        registerAs("admin", template(template, "user:" + person, "first")).statusCode(201);

        register(component(notebook, "user:" + person, null).replace("production", "deprecated"))
                .statusCode(403)
                .body("error.message", containsString("only user:default/" + person))
                .body("error.message", not(containsString("member of user:")));
        register(template(template, "user:" + person, "second")).statusCode(403);
        String uid = as("bob")
                .get("/api/catalog/entities/by-name/component/default/{n}", notebook)
                .then()
                .statusCode(200)
                .extract()
                .path("metadata.uid");
        as("alice").delete("/api/catalog/entities/by-uid/{u}", uid).then().statusCode(403);
    }

    /**
     * Nor by registering, with an address of hers, the User of a person things are already owned by: with single
     * sign-on that address would make her that person. Only that person's account (or a catalog-admin) registers her then; a
     * person nothing names may be registered by any editor.
     */
    @Test
    void registeringAPersonThingsAreOwnedByIsHersOrAnAdminsToDo() {
        String person = unique("owner");
        String notebook = unique("notebook");
        registerAs("admin", component(notebook, "user:" + person, null)).statusCode(201);
        String user = """
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: %s}
                spec: {memberOf: [], profile: {email: mallory@elsewhere.example}}
                """;
        register(user.formatted(person))
                .statusCode(403)
                .body("error.message", containsString("user:default/" + person + " is named as the owner"));
        as("bob")
                .get("/api/catalog/entities/by-name/user/default/{n}", person)
                .then()
                .statusCode(404);
        String nobody = unique("nobody");
        register(user.formatted(nobody)).statusCode(201);
        registerAs("admin", user.formatted(person)).statusCode(201);
    }

    /** {@code default/<team>} and {@code " group:<team>"} name the team as {@code group:<team>} does. */
    @Test
    void aTeamNamedAsOwnerInAnyFormIsNotHersToStart() {
        for (String form : new String[] {"default/%s", " group:%s", "Group:Default/%s ", "%s"}) {
            String team = unique("ghost");
            String template = unique("tpl");
            registerAs("admin", template(template, form.formatted(team), "first"))
                    .statusCode(201);
            register("""
                            apiVersion: backstage.io/v1alpha1
                            kind: Group
                            metadata: {name: %s}
                            spec: {type: team, children: [], members: [alice]}
                            """.formatted(team))
                    .statusCode(403)
                    .body("error.message", containsString("only members of group:default/" + team));
            register(template(template, form.formatted(team), "second")).statusCode(403);
        }
    }

    @Test
    void anOwnerThatIsNoReferenceLeavesTheEntityToAdminsWithA403() {
        String template = unique("tpl");
        register(template(template, "a:b:c", "first")).statusCode(201);
        register(template(template, "a:b:c", "second"))
                .statusCode(403)
                .body("error.name", equalTo("NotAllowedError"))
                .body("error.message", containsString("spec.owner that is no entity reference"));
        String uid = as("bob")
                .get("/api/catalog/entities/by-name/template/default/{n}", template)
                .then()
                .statusCode(200)
                .body("metadata.description", equalTo("first"))
                .extract()
                .path("metadata.uid");
        as("alice").delete("/api/catalog/entities/by-uid/{u}", uid).then().statusCode(403);
        registerAs("admin", template(template, "a:b:c", "third")).statusCode(201);
        as("admin").delete("/api/catalog/entities/by-uid/{u}", uid).then().statusCode(204);
    }
}
