package dev.interlock.runs.derive;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

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
    dev.interlock.runs.RunEventStore eventStore;

    @Inject
    PipelineDirectory directory;

    @Inject
    RunChanges changes;

    @Inject
    RunsConfig config;

    @Scheduled(
            every = "${interlock.runs.missed-every:60s}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void missedRunJob() {
        once.run("missed-runs", config.missedEvery(), () -> changes.changed(storeMissedRuns(Instant.now())));
    }

    /** Runs the missed-run and retention jobs on one replica per period. */
    @Inject
    dev.interlock.replicas.OnceAcrossReplicas once;

    /**
     * Stores a missed run for each tick of the last 7 days whose window ended without a run, one transaction per
     * pipeline; returns the pipelines that got one. (Older ticks are counted on read.)
     */
    public Set<String> storeMissedRuns(Instant now) {
        Set<String> touched = new LinkedHashSet<>();
        for (PipelineInfo p : directory.current().pipelines().values()) {
            if (p.schedule() == null) {
                continue;
            }
            // A pipeline is read again only when a tick's window closed since it was last looked at (with this
            // schedule): thousands of scheduled pipelines cost a few queries a minute, not thousands.
            String key = p.ref() + "|" + p.schedule() + "|" + p.timezone() + "|" + p.grace();
            Instant looked = lookedAt.get(key);
            if (looked != null && !Ticks.windowClosedBetween(p.schedule(), p.timezone(), p.grace(), looked, now)) {
                continue;
            }
            if (storeMissedRuns(p, now) > 0) {
                touched.add(p.ref());
            }
            lookedAt.put(key, now);
        }
        if (lookedAt.size() > 4 * directory.current().pipelines().size() + 100) {
            lookedAt.clear();
        }
        return touched;
    }

    /** When each pipeline's schedule was last looked at, by pipeline, schedule, timezone and grace. */
    private final java.util.Map<String, Instant> lookedAt = new java.util.concurrent.ConcurrentHashMap<>();

    /** Stores the missed runs of one pipeline (also before its runs are listed); returns how many. */
    public int storeMissedRuns(PipelineInfo p, Instant now) {
        if (p.schedule() == null) {
            return 0;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Instant since = now.minus(HealthCalculator.DAYS_7);
                List<Run> runs = store.since(p.ref(), now.minus(PipelineInfo.TICKS_JUDGED));
                List<Run> missed = HealthCalculator.missed(p, runs, now).stream()
                        .filter(m -> !m.nominalTime().isBefore(since))
                        .toList();
                store.saveAll(missed);
                return missed.size();
            });
        } catch (RuntimeException e) {
            // Another thread stored the same tick first (unique run key): the next pass sees it.
            LOG.debugf(e, "Missed runs of %s not stored this time", p.ref());
            return 0;
        }
    }

    @Inject
    HealthService health;

    /** Keeps every pipeline's health computed, so that pages and the API seldom compute one while answering. */
    @Scheduled(
            every = "${interlock.runs.health-every}",
            delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void healthJob() {
        health.warmAll();
    }

    @Scheduled(
            every = "${interlock.runs.retention-every:1h}",
            delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retentionJob() {
        once.run("run-retention", config.retentionEvery(), () -> {
            int[] deleted = prune(Instant.now().minus(config.retention()));
            if (deleted[0] + deleted[1] > 0) {
                LOG.infof(
                        "Run retention (%s): deleted %d events and %d runs",
                        config.retention(), deleted[0], deleted[1]);
            }
        });
    }

    /** Deletes raw events and runs that happened before a time; returns {events, runs}. */
    @Transactional
    public int[] prune(Instant before) {
        return new int[] {eventStore.deleteBefore(before), store.deleteBefore(before)};
    }
}
