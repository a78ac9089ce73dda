package dev.interlock.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which filters pin one kind, so that a page is read in the order of the (kind, entity_ref) index. */
class EntityFilterTest {

    private static Optional<String> singleKind(String... filters) {
        return EntityFilter.parse(List.of(filters)).singleKind();
    }

    @Test
    void oneKindInEveryAlternativeIsPinned() {
        assertEquals(Optional.of("component"), singleKind("kind=Component,spec.type=service"));
        assertEquals(Optional.of("component"), singleKind("kind=component", "kind=component,spec.type=website"));
    }

    @Test
    void noKindSeveralKindsOrOneAlternativeWithoutAKindPinNothing() {
        assertEquals(Optional.empty(), singleKind());
        assertEquals(Optional.empty(), singleKind("spec.type=service"));
        assertEquals(Optional.empty(), singleKind("kind=component,kind=api"));
        assertEquals(Optional.empty(), singleKind("kind=component", "kind=api"));
        assertEquals(Optional.empty(), singleKind("kind=component", "spec.type=service"));
        assertEquals(Optional.empty(), singleKind("kind"));
    }
}
