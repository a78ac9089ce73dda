package dev.interlock.runs.derive;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.interlock.runs.Run;

/**
 * The health answer of one pipeline (runs.md §4; field names are the contract), each figure with its evidence: the
 * run ids (and links) it came from.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Health(
        String entityRef,
        String title,
        String family,
        String owner,
        String status,
        List<String> reasons,
        RunView lastRun,
        String lastSuccessAt,
        RunView lastSuccess,
        Freshness freshness,
        SuccessRate successRate,
        DurationFigure duration,
        int missedTicks7d,
        List<String> missedTicks,
        Episode episode,
        Long mttrSeconds,
        List<String> restorers,
        int unnamedRestores,
        Double manualShare30d,
        String effectiveDataTime,
        List<Culprit> culprits,
        List<String> downstream,
        JudgedBranches judgedBranches,
        String evaluatedAt) {

    /** Every status a pipeline can have, worst first (the order of lists and filters). */
    public static final List<String> STATUSES =
            List.of("failing", "late", "degraded", "upstream", "healthy", "unknown");

    /**
     * A status's place in {@link #STATUSES}, worst first: the one rule lists sort by. What is no status (a pipeline
     * whose health is not known yet) ranks with unknown.
     */
    public static int rank(String status) {
        // An immutable list's indexOf throws on null.
        int i = status == null ? -1 : STATUSES.indexOf(status);
        return i < 0 ? STATUSES.indexOf("unknown") : i;
    }

    /** A run in the API (runs.md §4). */
    public record RunView(
            String runId,
            String state,
            String queuedAt,
            String startedAt,
            String endedAt,
            Long durationSeconds,
            String nominalTime,
            String trigger,
            String actor,
            Integer attempt,
            String url,
            String error,
            String format,
            boolean manual,
            String job,
            String lateForTick,
            String branch,
            String branchKind,
            boolean countsForHealth) {

        /** A run's view. */
        public static RunView of(Run r) {
            return of(r, null);
        }

        /**
         * A run's view, marked late for a tick whose window had closed when it started ({@code null}: not late).
         */
        public static RunView of(Run r, java.time.Instant lateForTick) {
            return of(r, lateForTick, true);
        }

        /**
         * A run's view, marked late as above, and saying whether its pipeline's health counts it (a pull request's
         * run does not, see {@link dev.interlock.runs.bind.PipelineInfo#judges}).
         */
        public static RunView of(Run r, java.time.Instant lateForTick, boolean countsForHealth) {
            if (r == null) {
                return null;
            }
            return new RunView(
                    r.runKey(),
                    r.state().word(),
                    iso(r.queuedAt()),
                    iso(r.startedAt()),
                    iso(r.endedAt()),
                    r.duration() == null ? null : r.duration().toSeconds(),
                    iso(r.nominalTime()),
                    r.trigger(),
                    r.actor(),
                    r.attempt(),
                    r.url(),
                    r.error(),
                    r.format(),
                    r.manual(),
                    r.job().label(),
                    iso(lateForTick),
                    r.branch(),
                    r.branchKind() == null ? null : r.branchKind().word(),
                    countsForHealth);
        }
    }

    /** Age of the last success against {@code slo.freshness}. */
    public record Freshness(Long ageSeconds, Long sloSeconds, boolean breached, String evidence) {}

    /** Succeeded / finished over 30 days against {@code slo.successRate}; evidence: the failed and missed runs. */
    public record SuccessRate(Double value, Double slo, int finished, boolean breached, List<String> failedRuns) {}

    /**
     * p50 and p95 durations over 30 days against {@code slo.maxDuration} ({@code breached}: the p95 is over it);
     * evidence: the p95 run. {@code overrunning} runs are still going longer than the SLO (a hung job, a lost end
     * event), the first of them, oldest first, in {@code overrunningRuns}.
     */
    public record DurationFigure(
            Long p50Seconds,
            Long p95Seconds,
            Long sloSeconds,
            boolean breached,
            String p95Run,
            int overrunning,
            List<String> overrunningRuns) {}

    /** The open failure episode. */
    public record Episode(boolean open, String since, int runs, List<String> runIds) {}

    /**
     * Whose GitHub runs the health judges ({@code interlock.dev/github-branch}, see
     * {@link dev.interlock.runs.bind.PipelineInfo#judges}): {@code scope} {@code "default"} (the repository's default
     * branch, when the annotation is absent), {@code "named"} (the branches of {@code patterns}, not proposals from
     * them) or {@code "all"} ({@code *} alone). Absent ({@code null}) for a pipeline that claims no GitHub workflow:
     * other formats carry no branch and all their runs count.
     */
    public record JudgedBranches(String scope, List<String> patterns) {

        /** What a pipeline's annotations say. */
        public static JudgedBranches of(dev.interlock.runs.bind.PipelineInfo p) {
            if (p.githubSlug() == null || p.githubWorkflows().isEmpty()) {
                return null;
            }
            List<String> patterns = p.githubBranches();
            if (patterns.equals(List.of("*"))) {
                return new JudgedBranches("all", patterns);
            }
            return new JudgedBranches(patterns.isEmpty() ? "default" : "named", patterns);
        }
    }

    /** A pipeline on the way to the stale data, the last one being the culprit. */
    public record Culprit(String entityRef, String status, String since, String title) {}

    static String iso(java.time.Instant t) {
        return t == null ? null : t.toString();
    }
}
