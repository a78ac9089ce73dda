package dev.interlock.runs.derive;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;

import dev.interlock.runs.RunMetrics;

/** Registers the Prometheus gauges of pipelines per health status ({@code interlock_pipelines_by_status}). */
@ApplicationScoped
public class HealthGauges {

    static final List<String> STATUSES = List.of("failing", "late", "degraded", "upstream", "healthy", "unknown");

    @Inject
    RunMetrics metrics;

    @Inject
    HealthService health;

    void register(@Observes StartupEvent event) {
        for (String status : STATUSES) {
            metrics.gauge(status, () -> health.statusCounts().getOrDefault(status, 0L));
        }
    }
}
