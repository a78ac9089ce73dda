package dev.interlock.runs.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Group commit for run events: bodies sent at the same time by many clients are stored by one writer in one
 * transaction, and each request is answered once the group is committed, so an acknowledged event is durable while
 * a burst of single-event POSTs costs a few statements per group instead of a transaction per event. One writer also
 * means two events of one run arriving at once (START and COMPLETE from two connections) never race each other within
 * a replica; across replicas, {@link RunLocks} keeps them apart.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private record Pending(List<RunEvent> events, CompletableFuture<RunIngestion.Result> done) {}

    @Inject
    RunIngestion ingestion;

    @Inject
    dev.interlock.runs.RunsConfig config;

    @Inject
    dev.interlock.catalog.PlannerStatistics statistics;

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private Thread writer;
    private volatile boolean running = true;

    /** Stores a body's events with whatever else is waiting; returns once they are committed. */
    public RunIngestion.Result store(List<RunEvent> events) {
        Pending pending = new Pending(events, new CompletableFuture<>());
        startWriter();
        queue.add(pending);
        try {
            return pending.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the run events were stored", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private synchronized void startWriter() {
        if (!running) {
            throw new BadRunEvent(503, null, "the server is shutting down; send the events again");
        }
        if (writer == null) {
            writer = new Thread(this::loop, "interlock-run-writer");
            writer.setDaemon(true);
            writer.start();
        }
    }

    private void loop() {
        while (running || !queue.isEmpty()) {
            Pending first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (first == null) {
                continue;
            }
            List<Pending> group = new ArrayList<>(List.of(first));
            int events = first.events().size();
            for (Pending next;
                    (next = queue.peek()) != null && events + next.events().size() <= config.groupEvents(); ) {
                group.add(queue.poll());
                events += next.events().size();
            }
            write(group);
        }
        for (Pending left; (left = queue.poll()) != null; ) {
            left.done()
                    .completeExceptionally(
                            new BadRunEvent(503, null, "the server is shutting down; send the" + " events again"));
        }
    }

    /** Writes a group; when it fails, each body alone, so that one body's failure is that body's only. */
    private void write(List<Pending> group) {
        int stored = 0;
        try {
            List<RunIngestion.Result> results =
                    withRetry(group.stream().map(Pending::events).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done().complete(results.get(i));
                stored += results.get(i).accepted();
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(e);
                return;
            }
            LOG.debugf(e, "A group of %d bodies failed; storing them one by one", group.size());
            for (Pending p : group) {
                try {
                    RunIngestion.Result result = withRetry(List.of(p.events())).get(0);
                    p.done().complete(result);
                    stored += result.accepted();
                } catch (RuntimeException one) {
                    p.done().completeExceptionally(one);
                }
            }
        }
        // After the answers: PostgreSQL's planner learns of a load of runs as it does of a catalog's. Nothing it
        // throws may end this writer thread (every later body would wait for it for ever).
        try {
            statistics.runEventsStored(stored);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Counting %d stored run events for the planner statistics failed", stored);
        }
    }

    /**
     * Stores bodies, once more when another writer (a replica, the missed-run job) stored the same run first, an import
     * or retention replaced a run the group read, or the database chose this transaction to end a deadlock with another
     * writer (a replica, the rebinding), which it may when both change the runs or the rows of one job.
     */
    private List<RunIngestion.Result> withRetry(List<List<RunEvent>> bodies) {
        try {
            return ingestion.ingestAll(bodies);
        } catch (RuntimeException e) {
            if (!wroteMeanwhile(e)) {
                throw e;
            }
            return ingestion.ingestAll(bodies);
        }
    }

    /** A serialization failure, a deadlock, H2's lock timeout: the transaction did nothing, and may be done again. */
    private static final java.util.Set<String> RETRIED = java.util.Set.of("40001", "40P01", "HYT00");

    private static boolean wroteMeanwhile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof dev.interlock.runs.RunStore.RunGone
                    || t instanceof java.sql.SQLIntegrityConstraintViolationException
                    || t instanceof java.sql.SQLException s
                            && s.getSQLState() != null
                            && (s.getSQLState().startsWith("23") || RETRIED.contains(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    @PreDestroy
    void stop() {
        running = false;
        Thread w;
        synchronized (this) {
            w = writer;
        }
        if (w != null) {
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
