package dev.interlock.catalog;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * A number that changes whenever a change to the catalog is committed, so that answers computed from the whole
 * catalog (facet counts) can be kept until the catalog changes. It moves only after the commit: a reader never
 * caches an answer from data older than the version it saw.
 */
@ApplicationScoped
public class CatalogVersion {

    /**
     * Fired by the store inside the transaction that changes the catalog.
     *
     * @param refs canonical references of the entities created, updated or deleted
     * @param restored whether the entities were restored from an export with their scorecard results (which are
     *        then kept as they were, not computed again)
     */
    public record Changed(java.util.List<String> refs, boolean restored) {

        /** A change made by registration, a location or a deletion. */
        public Changed(java.util.List<String> refs) {
            this(refs, false);
        }
    }

    private final AtomicLong version = new AtomicLong();

    public long current() {
        return version.get();
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed change) {
        version.incrementAndGet();
    }
}
