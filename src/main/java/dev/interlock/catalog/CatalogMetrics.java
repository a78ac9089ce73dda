package dev.interlock.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/** Catalog size for {@code /q/metrics}: {@code interlock_catalog_entities}, read when metrics are scraped. */
@ApplicationScoped
public class CatalogMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    CatalogQueries queries;

    void register(@Observes StartupEvent event) {
        Gauge.builder(
                        "interlock.catalog.entities",
                        queries,
                        q -> q.count(new CatalogQueries.Query(
                                EntityFilter.ALL, java.util.List.of(), null, java.util.List.of())))
                .description("Entities in the catalog")
                .register(registry);
    }
}
