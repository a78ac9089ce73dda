package dev.interlock.runs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.runs.bind.Bindings;
import dev.interlock.runs.ingest.JobId;

/**
 * Jobs whose runs no pipeline claims, grouped by job identity, each with a YAML snippet that would register it:
 * run traffic reveals pipelines nobody catalogued.
 */
@ApplicationScoped
public class UnboundJobs {

    /** One unbound job. */
    public record Job(
            String format,
            String job,
            String namespace,
            String name,
            long runs,
            String lastSeen,
            String annotations,
            String suggestedName,
            String yaml) {}

    /**
     * A page of unbound jobs.
     *
     * @param items the jobs on this page, in the order of {@link #list()}
     * @param totalItems the unbound jobs on every page
     * @param nextCursor where the next page starts, or {@code null} on the last
     */
    public record Page(List<Job> items, int totalItems, String nextCursor) {}

    /** Where a page ends: its last job's last-seen time and key, as the list is ordered by them. */
    private record Position(Instant lastSeen, String key) implements Comparable<Position> {

        static Position of(Job j) {
            return new Position(Instant.parse(j.lastSeen()), j.format() + ":" + j.namespace() + "|" + j.name());
        }

        @Override
        public int compareTo(Position o) {
            int byTime = o.lastSeen.compareTo(lastSeen);
            return byTime != 0 ? byTime : key.compareTo(o.key);
        }

        String cursor() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((lastSeen + "\n" + key).getBytes(StandardCharsets.UTF_8));
        }

        static Optional<Position> read(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                return nl < 0
                        ? Optional.empty()
                        : Optional.of(new Position(Instant.parse(text.substring(0, nl)), text.substring(nl + 1)));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    @Inject
    RunStore store;

    @Inject
    CatalogQueries queries;

    /**
     * The unbound jobs whose name, namespace or label hold every word of {@code search} (any case; every job when it is
     * {@code null} or blank), after a cursor of an earlier page ({@code null} for the first), at most {@code limit};
     * empty when the cursor is not one this class gave out. A cursor names a position, not an index, so the pages that
     * follow never repeat a job; a job that reports again meanwhile moves to the front, onto the first page.
     */
    public Optional<Page> page(String search, String cursor, int limit) {
        Position after = null;
        if (cursor != null) {
            Optional<Position> read = Position.read(cursor);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            after = read.get();
        }
        String words = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        List<Job> all = list().stream()
                .filter(j -> words.isEmpty() || matches(j, words))
                .toList();
        List<Job> rest = new ArrayList<>();
        for (Job j : all) {
            if (after == null || Position.of(j).compareTo(after) > 0) {
                rest.add(j);
            }
        }
        List<Job> items = named(rest.subList(0, Math.min(limit, rest.size())));
        String next = rest.size() > limit ? Position.of(items.get(limit - 1)).cursor() : null;
        return Optional.of(new Page(items, all.size(), next));
    }

    /**
     * Unbound jobs, most recently seen first, then by job (its key starts with its format). Jobs that one snippet
     * claims together are one entry, named as the latest of them, with all their runs: each build of a Jenkins job
     * is a source of its own (its URL), and one registration takes them all.
     */
    public List<Job> list() {
        Map<String, Job> bySnippet = new LinkedHashMap<>();
        store.unboundJobs().stream()
                // Jobs last seen at the same moment (one tool's batch) keep one order from page to page.
                .sorted(Comparator.comparing(UnboundJobs::lastSeen)
                        .reversed()
                        .thenComparing(r -> r.job().key()))
                .map(r -> job(r.job(), r.events(), lastSeen(r).toString()))
                .forEach(j -> bySnippet.merge(
                        j.format() + "\n" + j.annotations(),
                        j,
                        (latest, older) -> new Job(
                                latest.format(),
                                latest.job(),
                                latest.namespace(),
                                latest.name(),
                                latest.runs() + older.runs(),
                                latest.lastSeen(),
                                latest.annotations(),
                                latest.suggestedName(),
                                latest.yaml())));
        return List.copyOf(bySnippet.values());
    }

    /**
     * The jobs, each with a suggested name that no entity in the catalog has, nor an earlier job of the list: a snippet
     * registered as offered makes a pipeline, never updates one that has its name (it would take over that pipeline).
     */
    private List<Job> named(List<Job> jobs) {
        Map<Job, List<String>> candidates = new LinkedHashMap<>();
        jobs.forEach(
                j -> candidates.put(j, Bindings.suggestedNames(new JobId(j.format(), j.namespace(), j.name(), null))));
        Set<String> taken = new HashSet<>();
        queries.existing(candidates.values().stream()
                        .flatMap(List::stream)
                        .map(n -> new EntityRef("component", EntityRef.DEFAULT_NAMESPACE, n).toString())
                        .toList())
                .forEach(ref -> taken.add(EntityRef.ofCanonical(ref).name()));
        List<Job> out = new ArrayList<>();
        candidates.forEach((j, names) -> {
            String name =
                    names.stream().filter(n -> !taken.contains(n)).findFirst().orElse(j.suggestedName());
            taken.add(name);
            out.add(name.equals(j.suggestedName()) ? j : renamed(j, name));
        });
        return List.copyOf(out);
    }

    /**
     * When a job (a row of {@link RunStore#unboundJobs()}: its runs' latest times) was last heard from: its latest
     * run's start, or a later end. A job whose one long run has just ended was seen now, not when that run began.
     */
    private static Instant lastSeen(Run job) {
        return Stream.of(job.endedAt(), job.terminalAt())
                .filter(java.util.Objects::nonNull)
                .filter(t -> t.isAfter(job.sortTime()))
                .max(Comparator.naturalOrder())
                .orElse(job.sortTime());
    }

    /** Whether a job's name, namespace or label holds every word of the search text (lower case). */
    private static boolean matches(Job j, String words) {
        String text = (j.job() + "\n" + j.namespace() + "/" + j.name()).toLowerCase(Locale.ROOT);
        return Stream.of(words.split("\\s+")).allMatch(text::contains);
    }

    static Job job(JobId id, long runs, String lastSeen) {
        String name = Bindings.suggestedName(id);
        String annotations = Bindings.annotationsFor(id);
        return new Job(
                id.format(),
                id.label(),
                id.namespace(),
                id.name(),
                runs,
                lastSeen,
                annotations,
                name,
                snippet(name, annotations, id.format()));
    }

    /** The job with its snippet registering it under another name. */
    private static Job renamed(Job j, String name) {
        return new Job(
                j.format(),
                j.job(),
                j.namespace(),
                j.name(),
                j.runs(),
                j.lastSeen(),
                j.annotations(),
                name,
                snippet(name, j.annotations(), j.format()));
    }

    /** The descriptor that registers a pipeline claiming a job (its annotations), to fill in and register. */
    private static String snippet(String name, String annotations, String format) {
        String family = format.equals("openlineage") ? "data" : "delivery";
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  annotations:
                    %s
                spec:
                  type: pipeline
                  lifecycle: production
                  owner: group:CHANGE-ME
                  pipeline:
                    family: %s
                    maintainers: [user:CHANGE-ME]
                """.formatted(name, annotations, family);
    }
}
