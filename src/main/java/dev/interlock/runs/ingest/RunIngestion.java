package dev.interlock.runs.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.interlock.runs.RunEventStore;
import dev.interlock.runs.RunStore;
import dev.interlock.runs.RunsConfig;
import dev.interlock.runs.bind.PipelineDirectory;

/**
 * Stores events and folds them into runs, in one transaction for a group of bodies: all events are stored, or none.
 * A retried event (same dedup key) is recognised and changes nothing. Each event is bound to the pipeline that claims
 * its job, or to its parent's run (a child job, a task run), or kept unbound; a task run whose pipeline run is unknown
 * is kept raw until an event of that run folds it in ({@link RunGroup}). Replicas sharing a database take the locks of
 * the group's runs first ({@link RunLocks}), so that they never fold one run at the same time. The database is read
 * once per group (which events were seen, which runs exist, which task runs wait for a run of the group), besides the
 * bodies of waiting task runs folded in, and written in batches, so a group costs a handful of statements.
 */
@ApplicationScoped
public class RunIngestion {

    /**
     * What a body did.
     *
     * @param pipelines the pipelines whose runs changed
     */
    public record Result(int accepted, int duplicates, Set<String> pipelines) {}

    @Inject
    RunStore store;

    @Inject
    RunEventStore eventStore;

    @Inject
    PipelineDirectory directory;

    @Inject
    RunsConfig config;

    @Inject
    RunLocks locks;

    /** Refuses events dated too far in the future; nothing is stored when one is. */
    public void checkTimes(List<RunEvent> events, String timeField) {
        Instant limit = Instant.now().plus(config.maxFuture());
        for (int i = 0; i < events.size(); i++) {
            RunEvent e = events.get(i);
            BadRunEvent bad = future(e.eventTime(), limit, timeField);
            if (bad == null) {
                // The times an event carries besides its own (only GitHub gives a start, only OpenLineage a tick):
                // a run from the future would make health walk the schedule up to it.
                bad = future(e.startedAt(), limit, "workflow_run.run_started_at");
            }
            if (bad == null) {
                bad = future(e.nominalTime(), limit, "run.facets.nominalTime.nominalStartTime");
            }
            if (bad == null
                    && e.startedAt() != null
                    && e.startedAt().isBefore(e.eventTime().minus(MAX_RUN_LENGTH))) {
                bad = new BadRunEvent(
                        "workflow_run.run_started_at",
                        "\"workflow_run.run_started_at\" " + e.startedAt() + " is more than " + MAX_RUN_LENGTH.toDays()
                                + " days before the event; no run lasts that long");
            }
            if (bad == null
                    && e.startedAt() != null
                    && e.state() != null
                    && e.state().terminal()
                    && e.eventTime().isBefore(e.startedAt())) {
                bad = new BadRunEvent(
                        timeField,
                        "\"" + timeField + "\" " + e.eventTime() + " is before \"workflow_run.run_started_at\" "
                                + e.startedAt() + ": a run cannot end before it starts");
            }
            if (bad != null) {
                throw events.size() > 1 ? bad.at(i) : bad;
            }
        }
    }

    /** Longest a run may last from its start to an event about it (GitHub keeps a workflow run 35 days at most). */
    static final java.time.Duration MAX_RUN_LENGTH = java.time.Duration.ofDays(100);

    private BadRunEvent future(Instant time, Instant limit, String field) {
        return time == null || !time.isAfter(limit)
                ? null
                : new BadRunEvent(
                        field,
                        "\"" + field + "\" " + time + " is more than "
                                + config.maxFuture().toMinutes() + " minutes in the future");
    }

    /** Stores one body's events. */
    @Transactional
    public Result ingest(List<RunEvent> events) {
        return ingestAll(List.of(events)).get(0);
    }

    /** Stores several bodies' events in one transaction; one result per body, in order. */
    @Transactional
    public List<Result> ingestAll(List<List<RunEvent>> bodies) {
        locks.lockRunsOf(bodies);
        RunGroup group = new RunGroup(directory.current(), bodies, store, eventStore);
        List<Result> results = new ArrayList<>();
        for (List<RunEvent> body : bodies) {
            results.add(group.fold(body));
        }
        store.saveAll(group.changedRuns());
        eventStore.insertEvents(group.storedEvents(), Instant.now());
        eventStore.folded(RunGroup.CDEVENTS, group.adoptedEvents());
        return results;
    }
}
