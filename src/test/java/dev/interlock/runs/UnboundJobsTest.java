package dev.interlock.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.interlock.runs.ingest.JobId;

/** The order of the unclaimed jobs, whatever order the database groups them in (a stub table of jobs gives the rows). */
class UnboundJobsTest {

    private static final Instant SEEN = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void jobsLastSeenAtTheSameMomentAreListedByJobAfterThoseSeenLater() {
        UnboundJobs unbound = new UnboundJobs();
        unbound.jobs = jobs(() -> List.of(
                job("zz-load", SEEN), job("aa-load", SEEN), job("later", SEEN.plusSeconds(1)), job("mm-load", SEEN)));
        unbound.queries = noEntities();
        List<UnboundJobs.Job> items = unbound.page(null, null, 10).orElseThrow().items();
        assertEquals(
                List.of("ns/later", "ns/aa-load", "ns/mm-load", "ns/zz-load"),
                items.stream().map(UnboundJobs.Job::job).toList());
        // Each job's runs are counted for the page.
        assertEquals(
                List.of(2L, 2L, 2L, 2L),
                items.stream().map(UnboundJobs.Job::runs).toList());
    }

    @Test
    void aPageEndsAtAPositionSoAJobSeenAgainIsNotRepeatedButMovesToTheFirstPage() {
        List<RunJobs.Unclaimed> rows = new java.util.ArrayList<>(List.of(
                job("a", SEEN.plusSeconds(3)),
                job("b", SEEN.plusSeconds(2)),
                job("c", SEEN.plusSeconds(1)),
                job("d", SEEN)));
        UnboundJobs unbound = new UnboundJobs();
        unbound.jobs = jobs(() -> List.copyOf(rows));
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

    /** A table of jobs that lists these unclaimed jobs, each with two runs. */
    private static RunJobs jobs(java.util.function.Supplier<List<RunJobs.Unclaimed>> rows) {
        return new RunJobs() {
            @Override
            public List<Unclaimed> unclaimed() {
                return rows.get();
            }

            @Override
            public java.util.Map<String, Long> unclaimedRuns(java.util.Collection<String> jobKeys) {
                // Only the keys the rows hold: a page that asked for other keys would count no runs.
                java.util.Map<String, Long> out = new java.util.HashMap<>();
                rows.get().stream()
                        .map(RunJobs.Unclaimed::key)
                        .filter(jobKeys::contains)
                        .forEach(k -> out.put(k, 2L));
                return out;
            }
        };
    }

    /** A job's row as {@link RunJobs#unclaimed()} gives it. */
    private static RunJobs.Unclaimed job(String name, Instant seen) {
        // The stored key, not one computed from the words (a key past its column's width is cut whole).
        return new RunJobs.Unclaimed("stored:" + name, new JobId("openlineage", "ns", name, null), seen);
    }
}
