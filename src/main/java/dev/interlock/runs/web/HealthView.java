package dev.interlock.runs.web;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.pipeline.SinglePointsOfFailure;
import dev.interlock.runs.bind.Contest;
import dev.interlock.runs.derive.Health;
import dev.interlock.runs.derive.HealthCalculator;
import dev.interlock.runs.derive.Percents;
import dev.interlock.web.TemplateExtensions;

/**
 * A pipeline's health as pages show it: the status in words (and a symbol, and colour by class), why, the chain to
 * the culprit, the last runs as a strip, and each figure against its SLO in words.
 */
public record HealthView(
        String ref,
        String href,
        String runsHref,
        String name,
        String title,
        String status,
        String statusWord,
        String symbol,
        List<String> reasons,
        List<Link> culprits,
        List<RunRow> strip,
        RunRow lastRun,
        String lastSuccess,
        String freshness,
        String successRate,
        String duration,
        int missedTicks7d,
        String episode,
        String mttr,
        List<Restorer> restorers,
        int unnamedRestores,
        String manualShare,
        String effectiveDataTime,
        boolean attention,
        List<Link> downstream,
        List<SharedClaim> shared) {

    /**
     * One who restored a failure, as the run source named them: by name, linked when it is an entity of the catalog
     * (a person, or a service account's component); {@code href} is {@code null} otherwise.
     */
    public record Restorer(String name, String href) {

        static Restorer of(String named, Set<String> existing) {
            Optional<EntityRef> ref = SinglePointsOfFailure.restorerRef(named);
            if (ref.isEmpty()) {
                return new Restorer(named, null);
            }
            EntityRef r = ref.get();
            String name = r.kind().equals("user") ? r.name() : r.name() + " (" + r.kind() + ")";
            return new Restorer(name, existing.contains(r.toString()) ? TemplateExtensions.href(r) : null);
        }
    }

    /** A link to a pipeline, with its status. */
    public record Link(String href, String name, String status, String statusWord, String since) {}

    /**
     * A job this pipeline claims that another pipeline claims too, with a link to the other.
     *
     * @param theirs whether the other pipeline keeps the job's runs (it was registered earlier)
     * @param sameMoment whether the pipeline that keeps the runs was registered at the same moment as this one (or, when
     *     this one keeps them, as the other), so it keeps them by being first by reference
     * @param keeperHref a third pipeline that keeps them (registered before both, or at the same moment as this one and
     *     first by reference), or null
     * @param more instead of one other pipeline, the others past the first few, counted ({@link Contest.Said}), or
     *     null
     */
    public record SharedClaim(
            String claim,
            String otherHref,
            String other,
            boolean theirs,
            boolean sameMoment,
            String keeperHref,
            String keeper,
            String more) {

        static SharedClaim of(Contest c) {
            EntityRef third = c.thirdKeeper();
            return new SharedClaim(
                    c.claim(),
                    TemplateExtensions.href(c.other()),
                    c.other().toString(),
                    c.othersKeep(),
                    c.sameMoment(),
                    third == null ? null : TemplateExtensions.href(third),
                    third == null ? null : third.toString(),
                    null);
        }

        /** The contests of each claim as they are said: a few one by one, the rest counted in one line. */
        static List<SharedClaim> of(List<Contest> contests) {
            List<SharedClaim> out = new java.util.ArrayList<>();
            for (Contest.Said s : Contest.said(contests)) {
                s.said().forEach(c -> out.add(of(c)));
                if (!s.more().isEmpty()) {
                    out.add(new SharedClaim(s.claim(), null, null, false, false, null, null, s.moreText()));
                }
            }
            return out;
        }
    }

    /** The view without the claims it shares, as lists of pipelines show it. */
    static HealthView of(Health h, List<Health.RunView> recent) {
        return of(h, recent, List.of(), Set.of());
    }

    /** The view of a pipeline's own page: its last runs and the jobs it shares with other pipelines. */
    static HealthView of(Health h, List<Health.RunView> recent, List<Contest> contests, Set<String> existing) {
        EntityRef ref = EntityRef.ofCanonical(h.entityRef());
        String href = href(ref);
        List<Link> culprits = h.culprits().stream()
                .map(c -> link(c.entityRef(), c.status(), c.since()))
                .toList();
        List<Link> downstream =
                h.downstream().stream().map(d -> link(d, null, null)).toList();
        String fresh = h.freshness().ageSeconds() == null
                ? "no success reported"
                : "last success " + HealthCalculator.human(h.freshness().ageSeconds()) + " ago"
                        + (h.freshness().sloSeconds() == null
                                ? " (no freshness SLO)"
                                : ", SLO "
                                        + HealthCalculator.human(h.freshness().sloSeconds())
                                        + (h.freshness().breached() ? " — breached" : " — met"));
        String rate = h.successRate().value() == null
                ? "no finished runs in 30 days"
                : Percents.rate(h.successRate().value(), h.successRate().slo()) + " of "
                        + h.successRate().finished()
                        + (h.successRate().finished() == 1 ? " finished run" : " finished runs")
                        + (h.successRate().slo() == null
                                ? " (no SLO)"
                                : ", SLO " + Percents.slo(h.successRate().slo())
                                        + (h.successRate().breached() ? " — below" : " — met"));
        String dur = h.duration().p50Seconds() == null
                ? "no timed runs in 30 days"
                : "p50 " + HealthCalculator.human(h.duration().p50Seconds()) + ", p95 "
                        + HealthCalculator.human(h.duration().p95Seconds())
                        + (h.duration().sloSeconds() == null
                                ? " (no SLO)"
                                : ", SLO " + HealthCalculator.human(h.duration().sloSeconds())
                                        + (h.duration().breached() ? " — over" : " — met"));
        if (h.duration().overrunning() > 0) {
            int n = h.duration().overrunning();
            dur += "; " + n + (n == 1 ? " run" : " runs") + " queued or running past its "
                    + HealthCalculator.human(h.duration().sloSeconds()) + " SLO";
        }
        String episode = h.episode().open()
                ? "open since " + RunRow.time(h.episode().since()) + ", "
                        + h.episode().runs() + (h.episode().runs() == 1 ? " run" : " runs")
                : "none open";
        return new HealthView(
                h.entityRef(),
                href,
                "/runs/" + ref.namespace() + "/" + ref.name(),
                ref.name(),
                h.title() == null ? ref.name() : h.title(),
                h.status(),
                word(h.status()),
                symbol(h.status()),
                h.reasons(),
                culprits,
                recent.stream().map(RunRow::of).toList(),
                h.lastRun() == null ? null : RunRow.of(h.lastRun()),
                RunRow.time(h.lastSuccessAt()),
                fresh,
                rate,
                dur,
                h.missedTicks7d(),
                episode,
                h.mttrSeconds() == null ? "no failure restored in 90 days" : HealthCalculator.human(h.mttrSeconds()),
                h.restorers().stream().map(r -> Restorer.of(r, existing)).toList(),
                h.unnamedRestores(),
                h.manualShare30d() == null
                        ? "–"
                        : String.format("%.0f%% of runs in 30 days started by hand", h.manualShare30d() * 100),
                RunRow.time(h.effectiveDataTime()),
                !h.status().equals("healthy") && !h.status().equals("unknown"),
                downstream,
                SharedClaim.of(contests));
    }

    static Link link(String ref, String status, String since) {
        EntityRef r = EntityRef.ofCanonical(ref);
        return new Link(href(r), r.name(), status, status == null ? null : word(status), RunRow.time(since));
    }

    static String href(EntityRef r) {
        return TemplateExtensions.href(r);
    }

    /** The status in words. */
    public static String word(String status) {
        return switch (status) {
            case "failing" -> "Failing";
            case "late" -> "Late";
            case "degraded" -> "Degraded";
            case "upstream" -> "Stale upstream";
            case "healthy" -> "Healthy";
            // Unknown: no runs reported, or none has succeeded or failed yet (the reasons say which).
            default -> "No result yet";
        };
    }

    static String symbol(String status) {
        return switch (status) {
            case "failing" -> "✗";
            case "late" -> "◔";
            case "degraded" -> "◐";
            case "upstream" -> "↑";
            case "healthy" -> "✓";
            default -> "?";
        };
    }
}
