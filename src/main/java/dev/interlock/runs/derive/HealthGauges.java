package dev.interlock.runs.derive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;

import dev.interlock.runs.RunMetrics;

/** Registers the Prometheus gauges of pipelines per health status ({@code interlock_pipelines_by_status}). */
@ApplicationScoped
public class HealthGauges {

    @Inject
    RunMetrics metrics;

    @Inject
    HealthService health;

    void register(@Observes StartupEvent event) {
        for (String status : Health.STATUSES) {
            metrics.gauge(status, () -> health.statusCounts().getOrDefault(status, 0L));
        }
    }
}
