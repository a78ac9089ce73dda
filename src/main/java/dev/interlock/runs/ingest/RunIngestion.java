package dev.interlock.runs.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.interlock.runs.Run;
import dev.interlock.runs.RunEventStore;
import dev.interlock.runs.RunEventStore.StoredEvent;
import dev.interlock.runs.RunStore;
import dev.interlock.runs.RunsConfig;
import dev.interlock.runs.bind.Bindings;
import dev.interlock.runs.bind.PipelineDirectory;

/**
 * Stores events and folds them into runs, in one transaction for a group of bodies: all events are stored, or none.
 * A retried event (same dedup key) is recognised and changes nothing. Each event is bound to the pipeline that claims
 * its job, or to its parent's run (a child job, a task run), or kept unbound. The database is read once per group
 * (which events were seen, which runs exist) and written in batches, so a group costs a handful of statements.
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
        Group group = new Group(directory.current(), bodies);
        List<Result> results = new ArrayList<>();
        for (List<RunEvent> body : bodies) {
            results.add(group.fold(body));
        }
        store.saveAll(group.changed.stream().map(group.runs::get).toList());
        eventStore.insertEvents(group.stored, Instant.now());
        return results;
    }

    /** What one group knows while folding: the events seen, the runs as they stand, what is to be stored. */
    private final class Group {

        private final PipelineDirectory.Snapshot snapshot;
        private final Map<String, Set<String>> seen = new HashMap<>();
        private final Set<String> inGroup = new HashSet<>();
        private final Map<String, Run> runs = new LinkedHashMap<>();
        private final Set<String> changed = new LinkedHashSet<>();
        private final List<StoredEvent> stored = new ArrayList<>();

        Group(PipelineDirectory.Snapshot snapshot, List<List<RunEvent>> bodies) {
            this.snapshot = snapshot;
            Map<String, List<RunEvent>> byFormat =
                    bodies.stream().flatMap(List::stream).collect(Collectors.groupingBy(RunEvent::format));
            for (var entry : byFormat.entrySet()) {
                String format = entry.getKey();
                seen.put(
                        format,
                        eventStore.seenAmong(
                                format,
                                entry.getValue().stream()
                                        .map(RunEvent::dedupKey)
                                        .toList()));
                Set<String> keys = new LinkedHashSet<>();
                for (RunEvent e : entry.getValue()) {
                    if (e.runId() != null) {
                        keys.add(e.runId());
                        keys.add(RunKeys.ofSource(e.runId(), e.job()));
                        keys.add(RunKeys.ofJob(e.runId(), e.job()));
                    }
                    if (e.parentRunId() != null) {
                        keys.add(e.parentRunId());
                        keys.add(RunKeys.ofSource(e.parentRunId(), side(e.parentJob(), e)));
                        keys.add(RunKeys.ofJob(e.parentRunId(), side(e.parentJob(), e)));
                    }
                    if (e.rootRunId() != null) {
                        keys.add(e.rootRunId());
                        keys.add(RunKeys.ofSource(e.rootRunId(), side(e.rootJob(), e)));
                        keys.add(RunKeys.ofJob(e.rootRunId(), side(e.rootJob(), e)));
                    }
                }
                store.findAll(format, keys).forEach((key, run) -> runs.put(format + "|" + key, run));
            }
        }

        Result fold(List<RunEvent> events) {
            int accepted = 0;
            int duplicates = 0;
            Set<String> touched = new LinkedHashSet<>();
            for (RunEvent e : events) {
                if (!inGroup.add(e.format() + "|" + e.dedupKey())
                        || seen.get(e.format()).contains(e.dedupKey())) {
                    duplicates++;
                    continue;
                }
                accepted++;
                String pipeline = fold(e);
                if (pipeline != null) {
                    touched.add(pipeline);
                }
            }
            return new Result(accepted, duplicates, touched);
        }

        /** Folds one new event; returns the pipeline whose run it changed, or {@code null}. */
        private String fold(RunEvent e) {
            if (!e.aboutRun()) {
                stored.add(new StoredEvent(e, null));
                return null;
            }
            String runKey = e.runId();
            JobId job = e.job();
            String ref = Bindings.claim(snapshot, job).orElse(null);
            boolean rollUp = false;
            // A run naming itself as its parent is not a child (it would roll up into itself and never finish).
            if (e.parentRunId() != null && !e.parentRunId().equals(e.runId())) {
                Parent parent = parentOf(e);
                // A child rolls up unless another pipeline claims it: a wildcard that claims a dbt run and its models
                // (revenue_models, revenue_models.*) must not make each model a run of its own, whether the model's
                // events come before the run's own or after (a run its children alone report ends with them, RunFold).
                boolean child = ref == null || e.job().name().startsWith("taskrun:") || ref.equals(parent.ref());
                if (child && (parent.ref() != null || parent.run() != null)) {
                    rollUp = true;
                    runKey = parent.key();
                    job = parent.run() != null ? parent.run().job() : parent.job();
                    ref = parent.run() != null ? parent.run().pipelineRef() : parent.ref();
                } else if (child && e.parentJob() == null) {
                    // A task run whose pipeline run is unknown: kept raw, it makes no run of its own.
                    stored.add(new StoredEvent(e, null));
                    return null;
                }
            }
            if (!rollUp) {
                runKey = own(e.format(), runKey, job, ref);
            }
            String key = e.format() + "|" + runKey;
            Run run = RunFold.apply(runs.get(key), e, runKey, job, ref, rollUp);
            runs.put(key, run);
            changed.add(key);
            stored.add(new StoredEvent(e, runKey));
            return run.pipelineRef();
        }

        /** The job whose source a parent (or root) run id belongs to: that job when named, else the event's own. */
        private static JobId side(JobId named, RunEvent e) {
            return named != null ? named : e.job();
        }

        /**
         * A run a child may roll up into: its key, the run when it is known, the pipeline that claims it (or its
         * run's), and its job as the event names it.
         */
        private record Parent(String key, Run run, String ref, JobId job) {}

        private Parent parent(String format, String runId, JobId named, RunEvent e) {
            String key = parentKey(format, runId, side(named, e));
            Run run = runs.get(format + "|" + key);
            // The run's own pipeline when it has one: a job's name varies from event to event (Spark's do).
            String ref = run != null && run.pipelineRef() != null
                    ? run.pipelineRef()
                    : named != null ? Bindings.claim(snapshot, named).orElse(null) : null;
            return new Parent(key, run, ref, named);
        }

        /**
         * The run a child rolls up into: its parent's, else its lineage's root's. A Spark job started by an Airflow
         * task names the task's run as its parent, but the task's events were folded into the DAG's run (the root),
         * so no run has the task's id. The root stands in only when the parent's run is unknown and no other pipeline
         * claims the parent (whose run it would then be, whichever event arrives first); a run that exists is
         * preferred to one only a claim knows (which a child's event would create).
         */
        private Parent parentOf(RunEvent e) {
            Parent direct = parent(e.format(), e.parentRunId(), e.parentJob(), e);
            if (direct.run() != null || e.rootRunId() == null) {
                return direct;
            }
            Parent root = parent(e.format(), e.rootRunId(), e.rootJob(), e);
            if (direct.ref() != null && !direct.ref().equals(root.ref())) {
                return direct;
            }
            return root.run() != null || (direct.ref() == null && root.ref() != null) ? root : direct;
        }

        /**
         * The key of a parent run: its id, or the id qualified by its source when a run of another source has the id
         * (see {@link #own}), so that a child never rolls up into another source's run.
         */
        private String parentKey(String format, String parentRunId, JobId parentSide) {
            String byJob = RunKeys.ofJob(parentRunId, parentSide);
            if (runs.containsKey(format + "|" + byJob)) {
                return byJob; // the parent is a run of its own under an id another job's run had first (see #own)
            }
            String qualified = RunKeys.ofSource(parentRunId, parentSide);
            if (runs.containsKey(format + "|" + qualified)) {
                return qualified;
            }
            Run plain = runs.get(format + "|" + parentRunId);
            return plain == null || plain.job().namespace().equals(parentSide.namespace()) ? parentRunId : qualified;
        }

        /**
         * The key of the run an event is about. Run ids are unique only within their source (a CDEvents subject id
         * within its {@code source}; a Jenkins build number is not unique at all), so the same id from another source
         * is a run of its own under a qualified key, never folded into the first one (which would book one pipeline's
         * failure to another); so is a CDEvents id of another pipeline of the same source, and an id of another job
         * that another pipeline claims. Otherwise, within one source an OpenLineage or GitHub run keeps its id
         * whatever its job is called in each event (Spark's job names vary).
         */
        private String own(String format, String runKey, JobId job, String ref) {
            for (String qualified : List.of(RunKeys.ofSource(runKey, job), RunKeys.ofJob(runKey, job))) {
                if (runs.containsKey(format + "|" + qualified)) {
                    return qualified;
                }
            }
            Run first = runs.get(format + "|" + runKey);
            if (first == null) {
                return runKey;
            }
            if (!first.job().namespace().equals(job.namespace())) {
                return RunKeys.ofSource(runKey, job);
            }
            // Another job under the same id is another run when another pipeline claims it: Airflow's run ids
            // (scheduled__2026-12-03T06:00:00+00:00) are the same for every DAG of one logical date. One pipeline's
            // events, or unclaimed ones, keep the id whatever the job is called (Spark's names vary).
            boolean otherJob = !first.job().name().equals(job.name());
            boolean otherPipeline = format.equals("cdevents") && otherJob
                    || otherJob && ref != null && first.pipelineRef() != null && !ref.equals(first.pipelineRef());
            return otherPipeline ? RunKeys.ofJob(runKey, job) : runKey;
        }
    }
}
