package dev.interlock.catalog;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Answers computed from the whole catalog, kept until the catalog changes: each belongs to the {@link CatalogVersion}
 * its computation saw before it read the catalog, so it holds every change up to that version and answers any reader
 * that saw that version or an older one. A reader that saw a newer version computes again; readers asking the same
 * question meanwhile wait for that computation instead of starting their own (under a stream of changes, a page read
 * by many at once is counted once per change, not once per reader). Caffeine rather than a quarkus-cache named
 * cache: the bound comes from {@link CatalogConfig} instead of cache properties.
 *
 * @param <V> the answers
 */
final class VersionedCache<V> {

    /** An answer, perhaps still being computed, as of {@code version}. */
    private record Answer<V>(long version, CompletableFuture<V> value) {}

    private final ConcurrentMap<Object, Answer<V>> answers;

    VersionedCache(long maximumSize) {
        answers = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .<Object, Answer<V>>build()
                .asMap();
    }

    /**
     * Longest question kept, in the characters of its {@code toString}: a question is built from the request (facet
     * fields, filter, query), and keeping the largest a body may hold as many times as the cache holds answers would
     * fill the heap.
     */
    static final int KEPT_LENGTH = 4096;

    /**
     * The answer to {@code question} as of catalog version {@code seen} or a newer one. The question is a value
     * (records, lists, sets, strings), compared by {@code equals}: never its printed text, in which a filter for an
     * empty value and one for any value, or two facets and one named with a line break, print alike.
     */
    V get(long seen, Object question, Supplier<V> compute) {
        if (question.toString().length() > KEPT_LENGTH) {
            return compute.get();
        }
        Answer<V> mine = new Answer<>(seen, new CompletableFuture<>());
        Answer<V> answer =
                answers.compute(question, (q, known) -> known != null && known.version() >= seen ? known : mine);
        if (answer != mine) {
            try {
                return answer.value().join();
            } catch (CompletionException failed) {
                // Another reader's computation failed: this reader tries for itself (and reports its own failure).
                return compute.get();
            }
        }
        try {
            V value = compute.get();
            mine.value().complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            answers.remove(question, mine);
            mine.value().completeExceptionally(e);
            throw e;
        }
    }
}
