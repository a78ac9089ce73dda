package dev.interlock.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.interlock.runs.ingest.JobId;

/** When a job was last heard from: its latest start, or a later end. */
class JobRunsTest {

    private static final JobId JOB = new JobId("openlineage", "ns", "load", null);
    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void aJobWhoseLongRunHasJustEndedWasSeenAtItsEnd() {
        assertEquals(
                START.plusSeconds(3600), runs(START.plusSeconds(3600), null).lastSeen());
        assertEquals(
                START.plusSeconds(7200),
                runs(START.plusSeconds(3600), START.plusSeconds(7200)).lastSeen());
    }

    @Test
    void aJobWithoutALaterEndWasSeenAtItsLatestStart() {
        assertEquals(START, runs(null, null).lastSeen());
        // An end before the latest start is an earlier run's.
        assertEquals(START, runs(START.minusSeconds(60), START.minusSeconds(60)).lastSeen());
    }

    private static JobRuns runs(Instant end, Instant terminal) {
        return new JobRuns(JOB, null, 3, START, end, terminal);
    }
}
