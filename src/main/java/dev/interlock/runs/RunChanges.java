package dev.interlock.runs;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.interlock.runs.bind.PipelineDirectory;
import dev.interlock.runs.derive.HealthService;
import dev.interlock.scorecard.ScorecardService;

/**
 * What follows committed run changes: the pipelines' health is recomputed at the next read (at once, on the other
 * replicas too: {@link RunNotices}), and the pipelines and what reads from them downstream are rescored within a
 * fraction of a second (changes of a burst of events are coalesced into one scoring).
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
    PipelineDirectory directory;

    @Inject
    RunNotices notices;

    private final Set<String> pending = ConcurrentHashMap.newKeySet();
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
        health.get().invalidate(pipelines);
        notices.send(pipelines);
        pending.addAll(pipelines);
        if (scheduled.compareAndSet(false, true)) {
            timer.schedule(this::flush, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void flush() {
        scheduled.set(false);
        List<String> refs = List.copyOf(pending);
        pending.removeAll(refs);
        if (refs.isEmpty()) {
            return;
        }
        try {
            // Downstream pipelines' upstreamStale may have changed too.
            Set<String> affected = health.get().withDownstream(refs, directory.current());
            scorecards.get().rescoreSoon(affected);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Rescoring after run changes to %d pipelines failed", refs.size());
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
