package dev.interlock.teams;

import static dev.interlock.support.Api.registerAs;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.support.Api;

/** A Group whose parent or children would make a loop in the team tree is stored with a warning saying so. */
@QuarkusTest
class TeamTreeLoopsTest {

    @Test
    void aLoopInTheTeamTreeIsWarnedOf() {
        String self = unique("self");
        registerAs("admin", group(self, "parent: " + self + ", children: [" + self + "]"))
                .statusCode(201)
                .body(
                        "entities[0].warnings",
                        equalTo(List.of(
                                "spec.parent names this group itself: a team cannot be under itself",
                                "spec.children names this group itself: a team cannot be under itself")));

        String top = unique("top");
        String under = unique("under");
        registerAs("admin", group(top, "children: []")).statusCode(201).body("entities[0].warnings", empty());
        registerAs("admin", group(under, "parent: " + top + ", children: []"))
                .statusCode(201)
                .body("entities[0].warnings", empty());
        registerAs("admin", group(top, "parent: " + under + ", children: []"))
                .statusCode(201)
                .body("entities[0].action", equalTo("updated"))
                .body("entities[0].warnings", equalTo(List.of(loop("spec.parent", under, "under", top))));
        // Stored as Backstage stores it, and its pages still answer.
        Api.browserAs("bob").get("/catalog/default/group/" + top).then().statusCode(200);
    }

    @Test
    void aLoopMadeThroughChildrenIsWarnedOf() {
        // top > mid > under, as top's and mid's descriptors say; under then names top as its child.
        String top = unique("top");
        String mid = unique("mid");
        String under = unique("under");
        registerAs("admin", group(top, "children: []")).statusCode(201);
        registerAs("admin", group(mid, "parent: " + top + ", children: [" + under + "]"))
                .statusCode(201);
        registerAs("admin", group(under, "children: []")).statusCode(201).body("entities[0].warnings", empty());
        registerAs("admin", group(under, "children: [" + top + "]"))
                .statusCode(201)
                .body("entities[0].action", equalTo("updated"))
                .body("entities[0].warnings", equalTo(List.of(loop("spec.children", top, "above", under))));
    }

    @Test
    void aGroupsOwnEarlierTreeIsNotHeldAgainstIt() {
        // A department that listed a team as its child now names it as its parent instead: no loop once stored.
        String was = unique("was-top");
        String team = unique("was-under");
        registerAs("admin", group(team, "children: []")).statusCode(201);
        registerAs("admin", group(was, "children: [" + team + "]")).statusCode(201);
        registerAs("admin", group(was, "parent: " + team + ", children: []"))
                .statusCode(201)
                .body("entities[0].action", equalTo("updated"))
                .body("entities[0].warnings", empty());
        registerAs("admin", group(team, "parent: " + was + ", children: []"))
                .statusCode(201)
                .body("entities[0].warnings", equalTo(List.of(loop("spec.parent", was, "under", team))));
    }

    @Test
    void aLoopWithinOneBodyIsWarnedOf() {
        // Each of the two closes the loop with the other: both are told, in the preview as in the registration, that
        // the loop would be there once they are stored.
        String a = unique("one-a");
        String b = unique("one-b");
        String body =
                group(a, "parent: " + b + ", children: []") + "---\n" + group(b, "parent: " + a + ", children: []");
        for (String query : List.of("?dryRun=true", "")) {
            Api.as("admin")
                    .contentType("application/yaml")
                    .body(body)
                    .post("/api/catalog/entities" + query)
                    .then()
                    .statusCode(query.isEmpty() ? 201 : 200)
                    .body("entities[0].warnings", equalTo(List.of(together("spec.parent", b, "under", a))))
                    .body("entities[1].warnings", equalTo(List.of(together("spec.parent", a, "under", b))));
        }
        // Once stored, registering one of them again finds the loop already in the catalog, alone or beside a Group
        // that has nothing to do with it.
        registerAs("admin", group(a, "parent: " + b + ", children: []"))
                .statusCode(201)
                .body("entities[0].action", equalTo("unchanged"))
                .body("entities[0].warnings", equalTo(List.of(loop("spec.parent", b, "under", a))));
        registerAs(
                        "admin",
                        group(a, "parent: " + b + ", children: []") + "---\n" + group(unique("apart"), "children: []"))
                .statusCode(201)
                .body("entities[0].warnings", equalTo(List.of(loop("spec.parent", b, "under", a))))
                .body("entities[1].warnings", empty());
    }

    @Test
    void twoLoopsThroughOneGroupAreEachWarnedOfAndOneLoopOnce() {
        // x > p > x through x's parent, and x > c > x through x's child: two loops, each told.
        String x = unique("two-x");
        String p = unique("two-p");
        String c = unique("two-c");
        registerAs(
                        "admin",
                        group(x, "parent: " + p + ", children: [" + c + "]") + "---\n"
                                + group(p, "parent: " + x + ", children: []") + "---\n"
                                + group(c, "children: [" + x + "]"))
                .statusCode(201)
                .body(
                        "entities[0].warnings",
                        equalTo(List.of(
                                together("spec.parent", p, "under", x), together("spec.children", c, "above", x))));
        // One loop, x > c > p > x, closed by x's parent and its child alike: told once, through the parent.
        String y = unique("one-y");
        String q = unique("one-q");
        String d = unique("one-d");
        registerAs(
                        "admin",
                        group(y, "parent: " + q + ", children: [" + d + "]") + "---\n"
                                + group(d, "children: [" + q + "]"))
                .statusCode(201)
                .body("entities[0].warnings", equalTo(List.of(together("spec.parent", q, "under", y))));
    }

    /** The warning of a loop made through teams the catalog holds: {@code other} is already {@code where} it. */
    private static String loop(String field, String other, String where, String team) {
        return warning(field, other, "is already " + where, team);
    }

    /** The warning of a loop among Groups registered together: {@code other} would be {@code where} {@code team}. */
    private static String together(String field, String other, String where, String team) {
        return warning(field, other, "would be " + where, team);
    }

    private static String warning(String field, String other, String relation, String team) {
        return field + ": group:default/" + other + " " + relation + " group:default/" + team
                + ", so the team tree would have a loop; make one of them the other's parent, not both";
    }

    private static String group(String name, String spec) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: %s}
                spec: {type: team, %s}
                """.formatted(name, spec);
    }
}
