package dev.interlock.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the catalog's read API ({@code interlock.catalog.*}). */
@ConfigMapping(prefix = "interlock.catalog")
public interface CatalogConfig {

    /**
     * Largest page of entities one request may ask for ({@code limit}, and the most {@code entityRefs} of by-refs);
     * the list endpoint without a limit also answers at most this many, with a next link.
     */
    @WithDefault("10000")
    int maxPageSize();

    /** Page size of the query endpoints ({@code GET /entities/by-query}, {@code POST /entities/by-query}). */
    @WithDefault("20")
    int defaultPageSize();

    /** History entries of one entity answered when the request names no {@code limit}. */
    @WithDefault("100")
    int defaultHistorySize();

    /**
     * Most facet answers kept between catalog changes (each is one facet for one filter), and as many match counts
     * (each the total of one query); all are dropped when the catalog changes.
     */
    @WithDefault("2000")
    int facetCacheSize();

    /** When PostgreSQL's planner statistics are refreshed after changes ({@link PlannerStatistics}). */
    PlannerStatisticsConfig plannerStatistics();

    /** When a {@code VACUUM (ANALYZE)} pass runs on PostgreSQL. */
    interface PlannerStatisticsConfig {

        /** Entities changed, on top of {@link #changedFraction()} of the catalog, before a pass (autovacuum's 50). */
        @WithDefault("50")
        long baseChanges();

        /** Fraction of the catalog that must change, on top of {@link #baseChanges()}, before a pass. */
        @WithDefault("0.1")
        double changedFraction();

        /** How long the catalog must be quiet before a pass runs (a bulk load is analyzed once, when it ends). */
        @WithDefault("PT1S")
        java.time.Duration quietPeriod();

        /** Longest a pass waits for quiet once asked for. */
        @WithDefault("PT10S")
        java.time.Duration longestWait();
    }
}
