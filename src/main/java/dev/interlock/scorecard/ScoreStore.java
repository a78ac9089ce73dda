package dev.interlock.scorecard;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.sql.Jdbc;

/**
 * The stored results: the current one per entity and scorecard ({@code scorecard_results}) and a history row
 * whenever a result changes ({@code scorecard_history}, which the trends replay). Writes happen in a transaction of
 * their own, on the pool's connection enlisted in it: each slice's results are kept as soon as they are computed,
 * while the scorer's claim on its work stays open.
 */
@ApplicationScoped
public class ScoreStore {

    /** History level of an entity that left a scorecard (deleted, or the scorecard no longer applies). */
    static final String REMOVED = "(removed)";

    /** An entity on a scorecard. */
    record Key(String scorecardRef, String entityRef) {}

    /** One history row: the level an entity reached ({@link #REMOVED} when it left), and when. */
    record Change(String entityRef, String level, Instant at) {}

    private static final String HISTORY = "INSERT INTO scorecard_history (scorecard_ref, entity_ref, level, passed,"
            + " failed, evaluated_at) VALUES (?, ?, ?, ?, ?, ?)";

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** The results of one scorecard (all entities), or of one entity (all scorecards). */
    List<ScoreResult> results(String scorecardRef, String entityRef) {
        String sql = "SELECT result FROM scorecard_results WHERE "
                + (scorecardRef != null ? "scorecard_ref = ?" : "entity_ref = ?")
                + " ORDER BY entity_ref, scorecard_ref";
        List<ScoreResult> out = new ArrayList<>();
        Jdbc.run(dataSource, "scorecard results query", c -> {
            Jdbc.query(
                    c,
                    sql,
                    List.of(scorecardRef != null ? scorecardRef : entityRef),
                    rs -> out.add(read(rs.getString(1))));
            return null;
        });
        return out;
    }

    /** The results of these entities on every scorecard, ordered by scorecard. */
    List<ScoreResult> resultsOf(Collection<String> entityRefs) {
        List<ScoreResult> out = new ArrayList<>();
        Jdbc.run(dataSource, "scorecard results query", c -> {
            Jdbc.queryIn(
                    c,
                    "SELECT result FROM scorecard_results WHERE entity_ref IN (IN) ORDER BY scorecard_ref",
                    List.of(),
                    new LinkedHashSet<>(entityRefs),
                    rs -> out.add(read(rs.getString(1))));
            return null;
        });
        return out;
    }

    /**
     * The level each of these entities reaches on one scorecard ({@code null}: none), by entity reference; entities it
     * does not score are absent. Reads the level column alone, not the results.
     */
    Map<String, String> levelsOf(String scorecardRef, Collection<String> entityRefs) {
        Map<String, String> out = new HashMap<>();
        if (entityRefs.isEmpty()) {
            return out;
        }
        Jdbc.run(dataSource, "scorecard levels query", c -> {
            Jdbc.queryIn(
                    c,
                    "SELECT entity_ref, level FROM scorecard_results WHERE scorecard_ref = ? AND entity_ref IN (IN)",
                    List.of(scorecardRef),
                    new LinkedHashSet<>(entityRefs),
                    rs -> out.put(rs.getString(1), rs.getString(2)));
            return null;
        });
        return out;
    }

    /**
     * Keeps new results, and a history row for each whose level or passed checks changed; deletes the results of
     * entities a scorecard no longer applies to, with a {@link #REMOVED} history row for each that had one.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void store(List<ScoreResult> results, List<Key> notApplying) {
        Jdbc.run(dataSource, "storing scorecard results", c -> {
            Map<Key, ScoreResult> previous = new HashMap<>();
            Jdbc.queryIn(
                    c,
                    "SELECT result FROM scorecard_results WHERE entity_ref IN (IN)",
                    List.of(),
                    results.stream().map(ScoreResult::entityRef).distinct().toList(),
                    rs -> {
                        ScoreResult r = read(rs.getString(1));
                        previous.put(new Key(r.scorecardRef(), r.entityRef()), r);
                    });
            try (PreparedStatement delete = c.prepareStatement(
                            "DELETE FROM scorecard_results WHERE scorecard_ref = ? AND entity_ref = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO scorecard_results (entity_ref,"
                            + " scorecard_ref, level, result, evaluated_at) VALUES (?, ?, ?, ?, ?)");
                    PreparedStatement history = c.prepareStatement(HISTORY)) {
                for (Key key : notApplying) {
                    Jdbc.bind(delete, List.of(key.scorecardRef(), key.entityRef()), 1);
                    delete.addBatch();
                }
                for (ScoreResult r : results) {
                    Jdbc.bind(delete, List.of(r.scorecardRef(), r.entityRef()), 1);
                    delete.addBatch();
                    Timestamp at =
                            Timestamp.from(OffsetDateTime.parse(r.evaluatedAt()).toInstant());
                    insert.setString(1, r.entityRef());
                    insert.setString(2, r.scorecardRef());
                    insert.setString(3, r.level());
                    insert.setString(4, write(r));
                    insert.setTimestamp(5, at);
                    insert.addBatch();
                    ScoreResult before = previous.get(new Key(r.scorecardRef(), r.entityRef()));
                    // Passed checks are listed in the scorecard's order: reordering its checks changes no result.
                    if (before == null
                            || !new HashSet<>(before.passed()).equals(new HashSet<>(r.passed()))
                            || !Objects.equals(before.level(), r.level())) {
                        history(
                                history,
                                new Key(r.scorecardRef(), r.entityRef()),
                                r.level(),
                                r.passed().size(),
                                r.failed().size(),
                                at);
                    }
                }
                int[] deleted = delete.executeBatch();
                for (int i = 0; i < notApplying.size(); i++) {
                    if (deleted[i] > 0) {
                        history(history, notApplying.get(i), REMOVED, 0, 0, Timestamp.from(Instant.now()));
                    }
                }
                insert.executeBatch();
                history.executeBatch();
            }
            return null;
        });
    }

    private static void history(PreparedStatement history, Key key, String level, int passed, int failed, Timestamp at)
            throws SQLException {
        history.setString(1, key.scorecardRef());
        history.setString(2, key.entityRef());
        history.setString(3, level);
        history.setInt(4, passed);
        history.setInt(5, failed);
        history.setTimestamp(6, at);
        history.addBatch();
    }

    /** Deletes the results of these entities (they left the catalog), noting each in the history. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void removeEntities(Collection<EntityRef> entities) {
        for (List<EntityRef> chunk : Jdbc.chunks(entities)) {
            remove("entity_ref IN", chunk.stream().map(EntityRef::toString).toList());
        }
    }

    /** Deletes the results of every scorecard but these (the others were removed), noting each in the history. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void keepOnlyScorecards(List<String> scorecardRefs) {
        // Not in chunks: NOT IN one chunk would delete the results of the scorecards in the others.
        remove("scorecard_ref NOT IN", scorecardRefs);
    }

    /** Deletes results ({@code where} is "entity_ref IN" or "scorecard_ref NOT IN"), noting each in the history. */
    private void remove(String where, List<String> keys) {
        String in = where + (keys.isEmpty() ? " ('')" : " (" + Jdbc.marks(keys.size()) + ")");
        List<Object> history = new ArrayList<>(List.of(REMOVED, Timestamp.from(Instant.now())));
        history.addAll(keys);
        Jdbc.run(dataSource, "removing scorecard results", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO scorecard_history (scorecard_ref, entity_ref,"
                    + " level, passed, failed, evaluated_at) SELECT scorecard_ref, entity_ref, ?, 0, 0, ?"
                    + " FROM scorecard_results WHERE " + in)) {
                Jdbc.bind(ps, history, 1);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM scorecard_results WHERE " + in)) {
                Jdbc.bind(ps, keys, 1);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * The history of a scorecard, oldest first: of every entity, or only of these ({@code null} for every entity).
     */
    List<Change> history(String scorecardRef, Collection<String> entityRefs) {
        List<Change> out = new ArrayList<>();
        Jdbc.Row row = rs -> out.add(
                new Change(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
        String select = "SELECT entity_ref, level, evaluated_at FROM scorecard_history WHERE scorecard_ref = ?";
        Jdbc.run(dataSource, entityRefs == null ? "scorecard history query" : "team trend query", c -> {
            if (entityRefs == null) {
                Jdbc.query(c, select + " ORDER BY evaluated_at", List.of(scorecardRef), row);
            } else {
                Jdbc.queryIn(
                        c, select + " AND entity_ref IN (IN)", List.of(scorecardRef), new TreeSet<>(entityRefs), row);
            }
            return null;
        });
        // Chunks come back one after the other: the history is replayed in time order.
        out.sort(Comparator.comparing(Change::at));
        return out;
    }

    private ScoreResult read(String json) {
        try {
            return mapper.readValue(json, ScoreResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("scorecard results query failed", e);
        }
    }

    private String write(ScoreResult r) {
        try {
            return mapper.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("storing scorecard results failed", e);
        }
    }
}
