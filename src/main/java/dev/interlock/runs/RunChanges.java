package dev.interlock.runs;

import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.interlock.runs.derive.HealthService;
import dev.interlock.scorecard.ScorecardService;

/**
 * What follows committed run changes: the pipelines' health is recomputed at the next read (at once, on the other
 * replicas too: {@link RunNotices}), and the pipelines and what reads from them downstream are rescored within a
 * fraction of a second (the work is kept in the database at once; a burst of events wakes the scorer once).
 */
@ApplicationScoped
public class RunChanges {

    private static final Logger LOG = Logger.getLogger(RunChanges.class);
    private static final long COALESCE_MILLIS = 200;

    @Inject
    Instance<HealthService> health;

    @Inject
    Instance<ScorecardService> scorecards;

    @Inject
    RunNotices notices;

    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "interlock-run-changes");
        t.setDaemon(true);
        return t;
    });

    /** Pipelines whose runs changed (committed). */
    public void changed(Collection<String> pipelines) {
        if (pipelines.isEmpty()) {
            return;
        }
        restored(pipelines);
        // The scoring they call for is kept in the database at once; the scorer is woken once per burst.
        try {
            scorecards.get().runsChanged(pipelines);
        } catch (RuntimeException e) {
            // The runs are stored: their scoring waits for the next change to these pipelines.
            LOG.errorf(e, "Queueing the scoring after run changes to %d pipelines failed", pipelines.size());
        }
        if (scheduled.compareAndSet(false, true)) {
            timer.schedule(this::flush, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Pipelines whose runs an import restored (committed) with their scorecard results: their health is recomputed
     * at the next read, here and on the other replicas, and nothing is rescored (the results came with the runs).
     */
    public void restored(Collection<String> pipelines) {
        if (pipelines.isEmpty()) {
            return;
        }
        health.get().invalidate(pipelines);
        notices.send(pipelines);
    }

    private void flush() {
        scheduled.set(false);
        try {
            scorecards.get().wake();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Waking the scorer after run changes failed");
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
