package dev.interlock.runs.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Pipelines' runs are read for their figures in batches that a heap can hold, whatever the pipelines' history. */
class OwnHealthBatchesTest {

    @Test
    void batchesAddUpToTheBudgetInTheOrderGiven() {
        List<String> refs = List.of("a", "b", "c", "d", "e");
        Map<String, Integer> counts = Map.of("a", 40, "b", 50, "c", 20, "d", 90, "e", 10);

        assertEquals(
                List.of(List.of("a", "b"), List.of("c"), List.of("d", "e")), OwnHealthCache.batches(refs, counts, 100));
    }

    @Test
    void aPipelineWithMoreRunsThanTheBudgetIsABatchOfItsOwn() {
        List<String> refs = List.of("quiet", "busy", "other");
        Map<String, Integer> counts = Map.of("quiet", 5, "busy", 1_000, "other", 5);

        assertEquals(
                List.of(List.of("quiet"), List.of("busy"), List.of("other")),
                OwnHealthCache.batches(refs, counts, 100));
    }

    @Test
    void pipelinesWithoutRunsCostNothingAndAnEmptyListGivesNoBatch() {
        assertEquals(
                List.of(List.of("x", "y", "z")), OwnHealthCache.batches(List.of("x", "y", "z"), Map.of("y", 100), 100));
        assertEquals(List.of(), OwnHealthCache.batches(List.of(), Map.of(), 100));
    }
}
