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
 * @param githubBranches {@code interlock.dev/github-branch} patterns (as {@code github.com/workflow}'s): the branches
 *        whose GitHub runs its health judges, {@code *} alone for every run, none for the repository's main line
 * @param grace how long after a tick a run may start and still count for it
 * @param after canonical references of its {@code trigger.after} pipelines
 * @param scheduleSince when its schedule (cron or timezone) last changed after registration, or {@code null}: ticks
 *        before it are not judged against this schedule; only a change within {@link #TICKS_JUDGED} is kept, as an
 *        older one changes no tick judged
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
        List<String> githubBranches,
        String schedule,
        ZoneId timezone,
        Duration grace,
        Duration freshnessSlo,
        Double successRateSlo,
        Duration maxDurationSlo,
        List<String> after,
        List<String> inputs,
        List<String> outputs,
        Instant scheduleSince) {

    /** How far back from now a schedule's ticks are judged for missed runs: thirty days, and a day for late ones. */
    public static final Duration TICKS_JUDGED = Duration.ofDays(31);

    /** Whether the pipeline claims events through any annotation. */
    public boolean claimsEvents() {
        return !openLineageJobs.isEmpty()
                || !cdeventsPipelines.isEmpty()
                || githubSlug != null && !githubWorkflows.isEmpty();
    }

    /**
     * Whether the pipeline's health judges this run. A run of a branch (GitHub's) counts when it built the pipeline's
     * main line by default (its default branch, or no branch: a release, a schedule), or a branch the pipeline names
     * (patterns such as {@code release/*}; not a proposed change from it), or any run with {@code *} alone. A pull
     * request's failing run is the author's to fix, not a sign that the pipeline is broken. Runs of formats that carry
     * no branch always count.
     */
    public boolean judges(dev.interlock.runs.Run run) {
        if (run.branch() == null || githubBranches.equals(List.of("*"))) {
            return true;
        }
        if (!githubBranches.isEmpty()) {
            return run.branchKind() != dev.interlock.runs.BranchKind.PROPOSAL
                    && githubBranches.stream()
                            .anyMatch(b -> JobPatterns.isWildcard(b)
                                    ? JobPatterns.compiled(b).matches(run.branch())
                                    : JobPatterns.literal(b).equals(run.branch()));
        }
        return run.branchKind() == null || run.branchKind() == dev.interlock.runs.BranchKind.MAIN;
    }

    /** The same pipeline, its schedule in force since {@code since}. */
    public PipelineInfo withScheduleSince(Instant since) {
        return new PipelineInfo(
                ref,
                title,
                family,
                owner,
                registeredAt,
                openLineageJobs,
                cdeventsPipelines,
                cdeventsSource,
                githubSlug,
                githubWorkflows,
                githubBranches,
                schedule,
                timezone,
                grace,
                freshnessSlo,
                successRateSlo,
                maxDurationSlo,
                after,
                inputs,
                outputs,
                since);
    }

    /** The pipeline's name (last part of its reference). */
    public String name() {
        return EntityRef.ofCanonical(ref).name();
    }
}
