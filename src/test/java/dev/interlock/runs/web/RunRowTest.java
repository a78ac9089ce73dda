package dev.interlock.runs.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.interlock.runs.derive.Health;

/** How a run's branch reads on a page. */
class RunRowTest {

    @Test
    void aBranchReadsWithoutInvisibleCharactersAndSaysWhatItIs() {
        assertEquals("pull request fix/x", RunRow.branch(view("\u202Efix\u0001/x\u200B", "proposal")));
        assertEquals("branch main", RunRow.branch(view("main", "main")));
    }

    /** A producer's message reads as written: a right-to-left override in it is left out, its lines are kept. */
    @Test
    void anErrorIsShownWithoutCharactersThatTurnItAround() {
        Health.RunView failed = timed(
                "failed",
                null,
                "2026-12-03T18:04:10Z",
                "2026-12-03T18:19:55Z",
                null,
                "load \u202Edesrever\u202C failed\nline 2");
        RunRow row = RunRow.of(failed);
        assertEquals("load desrever failed\nline 2", row.error());
        assertEquals(false, row.title().contains("\u202E"), row.title());
    }

    /** A finished run is told by its end, one still going by its start, a missed one by its tick. */
    @Test
    void aRunsTimeSaysWhichTimeItIs() {
        String start = "2026-12-03T18:04:10Z", end = "2026-12-03T18:19:55Z";
        assertEquals(
                "ended 2026-12-03 18:19 UTC",
                RunRow.of(timed("failed", null, start, end, null)).at());
        assertEquals(
                "started 2026-12-03 18:04 UTC",
                RunRow.of(timed("running", null, start, null, null)).at());
        assertEquals(
                "queued 2026-12-03 18:04 UTC",
                RunRow.of(timed("queued", start, null, null, null)).at());
        assertEquals(
                "for the tick at 2026-12-03 18:00 UTC",
                RunRow.of(timed("missed", null, null, null, "2026-12-03T18:00:00Z"))
                        .at());
    }

    private static Health.RunView timed(String state, String queued, String start, String end, String tick) {
        return timed(state, queued, start, end, tick, null);
    }

    private static Health.RunView timed(
            String state, String queued, String start, String end, String tick, String error) {
        return new Health.RunView(
                "1",
                state,
                queued,
                start,
                end,
                null,
                tick,
                null,
                null,
                null,
                null,
                error,
                "openlineage",
                false,
                "job",
                null,
                null,
                null,
                true);
    }

    private static Health.RunView view(String branch, String kind) {
        return new Health.RunView(
                "1", "failed", null, null, null, null, null, null, null, null, null, null, "github", false, "job", null,
                branch, kind, false);
    }
}
