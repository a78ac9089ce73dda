package dev.interlock.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Notices of run changes stay under PostgreSQL's payload limit and name every pipeline once, after the origin. */
class RunNoticesTest {

    @Test
    void manyReferencesAreSplitOverNoticesUnderTheLimit() {
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            refs.add("component:default/pipeline-with-a-long-name-" + i);
        }
        List<String> payloads = RunNotices.payloads("origin", refs);
        assertTrue(payloads.size() > 1);
        List<String> back = new ArrayList<>();
        for (String p : payloads) {
            assertTrue(p.length() <= 7_000, "under PostgreSQL's 8000-byte limit: " + p.length());
            String[] lines = p.split("\n");
            assertEquals("origin", lines[0]);
            back.addAll(List.of(lines).subList(1, lines.length));
        }
        assertEquals(refs, back);
    }

    @Test
    void fewReferencesMakeOneNotice() {
        assertEquals(List.of("o\na\nb"), RunNotices.payloads("o", List.of("a", "b")));
    }
}
