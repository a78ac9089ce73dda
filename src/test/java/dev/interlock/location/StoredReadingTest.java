package dev.interlock.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.interlock.catalog.LocationRecord;

/** A location's last reading as stored is read back whatever a hand-edited archive left in it, nulls included. */
class StoredReadingTest {

    @Test
    void nullsInTheStoredProblemsAreNothingToShow() {
        for (String stored : List.of("null", "[null]", "[]", "not json", "")) {
            assertEquals(List.of(), LocationApplier.problems(location(stored)), stored);
        }
        List<Reading.Problem> read = LocationApplier.problems(
                location("[null, {\"level\": null, \"message\": \"m\"}, {\"level\": \"error\", \"message\": \"e\"}]"));
        assertEquals(2, read.size());
        assertFalse(read.get(0).isError(), "a problem of no level is no error");
        assertEquals("e", read.get(1).message());
    }

    private static LocationRecord location(String problems) {
        LocationRecord l = new LocationRecord();
        l.problems = problems;
        return l;
    }
}
