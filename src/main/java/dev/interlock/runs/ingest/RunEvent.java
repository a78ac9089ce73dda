package dev.interlock.runs.ingest;

import java.time.Instant;

import dev.interlock.runs.BranchKind;
import dev.interlock.runs.RunState;

/**
 * One run event, parsed once at the edge from any of the three formats into the fields the rest of Interlock uses.
 *
 * @param format {@code openlineage}, {@code cdevents} or {@code github}
 * @param dedupKey what recognises a retry of the same event (unique per format)
 * @param eventType the format's own event type (START, dev.cdevents.pipelinerun.finished.0.2.0, completed …)
 * @param eventTime when the event happened, by the sender's clock
 * @param job the job that ran
 * @param parentJob the job of the parent run (OpenLineage ParentRunFacet), or {@code null}
 * @param runId the run's id in its platform ({@code null} for events that are not about a run)
 * @param parentRunId the parent run's id, or {@code null}
 * @param rootRunId the id of the run at the root of the parent's lineage (OpenLineage ParentRunFacet's {@code root}),
 *        or {@code null}
 * @param rootJob the job of that root run, or {@code null}
 * @param state the state this event reports, or {@code null} when it reports none (OTHER, unknown CDEvent types)
 * @param queued whether the event says the run was queued (its time is the queue time)
 * @param started whether the event says the run started (its time is the start time when no explicit one is given)
 * @param startedAt an explicit start time the event carries (GitHub run_started_at), or {@code null}
 * @param nominalTime the schedule tick the run is for (OpenLineage nominalTime facet), or {@code null}
 * @param trigger schedule, push, manual, after or event; {@code null} when the source does not say
 * @param manual whether a person started the run by hand as far as the source tells
 * @param actor who started the run, when the source names them
 * @param attempt the attempt number, or {@code null}
 * @param url the run in its platform, or {@code null}
 * @param error the error message of a failed run, or {@code null}
 * @param infraError whether the failure is an infrastructure error (CDEvents outcome {@code error})
 * @param datasets inputs and outputs as JSON ({@code {"inputs":[…],"outputs":[…]}}), or {@code null}
 * @param branch the branch the run built (GitHub's {@code head_branch}), or {@code null}
 * @param branchKind what that branch is (the main line, another branch, a proposed change), or {@code null}
 * @param body the event as it arrived
 */
public record RunEvent(
        String format,
        String dedupKey,
        String eventType,
        Instant eventTime,
        JobId job,
        JobId parentJob,
        String runId,
        String parentRunId,
        String rootRunId,
        JobId rootJob,
        RunState state,
        boolean queued,
        boolean started,
        Instant startedAt,
        Instant nominalTime,
        String trigger,
        boolean manual,
        String actor,
        Integer attempt,
        String url,
        String error,
        boolean infraError,
        String datasets,
        String branch,
        BranchKind branchKind,
        String body) {

    /**
     * An event about no run (a CDEvent about a service or an incident, an OpenLineage JobEvent or DatasetEvent): kept
     * as it arrived, folded into nothing.
     */
    public static RunEvent aboutNoRun(
            String format,
            String dedupKey,
            String eventType,
            Instant eventTime,
            JobId job,
            String url,
            String error,
            String body) {
        return new RunEvent(
                format, dedupKey, eventType, eventTime, job, null, null, null, null, null, null, false, false, null,
                null, null, false, null, null, url, error, false, null, null, null, body);
    }

    /** Whether the event is about a run (some CDEvents and OpenLineage events are not). */
    public boolean aboutRun() {
        return runId != null;
    }
}
