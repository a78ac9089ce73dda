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
     * @param items the jobs on this page, most recently seen first, then by job
     * @param totalItems the unbound jobs on every page
     * @param nextCursor where the next page starts, or {@code null} on the last
     */
    public record Page(List<Job> items, int totalItems, String nextCursor) {}

    /**
     * An unbound job as listed, before it is named or its runs are counted: a list holds thousands, a page names and
     * counts a few. Jobs that one snippet claims together are one entry, as the latest of them, with all their keys.
     */
    private record Listed(JobId id, List<String> keys, Instant lastSeen, String annotations) {

        /** The entry of the jobs one snippet claims: where it is ordered and named. */
        String snippetKey() {
            return id.format() + "\n" + annotations;
        }

        /** The entry of jobs one snippet claims, latest first: the first of them, with every one's keys. */
        static Listed of(List<Listed> latestFirst) {
            Listed latest = latestFirst.get(0);
            List<String> keys =
                    latestFirst.stream().flatMap(j -> j.keys.stream()).toList();
            return new Listed(latest.id, keys, latest.lastSeen, latest.annotations);
        }

        Position position() {
            return new Position(lastSeen, id.key());
        }

        /** Whether its name, namespace or label holds every word of a search text (lower case). */
        boolean matches(String words) {
            String text = (id.label() + "\n" + id.namespace() + "/" + id.name()).toLowerCase(Locale.ROOT);
            return Stream.of(words.split("\\s+")).allMatch(text::contains);
        }

        Job job(String name, long runs) {
            return new Job(
                    id.format(),
                    id.label(),
                    id.namespace(),
                    id.name(),
                    runs,
                    lastSeen.toString(),
                    annotations,
                    name,
                    snippet(name, annotations, id.format()));
        }
    }

    /** Where a page ends: its last job's last-seen time and key, as the list is ordered by them. */
    private record Position(Instant lastSeen, String key) implements Comparable<Position> {

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
    RunJobs jobs;

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
        List<Listed> all = listed().stream()
                .filter(j -> words.isEmpty() || j.matches(words))
                .toList();
        List<Listed> rest = new ArrayList<>();
        for (Listed j : all) {
            if (after == null || j.position().compareTo(after) > 0) {
                rest.add(j);
            }
        }
        List<Listed> items = rest.subList(0, Math.min(limit, rest.size()));
        String next = rest.size() > limit ? items.get(limit - 1).position().cursor() : null;
        return Optional.of(new Page(named(items), all.size(), next));
    }

    /**
     * Unbound jobs, most recently seen first, then by job (its key starts with its format), unnamed. Jobs that one
     * snippet claims together are one entry, as the latest of them, with all their keys (a page counts their runs):
     * each build of a Jenkins job is a source of its own (its URL), and one registration takes them all.
     */
    private List<Listed> listed() {
        // Grouped, then each group made one entry: thousands of a Jenkins job's builds are not copied build by build.
        Map<String, List<Listed>> bySnippet = new LinkedHashMap<>();
        jobs.unclaimed().stream()
                .map(r -> new Listed(r.job(), List.of(r.key()), r.lastSeen(), Bindings.annotationsFor(r.job())))
                // Jobs last seen at the same moment (one tool's batch) keep one order from page to page.
                .sorted(Comparator.comparing(Listed::lastSeen).reversed().thenComparing(j -> j.id().key()))
                .forEach(j -> bySnippet
                        .computeIfAbsent(j.snippetKey(), k -> new ArrayList<>())
                        .add(j));
        return bySnippet.values().stream().map(Listed::of).toList();
    }

    /**
     * The jobs, each with its unclaimed runs counted and a suggested name that no entity in the catalog has, nor an
     * earlier job of the list: a snippet registered as offered makes a pipeline, never updates one that has its name
     * (it would take over that pipeline).
     */
    private List<Job> named(List<Listed> page) {
        Map<String, Long> runs = this.jobs.unclaimedRuns(
                page.stream().flatMap(j -> j.keys().stream()).toList());
        Map<Listed, List<String>> candidates = new LinkedHashMap<>();
        page.forEach(j -> candidates.put(j, Bindings.suggestedNames(j.id())));
        Set<String> taken = new HashSet<>();
        queries.existing(candidates.values().stream()
                        .flatMap(List::stream)
                        .map(n -> new EntityRef("component", EntityRef.DEFAULT_NAMESPACE, n).toString())
                        .toList())
                .forEach(ref -> taken.add(EntityRef.ofCanonical(ref).name()));
        List<Job> out = new ArrayList<>();
        candidates.forEach((j, names) -> {
            String name =
                    names.stream().filter(n -> !taken.contains(n)).findFirst().orElse(names.get(0));
            taken.add(name);
            out.add(j.job(
                    name,
                    j.keys().stream().mapToLong(k -> runs.getOrDefault(k, 0L)).sum()));
        });
        return List.copyOf(out);
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
