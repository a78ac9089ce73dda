package dev.interlock.runs.derive;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.interlock.runs.Run;
import dev.interlock.runs.RunState;
import dev.interlock.runs.bind.PipelineInfo;
import dev.interlock.runs.ingest.JobId;

/**
 * A pipeline's own health figures (runs.md §4) from its runs, its schedule and SLOs, at a given now. Pure: no
 * storage, no clock of its own, so tests can give it any history.
 */
public final class HealthCalculator {

    static final Duration DAYS_7 = Duration.ofDays(7);
    static final Duration DAYS_30 = Duration.ofDays(30);
    static final Duration DAYS_90 = Duration.ofDays(90);
    private static final DateTimeFormatter HM =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private HealthCalculator() {}

    /**
     * Missed runs for the ticks without a run, from the earlier of registration and the first run (not before the
     * schedule last changed, {@link PipelineInfo#scheduleSince}). Only the runs the
     * pipeline {@linkplain PipelineInfo#judges judges} make a tick's run: a pull request's build is not the nightly one.
     */
    public static List<Run> missed(PipelineInfo p, List<Run> all, Instant now) {
        if (p.schedule() == null) {
            return List.of();
        }
        List<Run> runs = all.stream().filter(p::judges).toList();
        Instant first = runs.stream()
                .filter(r -> r.state() != RunState.MISSED)
                .map(Run::sortTime)
                .filter(t -> t != null)
                .min(Comparator.naturalOrder())
                .orElse(p.registeredAt());
        Instant from = first.isBefore(p.registeredAt()) ? first : p.registeredAt();
        // Ticks from before the schedule changed were another schedule's: this one does not judge them.
        if (p.scheduleSince() != null && from.isBefore(p.scheduleSince())) {
            from = p.scheduleSince();
        }
        Instant floor = now.minus(PipelineInfo.TICKS_JUDGED);
        if (from.isBefore(floor)) {
            from = floor;
        }
        List<Instant> starts = runs.stream()
                .filter(r -> r.state() != RunState.MISSED)
                .map(Run::sortTime)
                .filter(t -> t != null)
                .sorted()
                .toList();
        // A run that names its tick (nominalTime) is for that tick; when it started is kept to judge it on time. A
        // missed run already stored for a tick (no start) stands for it: the tick is not missed twice.
        Map<Instant, Instant> nominal = new HashMap<>();
        runs.forEach(r -> {
            if (r.nominalTime() != null) {
                Instant start = r.startedAt() != null ? r.startedAt() : Instant.MIN;
                nominal.merge(r.nominalTime(), start, (a, b) -> a.isBefore(b) ? a : b);
            }
        });
        List<Run> out = new ArrayList<>();
        for (Ticks.Tick tick : Ticks.between(p.schedule(), p.timezone(), p.grace(), from, now)) {
            // A tick is kept by a run that started within its window: one that came after the window closed is late
            // for it (LateRuns) and the tick stays missed, whether the run arrived before the tick was stored as missed
            // or after. A run whose start is unknown keeps its tick.
            Instant forTick = nominal.get(tick.at());
            if ((forTick != null && !forTick.isAfter(tick.windowEnd()))
                    || startedWithin(starts, tick.at().minusSeconds(60), tick.windowEnd())) {
                continue;
            }
            out.add(missedRun(p.ref(), tick));
        }
        return out;
    }

    /** The missed run of a tick, as stored by the missed-run job. */
    public static Run missedRun(String pipelineRef, Ticks.Tick tick) {
        return new Run(
                0,
                "schedule",
                pipelineRef + "@" + tick.at(),
                new JobId("schedule", pipelineRef, "schedule", null),
                pipelineRef,
                RunState.MISSED,
                tick.windowEnd(),
                null,
                null,
                null,
                tick.at(),
                "schedule",
                null,
                null,
                false,
                false,
                null,
                "no run started by " + HM.format(tick.windowEnd()) + " for the tick at " + HM.format(tick.at()),
                null,
                0,
                true,
                null,
                null,
                null);
    }

    private static boolean startedWithin(List<Instant> sorted, Instant from, Instant to) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).isBefore(from)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < sorted.size() && !sorted.get(lo).isAfter(to);
    }

    /**
     * The own figures. {@code runs} are the stored runs of the last 90 days (missed ones included), any order; those of
     * branches the pipeline does not judge (a pull request's, see {@link PipelineInfo#judges}) are left out.
     */
    public static OwnHealth compute(PipelineInfo p, List<Run> stored, Instant now) {
        return compute(p, stored, now, OwnHealth.EVIDENCE);
    }

    /** {@link #compute(PipelineInfo, List, Instant)} showing at most {@code evidence} runs of each figure. */
    public static OwnHealth compute(PipelineInfo p, List<Run> stored, Instant now, int evidence) {
        List<Run> runs = new ArrayList<>(stored.stream().filter(p::judges).toList());
        long notJudged = stored.stream()
                .filter(r -> r.state() != RunState.MISSED && !p.judges(r))
                .count();
        runs.addAll(missed(p, runs, now));
        runs.sort(Comparator.comparing(Run::sortTime, Comparator.nullsFirst(Comparator.naturalOrder())));
        Instant d7 = now.minus(DAYS_7);
        Instant d30 = now.minus(DAYS_30);
        Instant d90 = now.minus(DAYS_90);
        List<Run> real = runs.stream().filter(r -> r.state() != RunState.MISSED).toList();
        Run lastRun = real.isEmpty() ? null : real.get(real.size() - 1);
        List<Run> successes = runs.stream()
                .filter(r -> r.state() == RunState.SUCCEEDED)
                .sorted(Comparator.comparing(Run::finishedAt))
                .toList();
        Run lastSuccess = successes.isEmpty() ? null : successes.get(successes.size() - 1);
        List<Run> finished = runs.stream()
                .filter(Run::finished)
                .sorted(Comparator.comparing(Run::finishedAt))
                .toList();
        Run lastFinished = finished.isEmpty() ? null : finished.get(finished.size() - 1);
        Run lastRealFinished = finished.stream()
                .filter(r -> r.state() != RunState.MISSED)
                .reduce((a, b) -> b)
                .orElse(null);
        // The latest missed tick stays the pipeline's last word until a run for it or a later tick: one started after
        // it, or naming it or a later one as its nominal time. A catch-up run for an older tick that ends after the
        // tick's window closed does not cover it.
        Run lastMissed = runs.stream()
                .filter(Run::missedTick)
                .max(Comparator.comparing(Run::nominalTime))
                .orElse(null);
        boolean lastTickMissed = lastMissed != null
                && real.stream()
                        .noneMatch(r -> r.nominalTime() != null
                                ? !r.nominalTime().isBefore(lastMissed.nominalTime())
                                : r.sortTime() != null && r.sortTime().isAfter(lastMissed.nominalTime()));
        // Freshness.
        Long slo = p.freshnessSlo() == null ? null : p.freshnessSlo().toSeconds();
        // Never below zero: a producer's clock ahead of this server's dates a success in the future.
        Long age = lastSuccess == null
                ? null
                : Math.max(0, Duration.between(lastSuccess.finishedAt(), now).toSeconds());
        boolean freshBreached = slo != null && (age == null ? !real.isEmpty() : age > slo);
        // Success rate over 30 days.
        List<Run> fin30 =
                finished.stream().filter(r -> !r.finishedAt().isBefore(d30)).toList();
        List<Run> bad30 = fin30.stream().filter(Run::bad).toList();
        Double rate = fin30.isEmpty() ? null : (double) (fin30.size() - bad30.size()) / fin30.size();
        boolean rateBreached = rate != null && p.successRateSlo() != null && rate < p.successRateSlo();
        // Durations over 30 days.
        List<Run> timed = runs.stream()
                .filter(r -> r.duration() != null
                        && !r.finishedAt().isBefore(d30)
                        && (r.state() == RunState.SUCCEEDED || r.state() == RunState.FAILED))
                .sorted(Comparator.comparing(Run::duration))
                .toList();
        Run p50 = percentile(timed, 0.50);
        Run p95 = percentile(timed, 0.95);
        Long maxSlo = p.maxDurationSlo() == null ? null : p.maxDurationSlo().toSeconds();
        Long p95s = p95 == null ? null : p95.duration().toSeconds();
        boolean p95Over = maxSlo != null && p95s != null && p95s > maxSlo;
        // Runs still going past the SLO: a hung job, or one whose end was never reported (a lost event).
        List<Run> going = going(p, runs, d30);
        List<Run> overrunning = going.stream()
                .filter(r -> Duration.between(waitingSince(r), now).toSeconds() > maxSlo)
                .toList();
        // Failure episodes.
        Episodes episodes = Episodes.of(finished, d90);
        // Manual share.
        List<Run> real30 = real.stream()
                .filter(r -> r.sortTime() != null && !r.sortTime().isBefore(d30))
                .toList();
        Double manual = real30.isEmpty()
                ? null
                : (double) real30.stream().filter(Run::manual).count() / real30.size();
        List<Run> missed7 = runs.stream()
                .filter(r -> r.missedTick() && !r.nominalTime().isBefore(d7))
                .toList();
        // Status and reasons.
        List<String> reasons = new ArrayList<>();
        String status;
        boolean failing = lastRealFinished != null
                && lastRealFinished.state() == RunState.FAILED
                && (lastFinished == lastRealFinished || lastFinished.state() == RunState.MISSED);
        // The status is the gravest finding; the reasons name every finding, gravest first: a failing pipeline that
        // has not delivered for two days says both.
        if (real.isEmpty() && missed7.isEmpty() && lastFinished == null) {
            reasons.add(
                    notJudged == 0
                            ? "no runs reported yet"
                            : "no run of "
                                    + (p.githubBranches().isEmpty()
                                            ? "its default branch"
                                            : "branch " + String.join(", ", p.githubBranches()))
                                    + " yet; " + notJudged + (notJudged == 1 ? " run" : " runs")
                                    + " of other branches or pull requests not counted (interlock.dev/github-branch"
                                    + " names the branch to judge, \"*\" every branch)");
        }
        if (failing) {
            reasons.add("last run failed"
                    + (episodes.openSince() == null ? "" : ", failing since " + HM.format(episodes.openSince()))
                    + (lastRealFinished.error() == null ? "" : ": " + firstLine(lastRealFinished.error())));
        }
        if (lastTickMissed) {
            reasons.add("no run for the tick at " + HM.format(lastMissed.nominalTime()) + " (" + missed7.size()
                    + " missed in 7 days)");
        }
        if (freshBreached) {
            reasons.add(
                    lastSuccess == null
                            ? "never succeeded"
                            // A time, not an age: the reason is kept with the figures, the age beside it is live.
                            : "no success since " + HM.format(lastSuccess.finishedAt()) + ", over its " + human(slo)
                                    + " freshness SLO");
        }
        if (rateBreached) {
            reasons.add("success rate " + Percents.rate(rate, p.successRateSlo()) + " over 30 days, below its "
                    + Percents.slo(p.successRateSlo()) + " SLO");
        }
        if (p95Over) {
            reasons.add("p95 duration " + human(p95s) + ", over its " + human(maxSlo) + " SLO");
        }
        if (!overrunning.isEmpty()) {
            Run longest = overrunning.get(0);
            boolean queued = longest.state() == RunState.QUEUED;
            reasons.add("run " + longest.runKey() + (queued ? " still queued since " : " still running since ")
                    + HM.format(waitingSince(longest)) + ", past its " + human(maxSlo) + " duration SLO"
                    + (queued ? ": nothing has started it" : "")
                    + (overrunning.size() == 1 ? "" : "; " + (overrunning.size() - 1) + " more"));
        }
        if (real.isEmpty() && missed7.isEmpty() && lastFinished == null) {
            status = "unknown";
        } else if (failing) {
            status = "failing";
        } else if (lastTickMissed || freshBreached) {
            status = "late";
        } else if (rateBreached || p95Over || !overrunning.isEmpty()) {
            status = "degraded";
        } else if (lastFinished == null) {
            // Runs reported, none succeeded or failed yet (one still going, or only cancelled ones): nothing says
            // whether the pipeline works.
            status = "unknown";
            reasons.add("no run has succeeded or failed yet");
        } else {
            status = "healthy";
        }
        Instant lastRunLateFor =
                lastRun == null ? null : LateRuns.of(p, runs, now).get(lastRun.runKey());
        return new OwnHealth(
                status,
                reasons,
                lastRunLateFor,
                SuccessTimes.of(successes),
                lastRun,
                lastSuccess,
                age,
                slo,
                freshBreached,
                rate,
                p.successRateSlo(),
                fin30.size(),
                evidence(bad30, Run::runKey, evidence),
                rateBreached,
                p50 == null ? null : p50.duration().toSeconds(),
                p95s,
                maxSlo,
                p95Over,
                p95 == null ? null : p95.runKey(),
                overrunning.size(),
                evidence(overrunning, Run::runKey, evidence),
                missed7.size(),
                evidence(missed7, Run::nominalTime, evidence),
                lastTickMissed,
                episodes.openSince() != null,
                episodes.openSince(),
                episodes.openRuns().size(),
                evidence(episodes.openRuns(), Run::runKey, evidence),
                episodes.mttrSeconds(),
                episodes.restorers(),
                episodes.unnamedRestores(),
                manual,
                real30.size(),
                validUntil(p, runs, going, lastSuccess, freshBreached, now));
    }

    /** What the first runs of a figure are shown by (at most {@code most}). */
    private static <T> List<T> evidence(List<Run> runs, Function<Run, T> shown, int most) {
        return runs.stream().limit(most).map(shown).toList();
    }

    /** Schedules whose next tick cannot be computed are looked at again this often. */
    static final Duration SCHEDULE_RECHECK = Duration.ofMinutes(1);
    /** Figures are recomputed at least this often whatever happens. */
    static final Duration LONGEST_VALID = Duration.ofMinutes(10);

    /**
     * The runs of the last 30 days that the duration SLO judges while they are still going, oldest first: started (or
     * queued: a run no runner picks up delivers nothing either), not ended, and newer than the last run that did end
     * (whose end says the pipeline has moved on: an older run's end event was lost). Only a run that reports its own
     * events counts: one folded from its tasks' events alone stays running after it succeeds, as nothing reports its
     * end ({@code RunFold}). None without a duration SLO.
     */
    private static List<Run> going(PipelineInfo p, List<Run> sorted, Instant d30) {
        if (p.maxDurationSlo() == null) {
            return List.of();
        }
        Instant lastEnded = null;
        for (Run r : sorted) {
            if (r.state().terminal() && r.state() != RunState.MISSED && r.sortTime() != null) {
                lastEnded = r.sortTime();
            }
        }
        Instant after = lastEnded;
        return sorted.stream()
                .filter(r -> (r.state() == RunState.RUNNING || r.state() == RunState.QUEUED)
                        && r.reportsItself()
                        && waitingSince(r) != null
                        && !waitingSince(r).isBefore(d30)
                        && (after == null || waitingSince(r).isAfter(after)))
                .toList();
    }

    /** Since when a run still going has kept its pipeline waiting: its start, or its queueing until it starts. */
    private static Instant waitingSince(Run r) {
        return r.state() == RunState.QUEUED ? r.queuedAt() : r.startedAt();
    }

    /** The first time at which the figures would change with no new run (see {@link OwnHealth#validUntil()}). */
    private static Instant validUntil(
            PipelineInfo p, List<Run> runs, List<Run> going, Run lastSuccess, boolean freshBreached, Instant now) {
        Instant until = now.plus(LONGEST_VALID);
        if (p.schedule() != null) {
            // The next tick's window closing may make it late; a run arriving forgets the figures anyway.
            Instant windowEnd = Ticks.nextWindowEnd(p.schedule(), p.timezone(), p.grace(), now);
            until = earlier(until, windowEnd == null ? now.plus(SCHEDULE_RECHECK) : windowEnd.plusSeconds(1));
        }
        if (p.freshnessSlo() != null && lastSuccess != null && !freshBreached) {
            until = earlier(
                    until, lastSuccess.finishedAt().plus(p.freshnessSlo()).plusSeconds(1));
        }
        for (Run r : going) {
            // A run still going becomes an overrun when it reaches the duration SLO.
            Instant overruns = waitingSince(r).plus(p.maxDurationSlo()).plusSeconds(1);
            if (overruns.isAfter(now)) {
                until = earlier(until, overruns);
            }
        }
        for (Run r : runs) {
            Instant t = r.state() == RunState.MISSED
                    ? r.nominalTime()
                    : r.finishedAt() != null ? r.finishedAt() : r.sortTime();
            if (t == null) {
                continue;
            }
            for (Duration window : List.of(DAYS_7, DAYS_30, DAYS_90)) {
                Instant leaves = t.plus(window);
                if (leaves.isAfter(now)) {
                    until = earlier(until, leaves);
                }
            }
        }
        return until;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Run percentile(List<Run> sorted, double q) {
        if (sorted.isEmpty()) {
            return null;
        }
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String firstLine(String s) {
        String line = s.lines().findFirst().orElse(s);
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    /** A time for reasons: {@code 2025-06-01 05:02 UTC}. */
    public static String format(Instant t) {
        return HM.format(t);
    }

    /** 90s → "1m", 5400 → "1h 30m", 2 days → "2d". */
    public static String human(Long seconds) {
        if (seconds == null) {
            return "–";
        }
        long s = Math.abs(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m";
        }
        if (s < 86_400) {
            return (s / 3600) + "h" + (s % 3600 >= 60 ? " " + (s % 3600 / 60) + "m" : "");
        }
        return (s / 86_400) + "d" + (s % 86_400 >= 3600 ? " " + (s % 86_400 / 3600) + "h" : "");
    }
}
