package dev.interlock.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The versions a register preview carries to its confirmation read back as they were written, whatever the etags. */
class PreviewedVersionsTest {

    @Test
    void etagsWithSpacesTildesOrDashesAndAbsentEntitiesReadBack() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("component:default/a", "3f2c9a");
        versions.put("component:default/b", "an imported etag");
        versions.put("component:default/c", "~");
        versions.put("component:default/d", "-");
        versions.put("component:default/e", "");
        String field = PreviewedVersions.encode(versions);
        assertEquals(versions, PreviewedVersions.decode(field));
    }

    @Test
    void whatDoesNotReadIsLeftOut() {
        assertEquals(Map.of(), PreviewedVersions.decode(null));
        assertEquals(Map.of(), PreviewedVersions.decode("component:default/a"));
        assertEquals(
                Map.of("component:default/b", "x"),
                PreviewedVersions.decode("component:default/a %zz component:default/b x"));
    }
}
