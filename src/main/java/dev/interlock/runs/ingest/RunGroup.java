package dev.interlock.runs.ingest;

import java.time.Duration;
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

import dev.interlock.runs.Run;
import dev.interlock.runs.RunEventStore;
import dev.interlock.runs.RunEventStore.StoredEvent;
import dev.interlock.runs.RunStore;
import dev.interlock.runs.bind.Bindings;
import dev.interlock.runs.bind.PipelineDirectory;

/**
 * One group of run event bodies as it is folded: the events seen before, the runs as they stand, what is to be stored.
 * Reads the database once when made (which events were seen, which runs exist, which task runs wait for a pipeline run
 * of the group); folding reads only the bodies of waiting task runs it folds in, and changes only what it holds.
 */
final class RunGroup {

    /** The one format whose task runs wait for their pipeline run. */
    static final String CDEVENTS = "cdevents";

    private final PipelineDirectory.Snapshot snapshot;
    private final Map<String, Set<String>> seen = new HashMap<>();
    private final Set<String> inGroup = new HashSet<>();
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private final List<StoredEvent> stored = new ArrayList<>();
    /** Task runs kept raw, by the key of the pipeline run they wait for (stored before, or earlier in the group). */
    private final Map<String, List<Waiting>> waiting = new HashMap<>();
    /** Dedup keys of CDEvents stored before (task runs that waited) that this group folded. */
    private final Set<String> adopted = new LinkedHashSet<>();

    private final RunEventStore eventStore;

    RunGroup(
            PipelineDirectory.Snapshot snapshot,
            List<List<RunEvent>> bodies,
            RunStore store,
            RunEventStore eventStore) {
        this.snapshot = snapshot;
        Map<String, List<RunEvent>> byFormat =
                bodies.stream().flatMap(List::stream).collect(Collectors.groupingBy(RunEvent::format));
        for (var entry : byFormat.entrySet()) {
            String format = entry.getKey();
            seen.put(
                    format,
                    eventStore.seenAmong(
                            format,
                            entry.getValue().stream().map(RunEvent::dedupKey).toList()));
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
        List<String> awaited = bodies.stream()
                .flatMap(List::stream)
                .filter(RunGroup::awaited)
                .map(e -> RunKeys.ofSource(e.runId(), e.job()))
                .distinct()
                .toList();
        for (RunEventStore.Waiting row : eventStore.waitingFor(CDEVENTS, awaited)) {
            waiting.computeIfAbsent(row.waitsFor(), k -> new ArrayList<>()).add(new Waiting(row.eventTime(), row, -1));
        }
        this.eventStore = eventStore;
    }

    /** Folds one body's events, each new one once. */
    RunIngestion.Result fold(List<RunEvent> events) {
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
        return new RunIngestion.Result(accepted, duplicates, touched);
    }

    /** Folds one new event; returns the pipeline whose run it changed, or {@code null}. */
    private String fold(RunEvent e) {
        if (!e.aboutRun()) {
            stored.add(new StoredEvent(e, null));
            return null;
        }
        Place place = place(e);
        if (place == null) {
            // A child whose parent run is unknown is kept raw; a CDEvents task run until an event of its pipeline run
            // folds it in (an OpenLineage child without its parent's job has nothing to wait for).
            String key = e.format().equals(CDEVENTS) ? waitsFor(e) : null;
            stored.add(new StoredEvent(e, null, key));
            if (key != null) {
                waiting.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new Waiting(e.eventTime(), null, stored.size() - 1));
            }
            return null;
        }
        stored.add(new StoredEvent(e, apply(e, place)));
        if (awaited(e)) {
            foldWaiting(RunKeys.ofSource(e.runId(), e.job()), e.eventTime());
        }
        return runs.get(e.format() + "|" + place.runKey()).pipelineRef();
    }

    /**
     * A task run waits for a pipeline run of its source and id within a day of its own time: Tekton's default timeout
     * of a pipeline run is an hour, and a day leaves room for long runs and late deliveries, while a run id the
     * producer uses again weeks later does not take in the tasks of the first (whose pipeline run was never heard of).
     */
    static final Duration WAIT_WINDOW = Duration.ofDays(1);

    /**
     * Bodies of waiting events read at once, in characters: a task run's body may be as large as a request (megabytes),
     * and all of a run's waiting tasks read in one go could exhaust the heap of the writer that folds them.
     */
    static final long READ_AT_ONCE = 4_000_000;

    /**
     * Folds the task runs that came before their pipeline run, now that an event of it is here: Tekton sends its events
     * as its controller reconciles, so a task's start or end can arrive before its pipeline run's start. Those further
     * than {@link #WAIT_WINDOW} from the event keep waiting.
     */
    private void foldWaiting(String runKey, Instant at) {
        List<Waiting> children = waiting.remove(runKey);
        if (children == null) {
            return;
        }
        List<Waiting> kept = new ArrayList<>();
        List<Waiting> due = new ArrayList<>();
        for (Waiting w : children) {
            (Duration.between(w.time(), at).abs().compareTo(WAIT_WINDOW) <= 0 ? due : kept).add(w);
        }
        if (!kept.isEmpty()) {
            waiting.put(runKey, kept);
        }
        due.sort(java.util.Comparator.comparing(Waiting::time));
        List<Waiting> batch = new ArrayList<>();
        long length = 0;
        for (Waiting w : due) {
            if (w.row() == null) {
                RunEvent e = stored.get(w.storedIndex()).event();
                Place place = place(e);
                if (place != null) {
                    stored.set(w.storedIndex(), new StoredEvent(e, apply(e, place)));
                }
                continue;
            }
            if (!batch.isEmpty() && length + w.row().length() > READ_AT_ONCE) {
                foldStored(batch);
                batch.clear();
                length = 0;
            }
            batch.add(w);
            length += w.row().length();
        }
        foldStored(batch);
    }

    /**
     * Folds waiting events stored before, their bodies read together. One that finds no run to roll up into (its
     * pipeline run is stored under a key of another job, see {@link #own}) or no longer parses keeps waiting.
     */
    private void foldStored(List<Waiting> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, String> bodies = eventStore.bodies(
                CDEVENTS, batch.stream().map(w -> w.row().dedupKey()).toList());
        for (Waiting w : batch) {
            String key = w.row().dedupKey();
            RunEvent e = WaitingEvents.parse(key, bodies.get(key));
            Place place = e == null ? null : place(e);
            if (place != null) {
                apply(e, place);
                adopted.add(key);
            }
        }
    }

    /** Where an event about a run goes: its run's key, job and pipeline, and whether it rolls up into a parent. */
    private record Place(String runKey, JobId job, String ref, boolean rollUp) {}

    /** Folds an event into its run; the run's key. */
    private String apply(RunEvent e, Place place) {
        String key = e.format() + "|" + place.runKey();
        Run run = RunFold.apply(runs.get(key), e, place.runKey(), place.job(), place.ref(), place.rollUp());
        runs.put(key, run);
        changed.add(key);
        return place.runKey();
    }

    /** The run an event goes to, or {@code null} for a task run whose pipeline run is not known yet. */
    private Place place(RunEvent e) {
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
                return null; // a task run whose pipeline run is unknown makes no run of its own
            }
        }
        if (!rollUp) {
            runKey = own(e.format(), runKey, job, ref);
        }
        return new Place(runKey, job, ref, rollUp);
    }

    /** Whether an event is a CDEvents pipeline run's, which task runs that came first may wait for. */
    private static boolean awaited(RunEvent e) {
        return e.format().equals(CDEVENTS)
                && e.aboutRun()
                && e.parentRunId() == null
                && !e.job().name().startsWith("taskrun:");
    }

    /** The key of the pipeline run a task run waits for: the run's id within the task run's source. */
    private static String waitsFor(RunEvent e) {
        return RunKeys.ofSource(e.parentRunId(), e.job());
    }

    /**
     * A task run waiting for its pipeline run, as of its event time: stored before (its row, its body not read yet) or
     * earlier in this group (its place among the events to store).
     */
    private record Waiting(Instant time, RunEventStore.Waiting row, int storedIndex) {}

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
        boolean otherPipeline = format.equals(CDEVENTS) && otherJob
                || otherJob && ref != null && first.pipelineRef() != null && !ref.equals(first.pipelineRef());
        return otherPipeline ? RunKeys.ofJob(runKey, job) : runKey;
    }

    /** The runs the group changed, to save. */
    List<Run> changedRuns() {
        return changed.stream().map(runs::get).toList();
    }

    /** Every new event, with the run it went to, to insert. */
    List<StoredEvent> storedEvents() {
        return stored;
    }

    /** Dedup keys of CDEvents stored before (task runs that waited) that this group folded. */
    Set<String> adoptedEvents() {
        return adopted;
    }
}
