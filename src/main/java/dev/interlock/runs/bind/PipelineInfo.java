package dev.interlock.runs.bind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import dev.interlock.descriptor.EntityRef;

/**
 * What runs need to know about one pipeline of the catalog: how its events are claimed, its schedule and SLOs, and
 * its place in the lineage.
 *
 * @param openLineageJobs {@code openlineage.io/job} patterns ({@code namespace/name}, {@code *} wildcards)
 * @param cdeventsPipelines {@code cdevents.dev/pipeline} patterns
 * @param cdeventsSource {@code cdevents.dev/source}, or {@code null} for any source
 * @param githubSlug {@code github.com/project-slug}, or {@code null}
 * @param githubWorkflows {@code github.com/workflow} patterns (path or name)
 * @param grace how long after a tick a run may start and still count for it
 * @param after canonical references of its {@code trigger.after} pipelines
 */
public record PipelineInfo(
        String ref,
        String title,
        String family,
        String owner,
        Instant registeredAt,
        List<String> openLineageJobs,
        List<String> cdeventsPipelines,
        String cdeventsSource,
        String githubSlug,
        List<String> githubWorkflows,
        String schedule,
        ZoneId timezone,
        Duration grace,
        Duration freshnessSlo,
        Double successRateSlo,
        Duration maxDurationSlo,
        List<String> after,
        List<String> inputs,
        List<String> outputs) {

    /** Whether the pipeline claims events through any annotation. */
    public boolean claimsEvents() {
        return !openLineageJobs.isEmpty()
                || !cdeventsPipelines.isEmpty()
                || githubSlug != null && !githubWorkflows.isEmpty();
    }

    /** The pipeline's name (last part of its reference). */
    public String name() {
        return EntityRef.ofCanonical(ref).name();
    }
}
