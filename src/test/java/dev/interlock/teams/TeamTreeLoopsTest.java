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
                .body(
                        "entities[0].warnings",
                        equalTo(List.of("spec.parent: group:default/" + under + " is already under group:default/"
                                + top + ", so the team tree would have a loop; make one of them the other's parent,"
                                + " not both")));
        // Stored as Backstage stores it, and its pages still answer.
        Api.browserAs("bob").get("/catalog/default/group/" + top).then().statusCode(200);
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
