package dev.interlock.scorecard;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.interlock.catalog.CatalogVersion;
import dev.interlock.replicas.SharedDatabase;
import dev.interlock.sql.Jdbc;

/**
 * Scoring not done yet, kept in the database ({@code scoring_work}): a row per catalog change, written in the
 * change's own transaction, and per commit of runs; the scorer claims rows, scores what they call for and
 * deletes them in the transaction that claimed them once the results are stored. Work of a replica that stopped
 * (or was killed) before it finished is still there for the next scorer, on any replica.
 */
@ApplicationScoped
public class ScoringWork {

    /** What a row asks for. */
    enum Kind {
        /** Entities changed: score them and what the change may have affected. */
        CHANGE,
        /** Entities restored with their results: score only what they affect around them. */
        RESTORED,
        /** These pipelines' runs changed: score them and what reads from them downstream. */
        RUNS
    }

    /** One row: its id, its kind and the canonical references it names. */
    record Item(long id, Kind kind, List<String> refs) {}

    @Inject
    DataSource dataSource;

    @Inject
    SharedDatabase database;

    /** Adds the scoring a catalog change calls for, in the transaction of the change (it commits with it). */
    void changing(@Observes CatalogVersion.Changed change) {
        add(change.restored() ? Kind.RESTORED : Kind.CHANGE, change.refs());
    }

    /** Adds work (in the caller's transaction if there is one, else committed at once). */
    void add(Kind kind, Collection<String> refs) {
        if (refs.isEmpty()) {
            return;
        }
        Jdbc.run(dataSource, "queueing scoring work", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO scoring_work (kind, refs, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, kind.name());
                ps.setString(2, String.join("\n", refs));
                ps.setTimestamp(3, Timestamp.from(Instant.now()));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Claims the oldest rows after {@code afterId} for the caller's transaction: on PostgreSQL they stay locked until
     * it ends ({@code FOR UPDATE SKIP LOCKED}: rows another transaction holds are passed over).
     */
    List<Item> claim(long afterId, int max) {
        String sql = "SELECT id, kind, refs FROM scoring_work WHERE id > ? ORDER BY id"
                + (database.shared() ? " LIMIT " + max + " FOR UPDATE SKIP LOCKED" : " LIMIT " + max);
        List<Item> out = new ArrayList<>();
        Jdbc.run(dataSource, "claiming scoring work", c -> {
            Jdbc.query(c, sql, List.of(afterId), rs -> {
                String refs = rs.getString(3);
                out.add(new Item(
                        rs.getLong(1),
                        Kind.valueOf(rs.getString(2)),
                        refs.isEmpty() ? List.of() : Arrays.asList(refs.split("\n"))));
            });
            return null;
        });
        return out;
    }

    /** Deletes claimed rows whose work is done (in the claiming transaction). */
    void delete(List<Long> ids) {
        Jdbc.run(
                dataSource,
                "deleting scoring work",
                c -> Jdbc.updateIn(c, "DELETE FROM scoring_work WHERE id IN (IN)", List.of(), ids));
    }

    /** How many rows wait (claimed or not). */
    public long pending() {
        return Jdbc.run(dataSource, "counting scoring work", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM scoring_work");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
