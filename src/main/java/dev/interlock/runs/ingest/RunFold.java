package dev.interlock.runs.ingest;

import java.time.Instant;

import dev.interlock.runs.Run;
import dev.interlock.runs.RunState;

/**
 * Folds an event into its run by <em>event time</em>, never arrival order: started is the earliest start, ended the
 * latest terminal event and its state wins (of two at the same moment, the graver: failed, then cancelled); a START
 * arriving after a COMPLETE changes only the start time (the bug of Marquez issue #2264 cannot happen here).
 *
 * <p>A child's events (a task, a child job) rolled up into their parent's run end it only while the run has reported
 * nothing of its own (a producer that reports only its tasks, as Airflow's integrations before DAG-level events do):
 * such a run is running while a child has started since the latest end of any (the next task, a failed try's retry),
 * else has failed while any child's latest end is a failure (a task's retry that
 * succeeds makes good its first try, {@link ChildEnds}), else succeeded once a child succeeded, and ended at its last
 * child's end; every order of arrival gives the same run. Once the run has reported itself
 * (an Airflow DAG run, a Tekton pipeline run), its own terminal event decides, and a child's failure is the run's
 * error until then. Airflow reports a try that will be retried as failed, and its DAG run is not failing while the
 * retry is pending. Whichever arrives first, the run's own event or the child's, the result is the same, and a failed
 * task's message stays the run's error over its own that only says a task failed.
 */
public final class RunFold {

    private RunFold() {}

    /**
     * The run after the event.
     *
     * @param run the run so far, or {@code null} for a new one
     * @param rollUp whether the event is a child's (task, child job) rolled up into this parent run: only its start,
     *        failure and error count
     */
    public static Run apply(Run run, RunEvent e, String runKey, JobId job, String pipelineRef, boolean rollUp) {
        if (run == null) {
            run = new Run(
                    0,
                    e.format(),
                    runKey,
                    job,
                    pipelineRef,
                    RunState.QUEUED,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false,
                    false,
                    null,
                    null,
                    null,
                    0,
                    false,
                    null,
                    null,
                    null);
        }
        Instant t = e.eventTime();
        RunState state = run.state();
        Instant terminalAt = run.terminalAt();
        Instant endedAt = run.endedAt();
        String error = run.error();
        boolean infra = run.infraError();
        String childEnds = run.childEnds();
        boolean reportsItself = run.reportsItself() || !rollUp;
        if (!rollUp && !run.reportsItself() && (state.terminal() || terminalAt != null)) {
            // Only children reported so far, so the run ended with theirs (or runs again with a child's after an end
            // of another): its own events decide from now.
            state = RunState.RUNNING;
            terminalAt = null;
            endedAt = null;
            infra = false;
        }
        RunState reported = e.state();
        // A run only its children report (the run itself never does) ends with them (see the class comment).
        boolean childrenOnly = rollUp && !reportsItself;
        // Where the error comes from, parsed once (see ChildEnds): a child's end, or a message of the run's own.
        boolean childEnd = rollUp && (reported == RunState.FAILED || reported == RunState.SUCCEEDED);
        boolean ownMessage = !rollUp && e.error() != null;
        // A run only its children report runs while one of them does: their starts and other ends are kept too.
        boolean childStart = childrenOnly && e.started();
        boolean childStop = childrenOnly && e.state() != null && e.state().terminal() && !childEnd;
        ChildEnds ends = null;
        if (childEnd || childStart || childStop || ownMessage || run.childEnds() != null) {
            ends = ChildEnds.parse(
                    run.childEnds(),
                    run.childEnds() == null && childrenOnly && state == RunState.FAILED,
                    run.childEnds() == null ? run.error() : null);
            if (childEnd) {
                ends = ends.with(e.job().key(), reported == RunState.FAILED, t, e.error());
            } else if (childStop) {
                ends = ends.withStop(e.job().key(), t);
            } else if (ownMessage) {
                ends = ends.withOwn(e.error(), t);
            }
            if (childStart) {
                ends = ends.withStart(e.job().key(), e.startedAt() != null ? e.startedAt() : t);
            }
            childEnds = ends.text();
        }
        if (rollUp
                && reported != null
                && reported.terminal()
                && !(childrenOnly && (reported == RunState.FAILED || reported == RunState.SUCCEEDED))) {
            reported = RunState.RUNNING;
        }
        if (reported != null && reported.terminal()) {
            boolean later = terminalAt == null
                    || t.isAfter(terminalAt)
                    || (t.equals(terminalAt) && (!state.terminal() || severity(reported) >= severity(state)));
            if (childrenOnly) {
                // Failed while any child's latest end is a failure (a retry that succeeds makes good its first try),
                // else succeeded. Ended at its last child's end.
                boolean failed = reported == RunState.FAILED;
                if (failed && (state != RunState.FAILED || later)) {
                    infra = e.infraError();
                }
                state = ends.childrenState();
                if (state == RunState.SUCCEEDED) {
                    infra = false;
                }
                terminalAt = later ? t : terminalAt;
                endedAt = state == RunState.RUNNING ? null : terminalAt;
            } else if (later) {
                state = reported;
                terminalAt = t;
                endedAt = t;
                infra = e.infraError();
            }
        } else if (childrenOnly && ends != null && terminalAt != null) {
            // A child started, or ended neither failed nor succeeded, after another's end: running while any runs.
            state = ends.childrenState();
            endedAt = state == RunState.RUNNING ? null : terminalAt;
            if (state == RunState.SUCCEEDED) {
                infra = false;
            }
        } else if (reported != null && !state.terminal()) {
            if (reported == RunState.RUNNING || run.events() == 0) {
                state = reported;
            }
        }
        if (ends != null) {
            // The message of the child that failed last and was not made good, unless the run's own says more than
            // that a task failed. A child's message without an end (a cancelled task's) is not the run's error.
            String own = ends.own();
            String child = ends.failedChild();
            error = own != null && !pointsAtItsTasks(own) ? own : child != null ? child : own;
        }
        if (state == RunState.SUCCEEDED) {
            // A failed try that a retry made good (an Airflow task's first attempt) is not the run's error.
            error = null;
        }
        Instant queuedAt = e.queued() ? min(run.queuedAt(), t) : run.queuedAt();
        Instant startedAt = run.startedAt();
        if (e.startedAt() != null) {
            startedAt = min(startedAt, e.startedAt());
        } else if (e.started()) {
            startedAt = min(startedAt, t);
        }
        if (queuedAt == null
                && startedAt == null
                && endedAt == null
                && run.nominalTime() == null
                && e.nominalTime() == null) {
            // Only an OTHER-like event so far: the run is known (queued) from then on.
            queuedAt = t;
        }
        return new Run(
                run.id(),
                run.format(),
                run.runKey(),
                run.job(),
                run.pipelineRef() != null ? run.pipelineRef() : pipelineRef,
                state,
                terminalAt,
                queuedAt,
                startedAt,
                endedAt,
                first(run.nominalTime(), rollUp ? null : e.nominalTime()),
                first(run.trigger(), rollUp ? null : e.trigger()),
                first(run.actor(), e.actor()),
                first(e.attempt(), run.attempt()),
                run.manual() || (!rollUp && e.manual()),
                infra,
                first(run.url(), rollUp ? null : e.url()),
                error,
                e.datasets() != null && !rollUp ? e.datasets() : run.datasets(),
                run.events() + 1,
                reportsItself,
                // A child (a job, a task) builds its parent's branch; only the run's own events say which.
                first(run.branch(), rollUp ? null : e.branch()),
                first(run.branchKind(), rollUp ? null : e.branchKind()),
                childEnds);
    }

    /**
     * Whether a run's own error only says that one of its tasks failed (Airflow's DAG-run failure reason
     * {@code task_failure}): the task's own message says more, so it is kept whichever arrives first.
     */
    static boolean pointsAtItsTasks(String error) {
        return error.strip().equals("task_failure");
    }

    /**
     * Which of two terminal events with the same event time decides, whichever arrived first: the graver one (a
     * producer that sends COMPLETE and FAIL for one moment has not succeeded).
     */
    private static int severity(RunState s) {
        return switch (s) {
            case FAILED -> 3;
            case CANCELLED -> 2;
            case SUCCEEDED -> 1;
            default -> 0;
        };
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
