package dev.interlock.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.interlock.replicas.RequestVersion;
import dev.interlock.replicas.SharedDatabase;
import dev.interlock.sql.Jdbc;

/**
 * A number that changes whenever a change to the catalog is committed, so that answers computed from the whole
 * catalog (facet counts, the pipelines) can be kept until the catalog changes. A reader never caches an answer from
 * data older than the version it saw: the version is read before the data.
 * <p>
 * On a database replicas share (PostgreSQL) the number is a row of {@code catalog_version}, bumped in the transaction
 * of every change and read once per request (and at each use outside requests), so a replica sees another's change
 * as soon as it committed. The bump is the transaction's last statement: the row's lock serializes every writer of
 * every replica, so it is held for the commit alone rather than for the whole change. On the embedded H2 database
 * (one process) it is kept in memory and moves after the commit.
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

    @Inject
    SharedDatabase database;

    @Inject
    DataSource dataSource;

    private final AtomicLong version = new AtomicLong();

    /** The version as of now (in a request: as of its first use in the request, or its own last change). */
    public long current() {
        if (!database.shared()) {
            return version.get();
        }
        return RequestVersion.get(this::read);
    }

    /**
     * The committed version. Read outside the caller's transaction, if any: a transaction that changes the catalog
     * sees its own bump, which is nobody's version until it commits (and never if it rolls back).
     */
    private long read() {
        if (QuarkusTransaction.isActive()) {
            return QuarkusTransaction.suspendingExisting().call(this::readCommitted);
        }
        return readCommitted();
    }

    private long readCommitted() {
        return Jdbc.run(dataSource, "reading the catalog version", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM catalog_version WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new java.sql.SQLException("catalog_version has no row (migration V9 not applied?)");
                }
                return rs.getLong(1);
            }
        });
    }

    /**
     * Bumps the shared version in the transaction that changes the catalog (it commits or rolls back with it), just
     * before it commits. Nothing that waits on another writer's lock follows the bump (what Hibernate may still flush
     * then is inserts of new rows), so writers queue on this row without a deadlock.
     */
    void changing(@Observes(during = TransactionPhase.BEFORE_COMPLETION) Changed change) {
        if (database.shared()) {
            Jdbc.run(dataSource, "bumping the catalog version", c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("UPDATE catalog_version SET version = version + 1 WHERE id = 1")) {
                    return ps.executeUpdate();
                }
            });
        }
    }

    /** Runs before the default-priority observers of the commit, so that what they do after it sees the new version. */
    void committed(
            @Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(Interceptor.Priority.APPLICATION)
                    Changed change) {
        version.incrementAndGet();
        if (database.shared()) {
            RequestVersion.forget();
        }
    }
}
