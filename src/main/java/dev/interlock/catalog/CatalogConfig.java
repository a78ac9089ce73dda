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
     * Most facet answers kept between catalog changes (each is one facet for one filter); all are dropped when the
     * catalog changes.
     */
    @WithDefault("2000")
    int facetCacheSize();
}
