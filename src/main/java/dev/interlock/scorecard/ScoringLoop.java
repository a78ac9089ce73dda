package dev.interlock.scorecard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.context.api.ManagedExecutorConfig;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

import dev.interlock.catalog.CatalogVersion;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.replicas.LockKeys;
import dev.interlock.replicas.SharedDatabase;
import dev.interlock.sql.Jdbc;

/**
 * Drains the {@code scoring_work} queue. Scoring runs on one managed task at a time, after the change committed:
 * registration does not wait for it, and scorings never race each other over the same results. What waits is kept
 * in the database ({@link ScoringWork}) until its results are stored; on PostgreSQL one replica scores at a time (it
 * holds an advisory lock while it works), so a result and its history row are written once. Work is queued per
 * scorecard and done a slice at a time, each scorecard in turn ({@link ScoringQueue}), and new work is claimed
 * between slices, so one expensive scorecard cannot starve the others.
 */
@ApplicationScoped
public class ScoringLoop {

    private static final Logger LOG = Logger.getLogger(ScoringLoop.class);

    /**
     * One task at a time, like a thread of its own; no context of the waking thread (its transaction has ended when
     * a commit wakes the scorer).
     */
    @Inject
    @ManagedExecutorConfig(
            maxAsync = 1,
            propagated = {},
            cleared = ThreadContext.ALL_REMAINING)
    ManagedExecutor executor;

    @Inject
    ScoringWork work;

    @Inject
    ScoringPlanner planner;

    @Inject
    Scorer scorer;

    @Inject
    Scorecards scorecards;

    @Inject
    ScoreStore store;

    @Inject
    SharedDatabase database;

    @Inject
    DataSource dataSource;

    @Inject
    ScorecardConfig config;

    /** Entities waiting to be scored, per scorecard (used only by the running task). */
    private final ScoringQueue queue = new ScoringQueue();
    /** Whether a look at the work is queued on the executor and not started (wakes meanwhile are covered). */
    private final AtomicBoolean woken = new AtomicBoolean();

    private volatile boolean stopping;

    /** The change queued its work in its transaction ({@link ScoringWork}); now that it committed, score it. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogVersion.Changed change) {
        wake();
    }

    /** Looks for work nobody is doing: left by a replica that stopped, or queued while another replica scored. */
    @Scheduled(
            every = "${interlock.scoring.poll-every:2s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!stopping && work.pending() > 0) {
            wake();
        }
    }

    /** Scores the work that waits, soon, on the scoring task. */
    public void wake() {
        if (!stopping && woken.compareAndSet(false, true)) {
            executor.runAsync(this::drain);
        }
    }

    /** Whether no scoring work waits, here or in the database (for tests and readiness). */
    public boolean idle() {
        return queue.size() == 0 && work.pending() == 0;
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    /**
     * Claims the waiting work in one transaction (on PostgreSQL under the scorer lock: when another replica holds it,
     * that replica scores), scores it, then deletes the rows and commits. A failure, a stop or a crash before the
     * commit leaves the rows for the next scorer; scoring them again writes the same results and no new history.
     * Planning and scoring run with the claim suspended, and each slice's results are stored in a transaction of
     * their own ({@link ScoreStore}), so they are kept as they come while the claim stays open.
     */
    private void drain() {
        woken.set(false);
        try {
            QuarkusTransaction.requiringNew()
                    .timeout((int) config.scoring().claimTimeout().toSeconds())
                    .run(() -> {
                        if (database.shared()
                                && !Jdbc.run(
                                        dataSource,
                                        "taking the scorer lock",
                                        c -> SharedDatabase.tryTransactionLock(c, LockKeys.SCORER))) {
                            return;
                        }
                        List<Long> done = scoreClaimed();
                        if (stopping) {
                            QuarkusTransaction.setRollbackOnly();
                            return;
                        }
                        work.delete(done);
                    });
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.errorf(e, "Scoring failed; its work stays queued and is tried again");
            }
        }
    }

    /** Claims work and scores it until none is left (or the application stops); returns the ids of the rows. */
    private List<Long> scoreClaimed() {
        List<Long> claimed = new ArrayList<>();
        long after = 0;
        while (!stopping) {
            List<ScoringWork.Item> fresh = work.claim(after, config.scoring().claim());
            Set<String> runs = new LinkedHashSet<>();
            for (ScoringWork.Item item : fresh) {
                if (item.kind() == ScoringWork.Kind.RUNS) {
                    runs.addAll(item.refs());
                } else {
                    outsideTheClaim(() -> planner.plan(item, queue));
                }
                claimed.add(item.id());
                after = item.id();
            }
            outsideTheClaim(() -> planner.runs(runs, queue));
            boolean scored = QuarkusTransaction.suspendingExisting().call(this::scoreSlice);
            if (!scored && fresh.isEmpty()) {
                break;
            }
        }
        return claimed;
    }

    /**
     * Runs work with the claim suspended, as the claim's connection is only for the claim: a failed read there would
     * end the claim on PostgreSQL (a failed statement aborts its transaction), while here it only drops that work.
     */
    private static void outsideTheClaim(Runnable work) {
        QuarkusTransaction.suspendingExisting().run(work);
    }

    /** Scores the next slice of queued work and stores its results; returns false when there was none. */
    private boolean scoreSlice() {
        Optional<ScoringQueue.Slice> slice = queue.next(config.scoring().slice());
        if (slice.isEmpty()) {
            return false;
        }
        List<EntityRef> refs = slice.get().entities();
        try {
            Optional<Scorecard> scorecard = scorecards.get(slice.get().scorecard());
            if (scorecard.isPresent()) {
                Scorer.Outcome outcome = scorer.score(refs, scorecard.get());
                if (!outcome.gone().isEmpty()) {
                    store.removeEntities(outcome.gone());
                }
                store.store(outcome.results(), outcome.notApplying());
            }
        } catch (RuntimeException e) {
            LOG.errorf(
                    e,
                    "Scoring %d entities on %s failed",
                    refs.size(),
                    slice.get().scorecard());
        }
        return true;
    }
}
