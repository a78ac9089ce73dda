package dev.interlock.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The digests line of an exported entity file, and the fields it tells were edited. */
class ExportDigestsTest {

    private static Map<String, Object> entity(String name, String lifecycle, String etag) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("namespace", "default");
        metadata.put("name", name);
        metadata.put("uid", "3f0c7a52-0a3b-4d8e-9c55-0c1b2a3d4e5f");
        metadata.put("etag", etag);
        metadata.put("generation", 2);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", "backstage.io/v1alpha1");
        body.put("kind", "Component");
        body.put("metadata", metadata);
        body.put("spec", Map.of("type", "service", "lifecycle", lifecycle, "owner", "group:a"));
        return body;
    }

    @Test
    void aFileAsExportedHasNoEdit() {
        String line = ExportDigests.line(entity("a", "production", "e1"));
        assertTrue(line.startsWith("# Exported by Interlock")
                && line.endsWith("\n")
                && line.lines().count() == 1);
        assertEquals(List.of(), ExportDigests.edited(line + "kind: Component\n", entity("a", "production", "e1")));
        // The etag, uid and generation are the catalog's, not an edit: a file whose etag line was changed or removed
        // is taken as it says.
        assertEquals(List.of(), ExportDigests.edited(line, entity("a", "production", "e2")));
    }

    @Test
    void theFieldsEditedAreNamed() {
        String line = ExportDigests.line(entity("a", "production", "e1"));
        assertEquals(List.of("spec"), ExportDigests.edited(line, entity("a", "retired", "e1")));
        assertEquals(List.of("metadata"), ExportDigests.edited(line, entity("b", "production", "e1")));
        assertEquals(List.of("metadata", "spec"), ExportDigests.edited(line, entity("b", "retired", "e1")));
        Map<String, Object> withStatus = entity("a", "production", "e1");
        withStatus.put("extra", List.of(1));
        assertEquals(List.of("extra"), ExportDigests.edited(line, withStatus));
        // Keys in another order are the same entity.
        Map<String, Object> reordered = new LinkedHashMap<>();
        Map<String, Object> original = entity("a", "production", "e1");
        reordered.put("spec", original.get("spec"));
        reordered.put("metadata", original.get("metadata"));
        reordered.put("kind", original.get("kind"));
        reordered.put("apiVersion", original.get("apiVersion"));
        assertEquals(List.of(), ExportDigests.edited(line, reordered));
    }

    @Test
    void aFileWithoutTheLineIsTakenAsItSays() {
        assertNull(ExportDigests.edited("apiVersion: backstage.io/v1alpha1\n", entity("a", "production", "e1")));
        assertNull(ExportDigests.edited("# a comment of its own\nkind: Component\n", entity("a", "x", "e1")));
        assertEquals(
                "kind: Component\n",
                ExportDigests.withoutLine(ExportDigests.line(entity("a", "production", "e1")) + "kind: Component\n"));
    }
}
