package dev.interlock.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.interlock.runs.ingest.JobId;

/** The order of the unclaimed jobs, whatever order the database groups them in (a stub store gives the rows). */
class UnboundJobsTest {

    private static final Instant SEEN = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void jobsLastSeenAtTheSameMomentAreListedByJobAfterThoseSeenLater() {
        UnboundJobs unbound = new UnboundJobs();
        unbound.store = new RunStore() {
            @Override
            public List<JobRuns> unboundJobs() {
                return List.of(
                        job("zz-load", SEEN),
                        job("aa-load", SEEN),
                        job("later", SEEN.plusSeconds(1)),
                        job("mm-load", SEEN));
            }
        };
        unbound.queries = noEntities();
        assertEquals(
                List.of("ns/later", "ns/aa-load", "ns/mm-load", "ns/zz-load"),
                unbound.page(null, null, 10).orElseThrow().items().stream()
                        .map(UnboundJobs.Job::job)
                        .toList());
    }

    @Test
    void aPageEndsAtAPositionSoAJobSeenAgainIsNotRepeatedButMovesToTheFirstPage() {
        List<JobRuns> rows = new java.util.ArrayList<>(List.of(
                job("a", SEEN.plusSeconds(3)),
                job("b", SEEN.plusSeconds(2)),
                job("c", SEEN.plusSeconds(1)),
                job("d", SEEN)));
        UnboundJobs unbound = new UnboundJobs();
        unbound.store = new RunStore() {
            @Override
            public List<JobRuns> unboundJobs() {
                return List.copyOf(rows);
            }
        };
        unbound.queries = noEntities();
        UnboundJobs.Page first = unbound.page(null, null, 2).orElseThrow();
        assertEquals(
                List.of("ns/a", "ns/b"),
                first.items().stream().map(UnboundJobs.Job::job).toList());
        assertEquals(4, first.totalItems());
        // c reports again before the next page is asked for: it moves to the first page (not on the next), which holds
        // d.
        rows.set(2, job("c", SEEN.plusSeconds(10)));
        UnboundJobs.Page second = unbound.page(null, first.nextCursor(), 2).orElseThrow();
        assertEquals(
                List.of("ns/d"),
                second.items().stream().map(UnboundJobs.Job::job).toList());
        assertEquals(null, second.nextCursor());
        assertEquals(java.util.Optional.empty(), unbound.page(null, "not-a-cursor", 2));
    }

    /** A catalog that holds none of the names a page offers. */
    private static dev.interlock.catalog.CatalogQueries noEntities() {
        return new dev.interlock.catalog.CatalogQueries() {
            @Override
            public java.util.Set<String> existing(java.util.Collection<String> refs) {
                return java.util.Set.of();
            }
        };
    }

    /** A job's row as {@link RunStore#unboundJobs()} gives it: two runs, the latest started when it was seen. */
    private static JobRuns job(String name, Instant seen) {
        return new JobRuns(new JobId("openlineage", "ns", name, null), null, 2, seen, null, null);
    }
}
