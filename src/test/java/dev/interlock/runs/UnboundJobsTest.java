package dev.interlock.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The order of the unclaimed jobs, whatever order the database groups them in (a stub store gives the rows). */
class UnboundJobsTest {

    private static final Instant SEEN = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void jobsLastSeenAtTheSameMomentAreListedByJobAfterThoseSeenLater() {
        UnboundJobs unbound = new UnboundJobs();
        unbound.store = new RunStore() {
            @Override
            public List<Run> unboundJobs() {
                return List.of(
                        job("zz-load", SEEN),
                        job("aa-load", SEEN),
                        job("later", SEEN.plusSeconds(1)),
                        job("mm-load", SEEN));
            }
        };
        assertEquals(
                List.of("ns/later", "ns/aa-load", "ns/mm-load", "ns/zz-load"),
                unbound.list().stream().map(UnboundJobs.Job::job).toList());
    }

    /** A job's row as {@link RunStore#unboundJobs()} gives it: its latest run's time, no pipeline. */
    private static Run job(String name, Instant seen) {
        return TestRuns.succeeded("run-" + name, name, null, seen, null);
    }
}
