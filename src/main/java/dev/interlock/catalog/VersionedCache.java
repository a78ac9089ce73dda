package dev.interlock.catalog;

import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Answers computed from the whole catalog, kept until the catalog changes: each belongs to one {@link CatalogVersion}
 * and all are dropped when the version moves. Caffeine rather than a quarkus-cache named cache: the bound comes from
 * {@link CatalogConfig} instead of cache properties.
 *
 * @param <V> the answers
 */
final class VersionedCache<V> {

    private final Cache<String, V> cache;
    private volatile long cachedVersion = -1;

    VersionedCache(long maximumSize) {
        cache = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /** The answer to {@code question} at catalog version {@code seen}, computed once per version. */
    V get(long seen, String question, Supplier<V> compute) {
        if (seen != cachedVersion) {
            // Answers of older versions can never be used again.
            cache.invalidateAll();
            cachedVersion = seen;
        }
        return cache.get(seen + "|" + question, k -> compute.get());
    }
}
