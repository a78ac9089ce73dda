package dev.interlock.location;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

import dev.interlock.catalog.LocationRecord;

/**
 * Refreshes locations on a schedule: every {@code interlock.locations.refresh-interval} each location is read again,
 * spread over the interval (each has its own next time), conditionally (an unchanged file costs one 304), a few at a
 * time. A failure of one location is recorded on it and never stops the others.
 */
@ApplicationScoped
public class LocationRefresher {

    private static final Logger LOG = Logger.getLogger(LocationRefresher.class);

    /**
     * What a round did.
     *
     * @param locations how many locations it listed (one deleted before it was read is counted in none of the others)
     * @param unchanged how many were unchanged ({@code null}: none, in an unconditional round)
     * @param applied how many were applied ({@code null}: none, in an unconditional round)
     * @param failed how many failed ({@code null}: none, in an unconditional round)
     * @param millis how long it took
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Round(int locations, Integer unchanged, Integer applied, Integer failed, long millis) {}

    @Inject
    LocationRefresh locations;

    @Inject
    LocationsConfig config;

    private volatile ExecutorService pool;
    private volatile boolean stopping;

    void onStop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
    }

    /** Reads the locations whose time has come. */
    @Scheduled(
            every = "${interlock.locations.refresh-tick:2s}",
            delayed = "${interlock.locations.refresh-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.refreshEnabled() || stopping) {
            return;
        }
        // One replica reads the due locations at a time; the others' ticks pass meanwhile.
        once.run("location-refresh", null, this::refreshDue);
    }

    /** Runs the refresh of due locations on one replica at a time. */
    @Inject
    dev.interlock.replicas.OnceAcrossReplicas once;

    private void refreshDue() {
        List<LocationRecord> due = QuarkusTransaction.requiringNew()
                .call(() -> LocationRecord.<LocationRecord>find(
                                "nextRefreshAt is null or nextRefreshAt <= ?1 order by nextRefreshAt",
                                OffsetDateTime.now())
                        .page(0, config.refreshBatch())
                        .list());
        if (!due.isEmpty()) {
            run(due);
        }
    }

    /** Reads every location now, conditionally unless {@code conditional} is false; answers what happened. */
    public Round round(boolean conditional) {
        long start = System.nanoTime();
        List<LocationRecord> all = QuarkusTransaction.requiringNew().call(() -> LocationRecord.listAll());
        Map<String, Integer> states;
        if (conditional) {
            states = run(all);
        } else {
            states = new LinkedHashMap<>();
            for (LocationRecord l : all) {
                locations.refresh(l.id, false).ifPresent(r -> states.merge(r.state(), 1, Integer::sum));
            }
        }
        return new Round(
                all.size(),
                states.get("unchanged"),
                states.get("applied"),
                states.get("failed"),
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Reads these locations (listed together; each is read again from the database under its lock before its files
     * are), a few at a time; records the unchanged ones at once.
     */
    private Map<String, Integer> run(List<LocationRecord> snapshots) {
        Map<String, AtomicInteger> counts = new LinkedHashMap<>();
        for (String s : List.of("unchanged", "applied", "failed")) {
            counts.put(s, new AtomicInteger());
        }
        List<String> unchanged = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> futures = new ArrayList<>();
        for (LocationRecord snapshot : snapshots) {
            futures.add(pool().submit(() -> {
                try {
                    var refreshed = locations.refreshInRound(snapshot);
                    if (refreshed.isEmpty()) {
                        unchanged.add(snapshot.id);
                        counts.get("unchanged").incrementAndGet();
                        return;
                    }
                    var r = refreshed.get();
                    if (r.state().equals("deleted")) {
                        return; // gone since the round listed it: not read, and neither unchanged nor failed
                    }
                    counts.get(r.state()).incrementAndGet();
                    if (r.state().equals("failed")) {
                        LOG.infof(
                                "Location %s:%s could not be applied: %s",
                                r.location().type, r.location().target, r.location().lastError);
                    }
                } catch (RuntimeException e) {
                    counts.get("failed").incrementAndGet();
                    LOG.warnf("Refresh of location %s failed: %s", snapshot.id, e.getMessage());
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                // counted above
            }
        }
        locations.markUnchanged(unchanged);
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private ExecutorService pool() {
        if (pool == null) {
            synchronized (this) {
                if (pool == null) {
                    AtomicInteger n = new AtomicInteger();
                    pool = Executors.newFixedThreadPool(Math.max(1, config.refreshParallelism()), r -> {
                        Thread t = new Thread(r, "location-refresh-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                }
            }
        }
        return pool;
    }

    @PreDestroy
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
