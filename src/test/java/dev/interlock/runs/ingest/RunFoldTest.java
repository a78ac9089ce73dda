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
        return new RunEvent(
                "openlineage",
                state + "@" + at + error,
                state.word(),
                at,
                JOB,
                null,
                "run-1",
                null,
                null,
                null,
                state,
                false,
                false,
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
