package dev.interlock.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.interlock.model.Entity;

class EntityDiffTest {

    private static Entity entity(Map<String, Object> metadata, Map<String, Object> spec, Object status) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("apiVersion", "backstage.io/v1alpha1");
        body.put("kind", "Component");
        body.put("metadata", metadata);
        body.put("spec", spec);
        if (status != null) {
            body.put("status", status);
        }
        return Entity.of(body);
    }

    @Test
    void identityRelationsAndStatusAreNotChanges() {
        Entity stored = entity(
                Map.of("name", "a", "uid", "u1", "etag", "e1", "generation", 3),
                Map.of("type", "service"),
                Map.of("items", List.of()));
        Entity after = entity(Map.of("name", "a"), Map.of("type", "service"), null);
        assertEquals(List.of(), EntityDiff.changedFields(stored, after));
    }

    @Test
    void changesAreNamedTwoLevelsDeepAndOnlySpecMovesTheGeneration() {
        Entity stored = entity(
                Map.of("name", "a", "uid", "u1", "title", "A"),
                Map.of("type", "service", "lifecycle", "production"),
                null);
        Entity after = entity(
                Map.of("name", "a", "title", "B"),
                Map.of("type", "service", "lifecycle", "experimental", "owner", "x"),
                null);
        List<String> changed = EntityDiff.changedFields(stored, after);
        assertEquals(List.of("metadata.title", "spec.lifecycle", "spec.owner"), changed);
        assertTrue(EntityDiff.changesGeneration(changed));
        assertFalse(EntityDiff.changesGeneration(List.of("metadata.title")));
    }
}
