package dev.interlock.runs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.interlock.runs.Run;
import dev.interlock.runs.RunState;

/** How events fold into a run: by event time, and the same result whichever order they arrive in. */
class RunFoldTest {

    private static final Instant T = Instant.parse("2026-12-01T06:00:00Z");
    private static final JobId JOB = new JobId("openlineage", "airflow", "orders", null);

    @Test
    void ofTwoEndsAtTheSameMomentTheFailureDecidesWhicheverArrivesFirst() {
        RunEvent complete = event(RunState.SUCCEEDED, T, null);
        RunEvent fail = event(RunState.FAILED, T, "disk full");
        for (List<RunEvent> order : List.of(List.of(complete, fail), List.of(fail, complete))) {
            Run run = fold(order);
            assertEquals(RunState.FAILED, run.state(), order.toString());
            assertEquals("disk full", run.error());
            assertEquals(T, run.endedAt());
        }
    }

    @Test
    void aLaterEndStillDecidesOverAnEarlierFailure() {
        for (boolean reversed : new boolean[] {false, true}) {
            List<RunEvent> events = new java.util.ArrayList<>(
                    List.of(event(RunState.FAILED, T, "disk full"), event(RunState.SUCCEEDED, T.plusSeconds(1), null)));
            if (reversed) {
                java.util.Collections.reverse(events);
            }
            Run run = fold(events);
            assertEquals(RunState.SUCCEEDED, run.state());
            assertEquals(T.plusSeconds(1), run.endedAt());
        }
    }

    @Test
    void aFailedTasksMessageStaysTheErrorOverAirflowsTaskFailureWhicheverArrivesFirst() {
        RunEvent start = event(RunState.RUNNING, T, null);
        RunEvent task = event(RunState.FAILED, T.plusSeconds(60), "java.lang.OutOfMemoryError");
        RunEvent dag = event(RunState.FAILED, T.plusSeconds(70), "task_failure");
        for (List<RunEvent> order : List.of(List.of(start, task, dag), List.of(start, dag, task))) {
            Run run = fold(order, task);
            assertEquals(RunState.FAILED, run.state());
            assertEquals("java.lang.OutOfMemoryError", run.error(), order.toString());
            assertEquals(T.plusSeconds(70), run.endedAt());
        }
        // A reason of the run's own (a timeout) is its error, as before.
        RunEvent timedOut = event(RunState.FAILED, T.plusSeconds(70), "dagrun timed out after 1h");
        assertEquals(
                "dagrun timed out after 1h",
                fold(List.of(start, task, timedOut), task).error());
        // With no task message, the run's own word is all there is.
        assertEquals("task_failure", fold(List.of(start, dag), null).error());
    }

    @Test
    void aRunOnlyItsTasksReportSucceedsOnceAFailedTasksRetrySucceedsWhicheverArrivesFirst() {
        RunEvent firstTry = child("orders.load", RunState.FAILED, T.plusSeconds(60), "timeout");
        RunEvent report = child("orders.report", RunState.SUCCEEDED, T.plusSeconds(70), null);
        RunEvent retry = child("orders.load", RunState.SUCCEEDED, T.plusSeconds(200), null);
        for (List<RunEvent> order : List.of(
                List.of(firstTry, report, retry), List.of(retry, report, firstTry), List.of(report, retry, firstTry))) {
            Run run = foldChildren(order);
            assertEquals(RunState.SUCCEEDED, run.state(), order.toString());
            assertEquals(null, run.error());
            assertEquals(T.plusSeconds(200), run.endedAt());
        }
        // Another task's failure is not made good by the retried task's success.
        RunEvent other = child("orders.publish", RunState.FAILED, T.plusSeconds(80), "403 Forbidden");
        for (List<RunEvent> order : List.of(List.of(firstTry, other, retry), List.of(retry, other, firstTry))) {
            Run run = foldChildren(order);
            assertEquals(RunState.FAILED, run.state(), order.toString());
            assertEquals(T.plusSeconds(200), run.endedAt());
        }
    }

    @Test
    void aFailureStoredBeforeTasksWereToldApartStays() {
        Run stored = foldChildren(List.of(child("orders.load", RunState.FAILED, T, "timeout")));
        Run legacy = new Run(
                stored.id(),
                stored.format(),
                stored.runKey(),
                stored.job(),
                stored.pipelineRef(),
                stored.state(),
                stored.terminalAt(),
                stored.queuedAt(),
                stored.startedAt(),
                stored.endedAt(),
                stored.nominalTime(),
                stored.trigger(),
                stored.actor(),
                stored.attempt(),
                stored.manual(),
                stored.infraError(),
                stored.url(),
                stored.error(),
                stored.datasets(),
                stored.events(),
                stored.reportsItself(),
                null,
                null,
                null);
        RunEvent retry = child("orders.load", RunState.SUCCEEDED, T.plusSeconds(60), null);
        assertEquals(
                RunState.FAILED,
                RunFold.apply(legacy, retry, "run-1", JOB, "component:default/orders", true)
                        .state());
        assertEquals(
                RunState.SUCCEEDED,
                RunFold.apply(stored, retry, "run-1", JOB, "component:default/orders", true)
                        .state());
    }

    @Test
    void childrenPastTheLimitStillFailTheRunForGood() {
        ChildEnds ends = ChildEnds.parse(null, false, null);
        for (int i = 0; i < ChildEnds.MAX; i++) {
            ends = ends.with("model_" + i, false, T, null);
        }
        ends = ends.with("model_past", true, T, "x").with("model_past", false, T.plusSeconds(1), null);
        assertEquals(true, ends.anyFailed());
        // Past the limit a start keeps nothing running: its end might not be kept.
        assertEquals(false, ends.withStart("model_late", T.plusSeconds(10)).anyRunning());
        // Text it did not write is skipped; a child's later end decides, and a failure wins a tie.
        ChildEnds read = ChildEnds.parse(
                "garbage\nF x y\n"
                        + ChildEnds.parse(null, false, null)
                                .with("a", false, T, null)
                                .text(),
                false,
                null);
        assertEquals(false, read.anyFailed());
        assertEquals(true, read.with("a", true, T, null).anyFailed());
        assertEquals(false, read.with("a", true, T.minusSeconds(1), null).anyFailed());
    }

    @Test
    void theErrorIsTheLastFailedTasksThatNoRetryMadeGoodWhicheverArrivesFirst() {
        RunEvent start = event(RunState.RUNNING, T, null);
        RunEvent aFails = child("orders.a", RunState.FAILED, T.plusSeconds(10), "A: connection reset");
        RunEvent aRetried = child("orders.a", RunState.SUCCEEDED, T.plusSeconds(20), null);
        RunEvent bFails = child("orders.b", RunState.FAILED, T.plusSeconds(30), "B: KeyError 'amount'\nline 2 \\ x");
        RunEvent dagFails = event(RunState.FAILED, T.plusSeconds(40), "task_failure");
        List<RunEvent> all = List.of(start, aFails, aRetried, bFails, dagFails);
        for (List<RunEvent> order : List.of(
                all,
                List.of(start, dagFails, bFails, aRetried, aFails),
                List.of(start, bFails, aFails, dagFails, aRetried))) {
            Run run = null;
            for (RunEvent ev : order) {
                boolean rollUp = ev != start && ev != dagFails;
                run = RunFold.apply(run, ev, "run-1", JOB, "component:default/orders", rollUp);
            }
            assertEquals(RunState.FAILED, run.state(), order.toString());
            assertEquals("B: KeyError 'amount'\nline 2 \\ x", run.error(), order.toString());
        }
        // While the DAG runs, a failed try is its error until the retry makes it good.
        Run running = RunFold.apply(
                RunFold.apply(RunFold.apply(null, start, "run-1", JOB, "p", false), aFails, "run-1", JOB, "p", true),
                aRetried,
                "run-1",
                JOB,
                "p",
                true);
        assertEquals(RunState.RUNNING, running.state());
        assertEquals(null, running.error());
    }

    /**
     * Every order of a DAG run's events gives one run: its own start and two ends, tasks that fail with and without a
     * message, a retry that makes one good, and two failures at the same microsecond.
     */
    @Test
    void everyArrivalOrderGivesTheSameRun() {
        RunEvent start = event(RunState.RUNNING, T, null);
        RunEvent ownFail = event(RunState.FAILED, T.plusSeconds(50), "task_failure");
        RunEvent ownTimeout = event(RunState.FAILED, T.plusSeconds(60), "dagrun timed out");
        RunEvent a = child("orders.a", RunState.FAILED, T.plusSeconds(10), "A: boom");
        RunEvent aRetried = child("orders.a", RunState.SUCCEEDED, T.plusSeconds(30), null);
        RunEvent b = child("orders.b", RunState.FAILED, T.plusSeconds(20), null);
        RunEvent c = child("orders.c", RunState.FAILED, T.plusNanos(40_000_100_000L), "C: disk full");
        RunEvent d = child("orders.d", RunState.FAILED, T.plusNanos(40_000_100_000L), "D: quota");
        for (List<RunEvent> events : List.of(
                List.of(start, a, aRetried, b, ownFail),
                List.of(start, c, d, ownFail, aRetried),
                List.of(start, a, c, ownTimeout, ownFail),
                List.of(a, aRetried, b, d),
                List.of(a, b, aRetried))) {
            java.util.Set<String> outcomes = new java.util.TreeSet<>();
            permute(new java.util.ArrayList<>(events), 0, order -> {
                Run run = null;
                for (RunEvent ev : order) {
                    boolean rollUp = ev != start && ev != ownFail && ev != ownTimeout;
                    run = RunFold.apply(run, ev, "run-1", JOB, "component:default/orders", rollUp);
                }
                outcomes.add(run.state() + " / " + run.error() + " / " + run.endedAt());
            });
            assertEquals(1, outcomes.size(), events + " gave " + outcomes);
        }
    }

    /**
     * A run only its tasks report runs while a task started after the last end does: the next task's start after the
     * first one's success, a failed try's retry. Once it ends, it ends as before, at its last task's end. A task that
     * started before another's end counts no more, as its own end may never come (a producer that loses it).
     */
    @Test
    void aRunOnlyItsTasksReportRunsWhileOneOfThemDoes() {
        RunEvent extract = child("orders.extract", RunState.RUNNING, T, null);
        RunEvent extracted = child("orders.extract", RunState.SUCCEEDED, T.plusSeconds(60), null);
        RunEvent load = child("orders.load", RunState.RUNNING, T.plusSeconds(61), null);
        RunEvent loadFails = child("orders.load", RunState.FAILED, T.plusSeconds(90), "timeout");
        RunEvent retry = child("orders.load", RunState.RUNNING, T.plusSeconds(100), null);
        RunEvent loaded = child("orders.load", RunState.SUCCEEDED, T.plusSeconds(150), null);

        Run run = foldChildren(List.of(extract, extracted));
        assertEquals(RunState.SUCCEEDED, run.state());
        assertEquals(T.plusSeconds(60), run.endedAt());
        run = foldChildren(List.of(extract, extracted, load));
        assertEquals(RunState.RUNNING, run.state(), "the next task runs");
        assertEquals(null, run.endedAt());
        run = foldChildren(List.of(extract, extracted, load, loadFails));
        assertEquals(RunState.FAILED, run.state());
        assertEquals(T.plusSeconds(90), run.endedAt());
        run = foldChildren(List.of(extract, extracted, load, loadFails, retry));
        assertEquals(RunState.RUNNING, run.state(), "the failed try's retry runs");
        assertEquals("timeout", run.error());
        run = foldChildren(List.of(extract, extracted, load, loadFails, retry, loaded));
        assertEquals(RunState.SUCCEEDED, run.state());
        assertEquals(T.plusSeconds(150), run.endedAt());
        assertEquals(T, run.startedAt());

        // Two tasks side by side: the first end ends the run, as before starts were kept, and the other's end moves
        // its end; a START whose end never comes does not keep it running after a later end.
        RunEvent report = child("orders.report", RunState.RUNNING, T.plusSeconds(61), null);
        RunEvent reported = child("orders.report", RunState.SUCCEEDED, T.plusSeconds(70), null);
        assertEquals(
                RunState.SUCCEEDED,
                foldChildren(List.of(load, report, reported)).state());
        Run both = foldChildren(List.of(load, report, reported, loadFails, retry, loaded));
        assertEquals(RunState.SUCCEEDED, both.state());
        assertEquals(T.plusSeconds(150), both.endedAt());
        RunEvent lost = child("orders.spark", RunState.RUNNING, T.plusSeconds(5), null);
        assertEquals(
                RunState.SUCCEEDED,
                foldChildren(List.of(extract, lost, extracted)).state());
    }

    /** Every order of a task-only run's events gives the same run, and a cancelled task ends as any end does. */
    @Test
    void aRunOnlyItsTasksReportEndsTheSameInEveryArrivalOrder() {
        RunEvent extract = child("orders.extract", RunState.RUNNING, T, null);
        RunEvent extracted = child("orders.extract", RunState.SUCCEEDED, T.plusSeconds(60), null);
        RunEvent load = child("orders.load", RunState.RUNNING, T.plusSeconds(60), null);
        RunEvent loadFails = child("orders.load", RunState.FAILED, T.plusSeconds(90), "timeout");
        RunEvent retry = child("orders.load", RunState.RUNNING, T.plusSeconds(100), null);
        RunEvent loaded = child("orders.load", RunState.SUCCEEDED, T.plusSeconds(150), null);
        RunEvent notify = child("orders.notify", RunState.RUNNING, T.plusSeconds(10), null);
        RunEvent cancelled = child("orders.notify", RunState.CANCELLED, T.plusSeconds(20), null);
        for (List<RunEvent> events : List.of(
                List.of(extract, extracted, load, loadFails, retry, loaded),
                List.of(extract, extracted, notify, cancelled, load, loadFails),
                List.of(notify, cancelled, extract, extracted))) {
            java.util.Set<String> outcomes = new java.util.TreeSet<>();
            permute(new java.util.ArrayList<>(events), 0, order -> {
                Run run = foldChildren(order);
                outcomes.add(run.state() + " / " + run.error() + " / " + run.startedAt() + " / " + run.endedAt() + " / "
                        + run.infraError());
            });
            assertEquals(1, outcomes.size(), events + " gave " + outcomes);
            assertEquals(false, outcomes.iterator().next().startsWith("RUNNING"), outcomes.toString());
        }
    }

    private static void permute(List<RunEvent> events, int from, java.util.function.Consumer<List<RunEvent>> each) {
        if (from == events.size()) {
            each.accept(events);
            return;
        }
        for (int i = from; i < events.size(); i++) {
            java.util.Collections.swap(events, from, i);
            permute(events, from + 1, each);
            java.util.Collections.swap(events, from, i);
        }
    }

    /** Folds events of a run's tasks only (the run itself never reports). */
    private static Run foldChildren(List<RunEvent> events) {
        Run run = null;
        for (RunEvent e : events) {
            run = RunFold.apply(run, e, "run-1", JOB, "component:default/orders", true);
        }
        return run;
    }

    private static RunEvent child(String task, RunState state, Instant at, String error) {
        return event(new JobId("openlineage", "airflow", task, null), JOB, task + "-try-" + at, state, at, error);
    }

    private static Run fold(List<RunEvent> events) {
        return fold(events, null);
    }

    /** Folds the events into one run; {@code child} is a task's event rolled up into it. */
    private static Run fold(List<RunEvent> events, RunEvent child) {
        Run run = null;
        for (RunEvent e : events) {
            run = RunFold.apply(run, e, "run-1", JOB, "component:default/orders", e == child);
        }
        return run;
    }

    private static RunEvent event(RunState state, Instant at, String error) {
        return event(JOB, null, "run-1", state, at, error);
    }

    /** An event of a job's run ({@code parent}: the job it rolls up into, or {@code null}) reporting a state. */
    private static RunEvent event(JobId job, JobId parent, String runId, RunState state, Instant at, String error) {
        return new RunEvent(
                "openlineage",
                runId + state + at + error,
                state.word(),
                at,
                job,
                parent,
                runId,
                parent == null ? null : "run-1",
                null,
                null,
                state,
                false,
                state == RunState.RUNNING,
                null,
                null,
                null,
                false,
                null,
                null,
                null,
                error,
                false,
                null,
                null,
                null,
                "{}");
    }
}
