package dev.interlock.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EntityRefTest {

    @Test
    void fillsInDefaultKindAndNamespace() {
        assertEquals(
                "group:default/team-a",
                EntityRef.parse("team-a", "group", "default").toString());
        assertEquals(
                "group:ops/team-a",
                EntityRef.parse("ops/team-a", "group", "default").toString());
        assertEquals(
                "user:default/ana",
                EntityRef.parse("User:ana", "group", "default").toString());
        assertEquals(
                "component:payments/x",
                EntityRef.parse("x", "component", "payments").toString());
    }

    @Test
    void comparesCaseInsensitively() {
        assertEquals(
                EntityRef.parse("Component:Default/My-Service", null, "default"),
                EntityRef.parse("component:default/my-service", null, "default"));
    }

    @Test
    void refusesMalformedReferencesWithAReason() {
        assertEquals(
                "entity reference \":x\" has an empty kind before ':'",
                assertThrows(IllegalArgumentException.class, () -> EntityRef.parse(":x", "group", "default"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> EntityRef.parse("a:b/", "group", "default"));
        assertThrows(IllegalArgumentException.class, () -> EntityRef.parse("a:b/c/d", "group", "default"));
        assertThrows(IllegalArgumentException.class, () -> EntityRef.parse("x", null, "default"));
        assertThrows(IllegalArgumentException.class, () -> EntityRef.parse("", "group", "default"));
    }

    @Test
    void everyRelationHasItsInverse() {
        for (RelationType t : RelationType.values()) {
            assertEquals(t, t.inverse().inverse(), t.id());
        }
    }
}
