package dev.interlock.runs;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Prometheus metrics of runs: {@code interlock_run_events_total{format, outcome}} (accepted, refused, duplicate)
 * and {@code interlock_pipelines_by_status{status}}.
 */
@ApplicationScoped
public class RunMetrics {

    @Inject
    MeterRegistry registry;

    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    /** Counts events of a format with an outcome. */
    public void count(String format, String outcome, int n) {
        if (n <= 0) {
            return;
        }
        counters.computeIfAbsent(
                        format + "|" + outcome,
                        k -> Counter.builder("interlock.run.events")
                                .description(
                                        "Run events received, by format and outcome (accepted, refused, duplicate)")
                                .tag("format", format)
                                .tag("outcome", outcome)
                                .register(registry))
                .increment(n);
    }

    /** Registers the gauge of one status (its value read when scraped). */
    public void gauge(String status, Supplier<Number> value) {
        Gauge.builder("interlock.pipelines.by.status", value)
                .description("Pipelines per health status")
                .tag("status", status)
                .register(registry);
    }
}
