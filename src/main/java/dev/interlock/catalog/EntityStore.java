package dev.interlock.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import dev.interlock.model.Entity;
import dev.interlock.sql.Jdbc;

/**
 * Writes entities with their derived rows (search index, relations) and their history, inside the caller's
 * transaction. Entity rows go through Hibernate; the derived rows, tens per entity, are written with JDBC batches
 * on the same connection because they are rebuilt wholesale on every change.
 */
@ApplicationScoped
public class EntityStore {

    private static final int ROWS_PER_INSERT = 200;

    /**
     * One entity to write.
     *
     * @param entity the entity row, new or managed
     * @param created whether it is new
     * @param body the entity as served, flattened into search rows
     * @param relations its relations with their inverses
     * @param changedFields the fields an update changed, comma-separated ({@code null} for a creation)
     * @param previousBody the body before an update ({@code null} for a creation)
     * @param actor who made the change
     */
    public record Change(
            CatalogEntity entity,
            boolean created,
            Entity body,
            List<Relation> relations,
            String changedFields,
            String previousBody,
            String actor) {}

    @Inject
    Session session;

    @Inject
    jakarta.enterprise.event.Event<CatalogVersion.Changed> changed;

    /** The stored entities with these canonical references, by reference. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, CatalogEntity> findByRefs(Collection<String> refs) {
        Map<String, CatalogEntity> out = new HashMap<>();
        // Loaded in the order of their references: Hibernate writes changed entities in the order it loaded them.
        for (List<String> chunk : Jdbc.chunks(refs.stream().sorted().distinct().toList())) {
            for (CatalogEntity e : CatalogEntity.findByRefs(chunk)) {
                out.put(e.entityRef, e);
            }
        }
        return out;
    }

    /** Writes created and updated entities, replaces their search and relation rows, and records the history. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void save(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        changed.fire(new CatalogVersion.Changed(
                changes.stream().map(c -> c.entity().entityRef).toList()));
        // Rows are locked in one order by every writer (new entities by reference here, updated ones in the order
        // findByRefs loaded them: by reference too), so two registrations of the same entities wait for each other
        // instead of in a cycle.
        changes.stream()
                .filter(Change::created)
                .map(Change::entity)
                .sorted(Comparator.comparing(e -> e.entityRef))
                .forEach(e -> e.persist());
        session.flush();
        List<CatalogEntity> updated =
                changes.stream().filter(c -> !c.created()).map(Change::entity).toList();
        session.doWork(connection -> {
            deleteDerived(connection, updated);
            insertSearch(connection, changes);
            insertRelations(connection, changes);
        });
        record(changes);
    }

    /**
     * Writes entities restored from an export as they were (uid, etag, generation and times set by the caller),
     * with their search and relation rows and without history rows (the export's history is restored instead).
     * The entities in {@code replaced} (the same references, already in the catalog) are removed first.
     *
     * @param withScores whether they come from a whole export, whose scorecard results and history are restored
     *     too (but for entities whose files were edited since the export, which say the fields edited: they are scored
     *     anew, and {@link #recordEdits} records the edit); else (descriptors alone) they are scored as after any change, and each one's history records the
     *     import as it would a registration (created or updated, by the change's actor)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void restore(List<CatalogEntity> replaced, List<Change> changes, boolean withScores) {
        // Entities edited since the export (they say which fields changed) are scored anew: their results in the
        // export are those of what they were.
        List<String> kept = changes.stream()
                .filter(c -> withScores && c.changedFields() == null)
                .map(c -> c.entity().entityRef)
                .toList();
        List<String> scored = changes.stream()
                .filter(c -> !withScores || c.changedFields() != null)
                .map(c -> c.entity().entityRef)
                .toList();
        if (!kept.isEmpty()) {
            changed.fire(new CatalogVersion.Changed(kept, true));
        }
        if (!scored.isEmpty()) {
            changed.fire(new CatalogVersion.Changed(scored, false));
        }
        session.doWork(connection -> deleteDerived(connection, replaced));
        replaced.forEach(CatalogEntity::delete);
        session.flush();
        changes.forEach(c -> c.entity().persist());
        session.flush();
        session.doWork(connection -> {
            insertSearch(connection, changes);
            insertRelations(connection, changes);
        });
        if (!withScores) {
            record(changes);
        }
    }

    /**
     * Records, as updates by the import's actor, the changes of a restore from a whole export whose files were edited
     * since ({@link Change#changedFields()} set): called once the export's own history is restored, so that the edit
     * is each entity's newest change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordEdits(List<Change> restored) {
        OffsetDateTime now = OffsetDateTime.now();
        for (Change change : restored) {
            if (change.changedFields() != null) {
                record(
                        change.entity(),
                        EntityHistory.Action.UPDATED,
                        change.actor(),
                        now,
                        change.changedFields(),
                        change.previousBody());
            }
        }
    }

    /** Records each change in its entity's history, created or updated, at one time. */
    private void record(List<Change> changes) {
        OffsetDateTime now = OffsetDateTime.now();
        for (Change change : changes) {
            record(
                    change.entity(),
                    change.created() ? EntityHistory.Action.CREATED : EntityHistory.Action.UPDATED,
                    change.actor(),
                    now,
                    change.changedFields(),
                    change.previousBody());
        }
    }

    /** Deletes an entity and the rows derived from it; relations other entities hold to it stay (unresolved). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(CatalogEntity entity, String actor) {
        changed.fire(new CatalogVersion.Changed(List.of(entity.entityRef)));
        record(entity, EntityHistory.Action.DELETED, actor, OffsetDateTime.now(), null, entity.body);
        session.doWork(connection -> deleteDerived(connection, List.of(entity)));
        entity.delete();
    }

    private void record(
            CatalogEntity entity,
            EntityHistory.Action action,
            String actor,
            OffsetDateTime at,
            String changedFields,
            String previousBody) {
        EntityHistory h = new EntityHistory();
        h.entityId = entity.id;
        h.entityRef = entity.entityRef;
        h.action = action.name().toLowerCase();
        h.actor = actor;
        h.at = at;
        h.generation = entity.generation;
        h.etag = entity.etag;
        h.changedFields = changedFields;
        // The version before the change: with the current body, every version can be told apart without storing
        // each entity twice when it is created.
        h.body = previousBody;
        h.persist();
    }

    /** Deletes the search rows and the relations the spec of these entities produced (relations start at it). */
    private static void deleteDerived(Connection connection, List<CatalogEntity> entities) throws SQLException {
        Jdbc.updateIn(
                connection,
                "DELETE FROM search WHERE entity_id IN (IN)",
                List.of(),
                entities.stream().map(e -> e.id).toList());
        Jdbc.updateIn(
                connection,
                "DELETE FROM relations WHERE source_ref IN (IN)",
                List.of(),
                entities.stream().map(e -> e.entityRef).toList());
    }

    private static void insertSearch(Connection connection, List<Change> changes) throws SQLException {
        insert(
                connection,
                "search (entity_id, search_key, search_value, original_value)",
                4,
                changes.stream()
                        .flatMap(c -> SearchRows.of(c.body()).stream()
                                .map(r -> new Object[] {c.entity().id, r.key(), r.value(), r.original()}))
                        .toList());
    }

    private static void insertRelations(Connection connection, List<Change> changes) throws SQLException {
        insert(
                connection,
                "relations (source_ref, type, target_ref)",
                3,
                changes.stream()
                        .flatMap(c -> c.relations().stream().map(r -> new Object[] {
                            r.source().toString(), r.type().id(), r.target().toString()
                        }))
                        .toList());
    }

    /**
     * Inserts rows with multi-row {@code INSERT ... VALUES (...), (...)} statements of {@link #ROWS_PER_INSERT}
     * rows: far fewer statements than one per row, which is what makes bulk registration fast on H2.
     */
    private static void insert(Connection connection, String table, int columns, List<Object[]> rows)
            throws SQLException {
        int full = rows.size() / ROWS_PER_INSERT * ROWS_PER_INSERT;
        if (full > 0) {
            try (PreparedStatement ps = connection.prepareStatement(insertSql(table, columns, ROWS_PER_INSERT))) {
                for (int start = 0; start < full; start += ROWS_PER_INSERT) {
                    bind(ps, rows.subList(start, start + ROWS_PER_INSERT));
                    ps.executeUpdate();
                }
            }
        }
        if (full < rows.size()) {
            try (PreparedStatement ps = connection.prepareStatement(insertSql(table, columns, rows.size() - full))) {
                bind(ps, rows.subList(full, rows.size()));
                ps.executeUpdate();
            }
        }
    }

    private static String insertSql(String table, int columns, int rows) {
        String row = "(" + Jdbc.marks(columns) + ")";
        return "INSERT INTO " + table + " VALUES " + String.join(", ", Collections.nCopies(rows, row));
    }

    private static void bind(PreparedStatement ps, List<Object[]> rows) throws SQLException {
        int index = 1;
        for (Object[] row : rows) {
            index = Jdbc.bind(ps, Arrays.asList(row), index);
        }
    }
}
