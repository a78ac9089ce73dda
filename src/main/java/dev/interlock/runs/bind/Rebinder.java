package dev.interlock.runs.bind;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

import dev.interlock.catalog.CatalogVersion;
import dev.interlock.replicas.SharedLocks;
import dev.interlock.runs.JobRuns;
import dev.interlock.runs.RunChanges;
import dev.interlock.runs.RunJobs;
import dev.interlock.runs.RunStore;

/**
 * Keeps runs bound to the pipelines that claim them as the catalog changes: a pipeline registered with the
 * annotations of an unbound job takes its runs (history included); a pipeline that stops claiming a job lets them
 * go back to unbound.
 */
@ApplicationScoped
public class Rebinder {

    private static final Logger LOG = Logger.getLogger(Rebinder.class);

    @Inject
    RunStore store;

    @Inject
    RunJobs runJobs;

    @Inject
    PipelineDirectory directory;

    @Inject
    RunChanges changes;

    @Inject
    SharedLocks locks;

    @Inject
    BoundClaims claims;

    @Inject
    dev.interlock.runs.RunsConfig config;

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "interlock-rebinder");
        t.setDaemon(true);
        return t;
    });

    /**
     * What a rebinding pass is for, which decides whether it reads every job's runs; in the order of how often they do.
     *
     * <ul>
     *   <li>{@code CHANGE}: after a catalog change; reads them only if the pipelines' claims changed since the last
     *       pass (the ingest binds each run by the claims of its time, so only a change of the claims moves runs);
     *   <li>{@code START}: at start; reads them unless the claims are those of the last pass and that pass settled
     *       them (this replica may have been stopped between a change's commit and its pass, or before its settling);
     *   <li>{@code SETTLE}: {@code interlock.runs.rebind-settle} after a pass that found the claims changed; always
     *       reads them: a run event stored by the claims before the change while that pass was reading the jobs
     *       escaped it.
     * </ul>
     */
    public enum Pass {
        CHANGE,
        START,
        SETTLE
    }

    /** The pass queued and not started: a change that comes meanwhile is covered by it. */
    private final java.util.concurrent.atomic.AtomicReference<Pass> next =
            new java.util.concurrent.atomic.AtomicReference<>();

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogVersion.Changed change) {
        queue(Pass.CHANGE);
    }

    /**
     * Rebinds once at start: the rebinding a change calls for is done after its commit, in memory, by the replica that
     * made it, so a replica stopped or killed in between left it undone, and another replica would do it only after a
     * change of its own (the runs of a job stayed with the pipeline that no longer claims it, or unbound).
     */
    void onStart(@Observes StartupEvent event) {
        if (!Boolean.getBoolean(dev.interlock.security.LocalAccounts.COMMAND)) {
            // A command (export, import) ends as soon as it is done: it leaves the rebinding to the server.
            queue(Pass.START);
        }
    }

    private void queue(Pass pass) {
        // A burst of registrations rebinds once or twice, not once per change; of two passes asked for, the one that
        // reads runs more often is done.
        Pass was = next.getAndAccumulate(
                pass, (queued, asked) -> queued == null || asked.compareTo(queued) > 0 ? asked : queued);
        if (was != null) {
            return;
        }
        worker.submit(() -> {
            Pass now = next.getAndSet(null);
            try {
                // One replica rebinds at a time, each reading the pipelines once the other's rebinding committed:
                // else one that read them before a change another replica made could write its older bindings
                // over the newer ones after the other's rebinding, and nothing would rebind again.
                changes.changed(locks.withLock("rebind", () -> rebind(now)));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Binding runs after a catalog change failed; trying again in %s", config.rebindSettle());
                settleLater();
            }
        });
    }

    /**
     * Moves every job's runs to the pipeline that claims it now, if the pass calls for reading them ({@link Pass});
     * returns the pipelines that gained or lost runs. A start reads every job from the runs, a scan of the whole runs
     * table (seconds at a million runs); the other passes read the table of jobs, a row per job.
     */
    @Transactional
    public Set<String> rebind(Pass pass) {
        if (!store.any()) {
            // No runs to move: the pipelines are not read (a catalog without runs registers as fast as before). The
            // runs stored from now on are checked by no pass yet: the next pass with runs reads them all.
            claims.forget();
            return Set.of();
        }
        PipelineDirectory.Snapshot snapshot = directory.current();
        String digest = BoundClaims.digest(snapshot);
        BoundClaims.Bound last = claims.last();
        boolean same = digest.equals(last.claims());
        if (pass == Pass.CHANGE && same || pass == Pass.START && same && last.settled()) {
            LOG.debugf("Rebinding skipped (%s): the pipelines claim what they claimed at the last pass", pass);
            return Set.of();
        }
        long started = System.nanoTime();
        // A start reads the runs themselves, in case the table of jobs missed a change of theirs (it follows every
        // change the application makes); the passes after a change read a row per job (milliseconds, not seconds).
        List<JobRuns> jobs = pass == Pass.START ? store.jobs() : runJobs.all();
        if (pass == Pass.START) {
            store.reconcileJobs(jobs);
        }
        Set<String> touched = new HashSet<>();
        Map<String, String> moves = new HashMap<>();
        for (JobRuns job : jobs) {
            String claim = Bindings.claim(snapshot, job.job()).orElse(null);
            String current = job.pipelineRef();
            if (claim != null ? !claim.equals(current) : current != null) {
                moves.put(job.key(), claim);
                if (claim != null) {
                    touched.add(claim);
                }
                if (current != null) {
                    touched.add(current);
                }
            }
        }
        store.rebind(moves);
        // Settled when the claims are those the last pass bound by: this pass came after that one's ingests.
        claims.record(last.claims(), digest, same);
        if (!same) {
            settleLater();
        }
        LOG.debugf(
                "Rebinding (%s) read %d jobs in %d ms; pipelines that gained or lost runs: %d",
                pass, jobs.size(), (System.nanoTime() - started) / 1_000_000, touched.size());
        return touched;
    }

    private void settleLater() {
        worker.schedule(() -> queue(Pass.SETTLE), config.rebindSettle().toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
