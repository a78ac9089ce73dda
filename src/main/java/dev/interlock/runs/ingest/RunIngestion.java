package dev.interlock.runs.ingest;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.interlock.runs.Run;
import dev.interlock.runs.RunStore;
import dev.interlock.runs.RunsConfig;
import dev.interlock.runs.bind.Bindings;
import dev.interlock.runs.bind.PipelineDirectory;

/**
 * Stores events and folds them into runs, in one transaction per request: all events of a body are stored, or
 * none. A retried event (same dedup key) is recognised and changes nothing. Each event is bound to the pipeline
 * that claims its job, or to its parent's run (a child job, a task run), or kept unbound.
 */
@ApplicationScoped
public class RunIngestion {

    /**
     * What a body did.
     *
     * @param pipelines the pipelines whose runs changed
     */
    public record Result(int accepted, int duplicates, Set<String> pipelines) {
    }

    @Inject
    RunStore store;

    @Inject
    PipelineDirectory directory;

    @Inject
    RunsConfig config;

    /** Refuses events dated too far in the future; nothing is stored when one is. */
    public void checkTimes(List<RunEvent> events, String timeField) {
        Instant limit = Instant.now().plus(config.maxFuture());
        for (int i = 0; i < events.size(); i++) {
            RunEvent e = events.get(i);
            if (e.eventTime().isAfter(limit)) {
                BadRunEvent bad = new BadRunEvent(timeField, "\"" + timeField + "\" " + e.eventTime()
                        + " is more than " + config.maxFuture().toMinutes() + " minutes in the future");
                throw events.size() > 1 ? bad.at(i) : bad;
            }
        }
    }

    @Transactional
    public Result ingest(List<RunEvent> events) {
        PipelineDirectory.Snapshot snapshot = directory.current();
        Instant now = Instant.now();
        int accepted = 0;
        int duplicates = 0;
        Set<String> inBody = new HashSet<>();
        Set<String> touched = new LinkedHashSet<>();
        // One lookup of retries per body (all events of a body are of one format).
        Set<String> seen = events.size() == 1 ? null : store.seenAmong(events.get(0).format(),
                events.stream().map(RunEvent::dedupKey).toList());
        java.util.Map<String, Run> runs = new java.util.HashMap<>();
        for (RunEvent e : events) {
            if (!inBody.add(e.dedupKey()) || (seen == null ? store.seen(e.format(), e.dedupKey())
                    : seen.contains(e.dedupKey()))) {
                duplicates++;
                continue;
            }
            accepted++;
            if (!e.aboutRun()) {
                store.insertEvent(e, null, now);
                continue;
            }
            String runKey = e.runId();
            JobId job = e.job();
            String ref = Bindings.claim(snapshot, job).orElse(null);
            boolean rollUp = false;
            if (e.parentRunId() != null && (ref == null || e.job().name().startsWith("taskrun:"))) {
                Optional<Run> parent = store.find(e.format(), e.parentRunId());
                String parentRef = e.parentJob() != null ? Bindings.claim(snapshot, e.parentJob()).orElse(null)
                        : parent.map(Run::pipelineRef).orElse(null);
                if (parentRef != null || parent.isPresent()) {
                    rollUp = true;
                    runKey = e.parentRunId();
                    job = parent.map(Run::job).orElse(e.parentJob());
                    ref = parent.map(Run::pipelineRef).orElse(parentRef);
                } else if (e.parentJob() == null) {
                    // A task run whose pipeline run is unknown: kept raw, it makes no run of its own.
                    store.insertEvent(e, null, now);
                    continue;
                }
            }
            String key = e.format() + "|" + runKey;
            Run before = runs.containsKey(key) ? runs.get(key) : store.find(e.format(), runKey).orElse(null);
            Run run = store.save(RunFold.apply(before, e, runKey, job, ref, rollUp));
            runs.put(key, run);
            store.insertEvent(e, runKey, now);
            if (run.pipelineRef() != null) {
                touched.add(run.pipelineRef());
            }
        }
        return new Result(accepted, duplicates, touched);
    }
}
