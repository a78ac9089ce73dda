package dev.interlock.runs;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    @Inject
    RunStore store;

    /**
     * Unbound jobs, most recently seen first, then by job (its key starts with its format). Jobs that one snippet
     * claims together are one entry, named as the latest of them, with all their runs: each build of a Jenkins job
     * is a source of its own (its URL), and one registration takes them all.
     */
    public List<Job> list() {
        Map<String, Job> bySnippet = new LinkedHashMap<>();
        store.unboundJobs().stream()
                // Jobs last seen at the same moment (one tool's batch) keep one order from page to page.
                .sorted(Comparator.comparing(Run::sortTime)
                        .reversed()
                        .thenComparing(r -> r.job().key()))
                .map(r -> job(r.job(), r.events(), r.sortTime().toString()))
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

    static Job job(JobId id, long runs, String lastSeen) {
        String name = Bindings.suggestedName(id);
        String annotations = Bindings.annotationsFor(id);
        String family = id.format().equals("openlineage") ? "data" : "delivery";
        String yaml = """
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
        return new Job(id.format(), id.label(), id.namespace(), id.name(), runs, lastSeen, annotations, name, yaml);
    }
}
