package dev.interlock.runs.derive;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.interlock.runs.bind.PipelineDirectory;

/** {@link LineageLoops}: the pipelines that read, through others, what they write, and no others. */
class LineageLoopsTest {

    /** A snapshot of these edges, each {@code {reader, writer}}: the reader reads what the writer writes. */
    private static PipelineDirectory.Snapshot snapshot(String[]... edges) {
        Map<String, Set<String>> upstream = new HashMap<>();
        Map<String, Set<String>> downstream = new HashMap<>();
        Map<String, dev.interlock.runs.bind.PipelineInfo> pipelines = new HashMap<>();
        for (String[] e : edges) {
            upstream.computeIfAbsent(e[0], k -> new HashSet<>()).add(e[1]);
            downstream.computeIfAbsent(e[1], k -> new HashSet<>()).add(e[0]);
            pipelines.put(e[0], null);
            pipelines.put(e[1], null);
        }
        return new PipelineDirectory.Snapshot(1, pipelines, upstream, downstream, Map.of(), null);
    }

    @Test
    void membersOfALoopAreInItAndItsReadersAndFeedersAreNot() {
        // ingest -> model -> sync -> ingest is the loop; feed writes what ingest reads; dash reads the model.
        LineageLoops loops = LineageLoops.of(snapshot(
                new String[] {"model", "ingest"},
                new String[] {"sync", "model"},
                new String[] {"ingest", "sync"},
                new String[] {"ingest", "feed"},
                new String[] {"dash", "model"},
                new String[] {"other", "other2"},
                new String[] {"other2", "other"}));
        assertTrue(loops.sameLoop("ingest", "model"));
        assertTrue(loops.sameLoop("sync", "ingest"));
        assertFalse(loops.sameLoop("dash", "model"));
        assertFalse(loops.sameLoop("feed", "ingest"));
        assertFalse(loops.sameLoop("dash", "dash"), "a pipeline alone is in no loop");
        assertTrue(loops.sameLoop("other", "other2"));
        assertFalse(loops.sameLoop("other", "ingest"), "two loops are two");
    }

    @Test
    void aLongChainIsWalkedWithoutRecursion() {
        String[][] edges = new String[20_001][];
        for (int i = 0; i < 20_000; i++) {
            edges[i] = new String[] {"p" + (i + 1), "p" + i};
        }
        edges[20_000] = new String[] {"p0", "p20000"};
        LineageLoops loops = LineageLoops.of(snapshot(edges));
        assertTrue(loops.sameLoop("p0", "p19999"));
    }
}
