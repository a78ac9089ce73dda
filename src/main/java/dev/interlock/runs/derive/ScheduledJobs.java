package dev.interlock.runs.derive;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

import dev.interlock.runs.Run;
import dev.interlock.runs.RunChanges;
import dev.interlock.runs.RunStore;
import dev.interlock.runs.RunsConfig;
import dev.interlock.runs.bind.PipelineDirectory;
import dev.interlock.runs.bind.PipelineInfo;

/**
 * The two jobs of runs: storing missed runs for schedule ticks that passed without a run (so that they show in the
 * runs list and trigger rescoring even when no event ever arrives), and deleting events and runs older than
 * {@code interlock.runs.retention}.
 */
@ApplicationScoped
public class ScheduledJobs {

    private static final Logger LOG = Logger.getLogger(ScheduledJobs.class);

    @Inject
    RunStore store;

    @Inject
    PipelineDirectory directory;

    @Inject
    RunChanges changes;

    @Inject
    RunsConfig config;

    @Scheduled(every = "${interlock.runs.missed-every:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void missedRunJob() {
        changes.changed(storeMissedRuns(Instant.now()));
    }

    /** Stores a missed run for each tick whose window ended without a run; returns the pipelines that got one. */
    @Transactional
    public Set<String> storeMissedRuns(Instant now) {
        Set<String> touched = new LinkedHashSet<>();
        for (PipelineInfo p : directory.current().pipelines().values()) {
            if (storeMissedRuns(p, now) > 0) {
                touched.add(p.ref());
            }
        }
        return touched;
    }

    /** Stores the missed runs of one pipeline (before its runs are listed); returns how many. */
    @Transactional
    public int storeMissedRuns(PipelineInfo p, Instant now) {
        if (p.schedule() == null) {
            return 0;
        }
        int stored = 0;
        List<Run> runs = store.since(p.ref(), now.minus(HealthCalculator.DAYS_30).minus(java.time.Duration.ofDays(1)));
        for (Run missed : HealthCalculator.missed(p, runs, now)) {
            if (store.find("schedule", missed.runKey()).isEmpty()) {
                store.save(missed);
                stored++;
            }
        }
        return stored;
    }

    @Scheduled(every = "${interlock.runs.retention-every:1h}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retentionJob() {
        int[] deleted = prune(Instant.now().minus(config.retention()));
        if (deleted[0] + deleted[1] > 0) {
            LOG.infof("Run retention (%s): deleted %d events and %d runs", config.retention(), deleted[0], deleted[1]);
        }
    }

    /** Deletes raw events and runs that happened before a time; returns {events, runs}. */
    @Transactional
    public int[] prune(Instant before) {
        return store.deleteBefore(before);
    }
}
