package dev.interlock.catalog;

import static dev.interlock.support.Api.registerAs;
import static dev.interlock.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationType;
import dev.interlock.support.Api;

/**
 * Entities read with only some relation types (what scoring reads of the entities around a pipeline): relations of
 * those types in both directions, declared by the entity or by the other end, and none of the others.
 */
@QuarkusTest
class RelationsOfTypesTest {

    @Inject
    CatalogQueries queries;

    /** Registers as the catalog admin: a user joining a team is theirs to register. */
    private static void register(String yaml) {
        registerAs("admin", yaml).statusCode(201);
    }

    @SuppressWarnings("unchecked")
    private static List<String> relations(Map<String, Object> entity) {
        return ((List<Map<String, Object>>) entity.get("relations"))
                .stream().map(r -> r.get("type") + " " + r.get("targetRef")).toList();
    }

    @Test
    void onlyTheAskedTypesAreReadInBothDirections() {
        String team = unique("team");
        String declared = unique("declared");
        String joined = unique("joined");
        String service = unique("service");
        register("""
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: %s}
                spec: {type: team, children: [], members: [%s]}
                """.formatted(team, declared));
        register("""
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: %s}
                spec: {memberOf: [group:%s]}
                """.formatted(joined, team));
        register("""
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: %s}
                spec: {memberOf: []}
                """.formatted(declared));
        register(Api.component(service, "group:" + team, null));

        EntityRef teamRef = EntityRef.ofCanonical("group:default/" + team);
        EntityRef joinedRef = EntityRef.ofCanonical("user:default/" + joined);
        Set<RelationType> membership = Set.of(RelationType.HAS_MEMBER, RelationType.MEMBER_OF);
        List<Map<String, Object>> found = queries.byRefs(
                List.of(teamRef, joinedRef, EntityRef.ofCanonical("user:default/" + unique("nobody"))), membership);

        // The team declares one member and the other joins it: both are hasMember; its ownerOf is not read.
        assertEquals(
                List.of("hasMember user:default/" + declared, "hasMember user:default/" + joined),
                relations(found.get(0)));
        assertEquals(List.of("memberOf group:default/" + team), relations(found.get(1)));
        assertNull(found.get(2));
        // One type: the user the team lists has it as the inverse of the team's hasMember, the other declares it.
        List<Map<String, Object>> users = queries.byRefs(
                List.of(EntityRef.ofCanonical("user:default/" + declared), joinedRef), Set.of(RelationType.MEMBER_OF));
        assertEquals(List.of("memberOf group:default/" + team), relations(users.get(0)));
        assertEquals(List.of("memberOf group:default/" + team), relations(users.get(1)));
        assertEquals(
                List.of(),
                relations(queries.byRefs(List.of(teamRef), Set.of(RelationType.MEMBER_OF))
                        .get(0)));
        // Without types, every relation.
        assertEquals(
                List.of(
                        "hasMember user:default/" + declared,
                        "hasMember user:default/" + joined,
                        "ownerOf component:default/" + service),
                relations(queries.byRefs(List.of(teamRef)).get(0)));
    }
}
