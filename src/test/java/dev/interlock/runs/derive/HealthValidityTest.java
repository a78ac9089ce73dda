package dev.interlock.runs.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.interlock.runs.Run;
import dev.interlock.runs.TestRuns;
import dev.interlock.runs.bind.PipelineInfo;

/**
 * Own figures are kept until time alone could change them: the freshness SLO running out, a run leaving a window,
 * the next look at a schedule; and they really change then.
 */
class HealthValidityTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static PipelineInfo pipeline(String schedule, Duration freshness) {
        return pipeline(schedule, freshness, NOW.minus(60, ChronoUnit.DAYS));
    }

    private static PipelineInfo pipeline(String schedule, Duration freshness, Instant registeredAt) {
        return pipeline(schedule, freshness, registeredAt, null);
    }

    private static PipelineInfo pipeline(
            String schedule, Duration freshness, Instant registeredAt, Duration maxDuration) {
        return new PipelineInfo(
                "component:default/p",
                "p",
                "data",
                "group:default/team",
                registeredAt,
                List.of("ns/p"),
                List.of(),
                null,
                null,
                List.of(),
                List.of(),
                schedule,
                ZoneOffset.UTC,
                null,
                freshness,
                null,
                maxDuration,
                List.of(),
                List.of(),
                List.of(),
                null);
    }

    @Test
    void keptUntilTheFreshnessSloRunsOutThenLate() {
        Instant end = NOW.minus(35, ChronoUnit.MINUTES);
        PipelineInfo p = pipeline(null, Duration.ofMinutes(40));
        List<Run> runs = List.of(succeeded(end.minusSeconds(60), end));
        OwnHealth now = HealthCalculator.compute(p, runs, NOW);
        assertEquals("healthy", now.status());
        assertEquals(end.plus(Duration.ofMinutes(40)).plusSeconds(1), now.validUntil());
        OwnHealth late = HealthCalculator.compute(p, runs, now.validUntil());
        assertEquals("late", late.status());
        // Its reason gives the last success's time, not an age: kept with the figures, it never goes stale.
        assertEquals(List.of("no success since 2026-06-01 11:25 UTC, over its 40m freshness SLO"), late.reasons());
        assertEquals(
                late.reasons(),
                HealthCalculator.compute(p, runs, late.validUntil()).reasons());
    }

    @Test
    void keptAtMostTenMinutesWithoutASchedule() {
        PipelineInfo p = pipeline(null, Duration.ofDays(2));
        OwnHealth h = HealthCalculator.compute(p, List.of(succeeded(NOW.minusSeconds(120), NOW.minusSeconds(60))), NOW);
        assertEquals(NOW.plus(HealthCalculator.LONGEST_VALID), h.validUntil());
    }

    @Test
    void aScheduledPipelineIsKeptUntilItsNextTicksWindowCloses() {
        // Every 5 minutes, default grace a quarter of that: at 12:00 the 12:00 tick's window is open until 12:01:15.
        // (Registered a minute before its run: no older missed tick leaves the 7-day window meanwhile.)
        PipelineInfo p = pipeline("*/5 * * * *", null, NOW.minusSeconds(180));
        List<Run> runs = List.of(succeeded(NOW.minusSeconds(120), NOW.minusSeconds(60)));
        OwnHealth h = HealthCalculator.compute(p, runs, NOW);
        assertEquals(Instant.parse("2026-06-01T12:01:16Z"), h.validUntil());
        assertEquals("late", HealthCalculator.compute(p, runs, h.validUntil()).status());
        // At 12:02 that window has closed: the 12:05 tick's closes at 12:06:15.
        assertEquals(
                Instant.parse("2026-06-01T12:06:16Z"),
                HealthCalculator.compute(p, runs, NOW.plusSeconds(120)).validUntil());
        // An hourly schedule's window (15 minutes) is looked at again after at most 10 minutes anyway.
        assertEquals(
                NOW.plus(HealthCalculator.LONGEST_VALID),
                HealthCalculator.compute(pipeline("0 * * * *", null), runs, NOW).validUntil());
    }

    @Test
    void aRunLeavingTheSevenDayWindowEndsTheValidity() {
        Instant end = NOW.minus(7, ChronoUnit.DAYS).plus(3, ChronoUnit.MINUTES);
        PipelineInfo p = pipeline(null, null);
        OwnHealth h = HealthCalculator.compute(p, List.of(succeeded(end.minusSeconds(60), end)), NOW);
        assertEquals(end.plus(7, ChronoUnit.DAYS), h.validUntil());
    }

    @Test
    void theMissedRunJobLooksAgainOnlyWhenATicksWindowClosed() {
        // Hourly, default grace 15 minutes: the 11:00 tick's window closes at 11:15, the 12:00 one at 12:15.
        Instant at1116 = Instant.parse("2026-06-01T11:16:00Z");
        assertEquals(false, Ticks.windowClosedBetween("0 * * * *", ZoneOffset.UTC, null, at1116, NOW));
        assertEquals(
                true,
                Ticks.windowClosedBetween("0 * * * *", ZoneOffset.UTC, null, at1116, NOW.plus(15, ChronoUnit.MINUTES)));
        assertEquals(
                true,
                Ticks.windowClosedBetween(
                        "0 * * * *", ZoneOffset.UTC, null, Instant.parse("2026-06-01T11:14:00Z"), at1116));
    }

    /**
     * A run still going is fine until it has run as long as the duration SLO allows: the figures are kept until that
     * second, and then say it is overrunning (a hung job, or an end event that never came), naming it. The p95 figure
     * itself stays met: the run has no duration yet.
     */
    @Test
    void keptUntilARunStillGoingReachesTheDurationSloThenDegradedNamingIt() {
        PipelineInfo p = pipeline(null, null, NOW.minus(60, ChronoUnit.DAYS), Duration.ofMinutes(25));
        Instant start = NOW.minus(20, ChronoUnit.MINUTES);
        List<Run> runs = List.of(
                succeeded(NOW.minus(3, ChronoUnit.HOURS), NOW.minus(170, ChronoUnit.MINUTES)),
                TestRuns.running("r2", "p", "component:default/p", start));
        OwnHealth now = HealthCalculator.compute(p, runs, NOW);
        assertEquals("healthy", now.status());
        assertEquals(0, now.overrunning());
        assertEquals(start.plus(Duration.ofMinutes(25)).plusSeconds(1), now.validUntil());

        OwnHealth later = HealthCalculator.compute(p, runs, now.validUntil());
        assertEquals("degraded", later.status());
        assertEquals(false, later.durationBreached(), "the p95 (10m) is within the SLO");
        assertEquals(600L, later.p95Seconds(), "the run still going has no duration yet");
        assertEquals(1, later.overrunning());
        assertEquals(List.of("r2"), later.overrunningRuns());
        assertEquals(
                List.of("run r2 still running since 2026-06-01 11:40 UTC, past its 25m duration SLO"), later.reasons());

        // Without a duration SLO nothing says how long is too long: the run is only running.
        PipelineInfo noSlo = pipeline(null, null, NOW.minus(60, ChronoUnit.DAYS), null);
        OwnHealth days = HealthCalculator.compute(noSlo, runs, NOW.plus(2, ChronoUnit.DAYS));
        assertEquals("healthy", days.status());
        assertEquals(0, days.overrunning());
    }

    /**
     * A run for a tick that started after the tick's window closed is late for it, and the tick stays missed: the
     * same answer whether the run arrived before the tick was stored as missed or after.
     */
    @Test
    void aRunThatNamesItsTickButStartedAfterItsWindowLeavesTheTickMissed() {
        PipelineInfo p =
                pipeline("0 * * * *", null, NOW.minus(5, ChronoUnit.HOURS).minusSeconds(1));
        Instant eight = Instant.parse("2026-06-01T08:00:00Z");
        List<Run> runs = new java.util.ArrayList<>();
        for (int hour = 9; hour <= 11; hour++) {
            Instant tick = eight.plus(hour - 8, ChronoUnit.HOURS);
            runs.add(TestRuns.succeededFor(
                    "on-time-" + hour, "component:default/p", tick, tick.plusSeconds(60), tick.plusSeconds(600)));
        }
        runs.add(TestRuns.succeededFor(
                "late",
                "component:default/p",
                eight,
                eight.plus(40, ChronoUnit.MINUTES),
                eight.plus(50, ChronoUnit.MINUTES)));
        assertEquals(
                List.of(Instant.parse("2026-06-01T07:00:00Z"), eight),
                HealthCalculator.missed(p, runs, NOW).stream()
                        .map(Run::nominalTime)
                        .toList());
        assertEquals(eight, LateRuns.of(p, runs, NOW).get("late"));
    }

    /**
     * A run queued and never started (no runner picked it up) keeps the pipeline waiting as a hung one does: it is
     * judged against the duration SLO from its queueing, and the reason says that nothing has started it.
     */
    @Test
    void aRunQueuedPastTheDurationSloDegradesThePipelineNamingIt() {
        PipelineInfo p = pipeline(null, null, NOW.minus(60, ChronoUnit.DAYS), Duration.ofMinutes(25));
        Instant queued = NOW.minus(20, ChronoUnit.MINUTES);
        List<Run> runs = List.of(
                succeeded(NOW.minus(3, ChronoUnit.HOURS), NOW.minus(170, ChronoUnit.MINUTES)),
                TestRuns.queued("q", "p", "component:default/p", queued));
        OwnHealth now = HealthCalculator.compute(p, runs, NOW);
        assertEquals("healthy", now.status());
        assertEquals(queued.plus(Duration.ofMinutes(25)).plusSeconds(1), now.validUntil());

        OwnHealth later = HealthCalculator.compute(p, runs, now.validUntil());
        assertEquals("degraded", later.status());
        assertEquals(List.of("q"), later.overrunningRuns());
        assertEquals(
                List.of("run q still queued since 2026-06-01 11:40 UTC, past its 25m duration SLO:"
                        + " nothing has started it"),
                later.reasons());
    }

    /**
     * Runs that are not judged while going: one folded from its tasks alone (it stays running after it succeeds),
     * one older than a run that has ended since (its own end was lost; the pipeline has moved on), one older than 30
     * days (the window of the duration figure). Several that are, counted beyond the ids kept as evidence, oldest
     * first, and a worse status still comes first.
     */
    @Test
    void onlyRunsThatReportThemselvesNewerThanTheLastEndedOneAndWithin30DaysOverrun() {
        PipelineInfo p = pipeline(null, null, NOW.minus(60, ChronoUnit.DAYS), Duration.ofMinutes(25));
        Run tasksOnly =
                TestRuns.runningFromItsTasksOnly("t", "p", "component:default/p", NOW.minus(5, ChronoUnit.HOURS));
        assertEquals(0, HealthCalculator.compute(p, List.of(tasksOnly), NOW).overrunning());

        Run lost = TestRuns.running("lost", "p", "component:default/p", NOW.minus(5, ChronoUnit.HOURS));
        Run since = succeeded(NOW.minus(2, ChronoUnit.HOURS), NOW.minus(110, ChronoUnit.MINUTES));
        OwnHealth movedOn = HealthCalculator.compute(p, List.of(lost, since), NOW);
        assertEquals("healthy", movedOn.status());
        assertEquals(0, movedOn.overrunning());
        assertEquals(1, HealthCalculator.compute(p, List.of(lost), NOW).overrunning());

        Run old = TestRuns.running("old", "p", "component:default/p", NOW.minus(31, ChronoUnit.DAYS));
        assertEquals(0, HealthCalculator.compute(p, List.of(old), NOW).overrunning());

        List<Run> three = List.of(
                TestRuns.running("c", "p", "component:default/p", NOW.minus(1, ChronoUnit.HOURS)),
                TestRuns.running("a", "p", "component:default/p", NOW.minus(3, ChronoUnit.HOURS)),
                TestRuns.running("b", "p", "component:default/p", NOW.minus(2, ChronoUnit.HOURS)));
        OwnHealth many = HealthCalculator.compute(p, three, NOW, 2);
        assertEquals(3, many.overrunning());
        assertEquals(List.of("a", "b"), many.overrunningRuns());
        assertEquals(
                List.of("run a still running since 2026-06-01 09:00 UTC, past its 25m duration SLO;" + " 2 more"),
                many.reasons());

        PipelineInfo fresh =
                pipeline(null, Duration.ofHours(1), NOW.minus(60, ChronoUnit.DAYS), Duration.ofMinutes(25));
        OwnHealth late = HealthCalculator.compute(fresh, three, NOW);
        assertEquals("late", late.status());
        assertEquals(3, late.overrunning());
    }

    /**
     * A pipeline whose runs have neither succeeded nor failed yet is unknown, not healthy; a success dated ahead of
     * this server's clock (a producer's clock ahead) is no negative age.
     */
    @Test
    void unknownUntilARunSucceedsOrFailsAndNoAgeBelowZero() {
        PipelineInfo p = pipeline(null, null);
        OwnHealth going = HealthCalculator.compute(
                p, List.of(TestRuns.running("r1", "p", "component:default/p", NOW.minus(3, ChronoUnit.DAYS))), NOW);
        assertEquals("unknown", going.status());
        assertEquals(List.of("no run has succeeded or failed yet"), going.reasons());

        OwnHealth ahead =
                HealthCalculator.compute(p, List.of(succeeded(NOW.plusSeconds(60), NOW.plusSeconds(3300))), NOW);
        assertEquals("healthy", ahead.status());
        assertEquals(0L, ahead.ageSeconds());
    }

    /**
     * A catch-up run for an older tick that ends after the latest tick's window closed does not cover that tick: the
     * pipeline stays late until a run for it (or a later one) comes, by its nominal time or by starting after it.
     */
    @Test
    void aCatchUpRunForAnOlderTickLeavesTheLatestMissedTickLate() {
        // Every 5 minutes, registered 11:48: the 11:50 tick's run came late (11:57, naming 11:50), none for 11:55.
        PipelineInfo p = pipeline("*/5 * * * *", null, Instant.parse("2026-06-01T11:48:00Z"));
        Run catchUp = TestRuns.succeededFor(
                "c",
                "component:default/p",
                Instant.parse("2026-06-01T11:50:00Z"),
                Instant.parse("2026-06-01T11:57:00Z"),
                Instant.parse("2026-06-01T11:58:00Z"));
        OwnHealth h = HealthCalculator.compute(p, List.of(catchUp), NOW);
        assertEquals("late", h.status());
        // 11:50 is missed too: its run started after the tick's window (it is late for it).
        assertEquals(List.of("no run for the tick at 2026-06-01 11:55 UTC (2 missed in 7 days)"), h.reasons());
        // A run naming 11:55 has delivered it, late as it is: the pipeline is no longer late.
        Run forIt = TestRuns.succeededFor(
                "d",
                "component:default/p",
                Instant.parse("2026-06-01T11:55:00Z"),
                Instant.parse("2026-06-01T11:58:00Z"),
                Instant.parse("2026-06-01T11:59:00Z"));
        assertEquals(
                "healthy",
                HealthCalculator.compute(p, List.of(catchUp, forIt), NOW).status());
    }

    /**
     * A missed run names its tick by its nominal time, as the missed-run job stores it; one without (a hand-edited
     * archive's row) names no tick, and health is computed as if it were not there instead of failing the page.
     */
    @Test
    void aMissedRunWithoutItsTickIsNoMissedTick() {
        PipelineInfo p = pipeline(null, Duration.ofDays(2));
        Instant end = NOW.minusSeconds(60);
        Run tick = HealthCalculator.missedRun("component:default/p", new Ticks.Tick(NOW.minusSeconds(30), NOW));
        Run noTick = TestRuns.withoutTick(tick);
        assertEquals(true, tick.missedTick());
        assertEquals(false, noTick.missedTick());
        List<Run> runs = List.of(succeeded(end.minusSeconds(60), end));
        OwnHealth without = HealthCalculator.compute(p, runs, NOW);
        OwnHealth withIt = HealthCalculator.compute(p, List.of(runs.get(0), noTick), NOW);
        assertEquals("healthy", without.status());
        assertEquals("healthy", withIt.status());
        assertEquals(
                "late",
                HealthCalculator.compute(p, List.of(runs.get(0), tick), NOW).status());
    }

    private static Run succeeded(Instant start, Instant end) {
        return TestRuns.succeeded("r1", "p", "component:default/p", start, end);
    }
}
