package dev.interlock.replicas;

import java.util.function.LongSupplier;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * The catalog version one HTTP request works with: read from the database at the first use of a cached answer in the
 * request (kept in the request's Vert.x duplicated context), and read again after the request itself changed the
 * catalog. A request costs one cheap read, not one per cached answer it uses; work outside a request (background
 * threads, tests) reads at each use.
 */
public final class RequestVersion {

    private static final String KEY = "interlock.catalog-version";

    private RequestVersion() {}

    /** The version this request read, reading it now if it has not yet; outside a request, read now. */
    public static long get(LongSupplier read) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return read.getAsLong();
        }
        Long kept = ContextLocals.<Long>get(KEY).orElse(null);
        if (kept == null) {
            kept = read.getAsLong();
            ContextLocals.put(KEY, kept);
        }
        return kept;
    }

    /** Makes the next use in this request read again (the request changed the catalog). */
    public static void forget() {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.remove(KEY);
        }
    }
}
