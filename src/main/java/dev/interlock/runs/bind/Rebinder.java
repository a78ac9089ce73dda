package dev.interlock.runs.bind;

import java.util.HashSet;
import java.util.List;
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
import dev.interlock.runs.Run;
import dev.interlock.runs.RunChanges;
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

    /** Whether a rebinding is queued and not started: changes that come meanwhile are covered by it. */
    private final java.util.concurrent.atomic.AtomicBoolean queued = new java.util.concurrent.atomic.AtomicBoolean();

    /** Whether the queued pass reads every job's runs even if the claims are those of the last pass (at start). */
    private final java.util.concurrent.atomic.AtomicBoolean full = new java.util.concurrent.atomic.AtomicBoolean();

    /** Whether the queued pass is the one at start, which no ingest of this replica's can have raced. */
    private final java.util.concurrent.atomic.AtomicBoolean starting = new java.util.concurrent.atomic.AtomicBoolean();

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogVersion.Changed change) {
        queue();
    }

    /**
     * Rebinds once at start: the rebinding a change calls for is done after its commit, in memory, by the replica that
     * made it, so a replica stopped or killed in between left it undone, and another replica would do it only after a
     * change of its own (the runs of a job stayed with the pipeline that no longer claims it, or unbound).
     */
    void onStart(@Observes StartupEvent event) {
        if (!Boolean.getBoolean(dev.interlock.security.LocalAccounts.COMMAND)) {
            // A command (export, import) ends as soon as it is done: it leaves the rebinding to the server.
            full.set(true);
            starting.set(true);
            queue();
        }
    }

    private void queue() {
        // A burst of registrations rebinds once or twice, not once per change (each pass reads every job's runs).
        if (!queued.compareAndSet(false, true)) {
            return;
        }
        worker.submit(() -> {
            queued.set(false);
            boolean everyJob = full.getAndSet(false);
            boolean settle = !starting.getAndSet(false);
            try {
                // One replica rebinds at a time, each reading the pipelines once the other's rebinding committed:
                // else one that read them before a change another replica made could write its older bindings
                // over the newer ones after the other's rebinding, and nothing would rebind again.
                changes.changed(locks.withLock("rebind", () -> rebind(everyJob, settle)));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Binding runs after a catalog change failed");
                if (everyJob) {
                    // The next pass does what this one could not.
                    full.set(true);
                }
            }
        });
    }

    /**
     * Moves every job's runs to the pipeline that claims it now; returns the pipelines that gained or lost runs. When
     * the pipelines claim exactly what they claimed at the last pass, and {@code everyJob} is false, nothing moves and
     * the runs are not read: the ingest binds each run by the claims of its time, so only a change of the claims
     * moves runs (reading every job's runs is a scan of the whole runs table: seconds at a million runs).
     *
     * <p>A run ingested by the claims before a change, while that change's pass was reading the jobs, would escape
     * it: a pass for changed claims is followed by one that reads every job's runs again once ingests in flight have
     * committed ({@code interlock.runs.rebind-settle} later).
     */
    @Transactional
    public Set<String> rebind(boolean everyJob) {
        return rebind(everyJob, true);
    }

    /**
     * {@link #rebind(boolean)}; a pass that finds the claims changed is followed by a settling one if {@code settle}
     * (not at start, which no ingest of this replica's can have raced).
     */
    @Transactional
    Set<String> rebind(boolean everyJob, boolean settle) {
        if (!store.any()) {
            // No runs to move: the pipelines are not read (a catalog without runs registers as fast as before). The
            // runs stored from now on are checked by no pass yet: the next pass with runs reads them all.
            claims.forget();
            return Set.of();
        }
        PipelineDirectory.Snapshot snapshot = directory.current();
        String digest = BoundClaims.digest(snapshot);
        String last = claims.last();
        if (!everyJob && digest.equals(last)) {
            LOG.debugf("Rebinding skipped: the pipelines claim what they claimed at the last pass");
            return Set.of();
        }
        long started = System.nanoTime();
        List<Run> jobs = store.jobs();
        Set<String> touched = new HashSet<>();
        for (Run job : jobs) {
            String claim = Bindings.claim(snapshot, job.job()).orElse(null);
            String current = job.pipelineRef();
            if (claim != null ? !claim.equals(current) : current != null) {
                store.rebind(job.job().key(), claim);
                if (claim != null) {
                    touched.add(claim);
                }
                if (current != null) {
                    touched.add(current);
                }
            }
        }
        claims.record(last, digest);
        if (settle && !digest.equals(last)) {
            worker.schedule(this::settle, config.rebindSettle().toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.debugf(
                "Rebinding read %d jobs in %d ms; pipelines that gained or lost runs: %d",
                jobs.size(), (System.nanoTime() - started) / 1_000_000, touched.size());
        return touched;
    }

    /** Reads every job's runs again after a pass for changed claims (see {@link #rebind}). */
    private void settle() {
        full.set(true);
        queue();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
