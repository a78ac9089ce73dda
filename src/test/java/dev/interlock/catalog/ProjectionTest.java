package dev.interlock.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProjectionTest {

    private static final Map<String, Object> ENTITY = Map.of(
            "kind",
            "Component",
            "metadata",
            Map.of("name", "a", "title", "A", "annotations", Map.of("x/y", "1")),
            "spec",
            Map.of("type", "service"));

    @Test
    void keepsTheNamedPaths() {
        assertEquals(
                Map.of("kind", "Component", "metadata", Map.of("name", "a")),
                Projection.apply(ENTITY, List.of("kind", "metadata.name", "metadata.missing", "nothing.here")));
    }

    @Test
    void aPathKeptWholeHoldsItsFields() {
        Map<String, Object> whole = Map.of("metadata", ENTITY.get("metadata"));
        assertEquals(whole, Projection.apply(ENTITY, List.of("metadata", "metadata.name")));
        assertEquals(whole, Projection.apply(ENTITY, List.of("metadata.name", "metadata")));
    }

    @Test
    void splitsFieldParameters() {
        assertEquals(
                List.of("kind", "metadata.name", "spec"), Projection.fields(List.of("kind, metadata.name", "spec")));
    }
}
