package dev.interlock.location;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import dev.interlock.catalog.CatalogEntity;
import dev.interlock.catalog.CatalogVersion;
import dev.interlock.catalog.EntityJson;
import dev.interlock.catalog.SearchRows;

/**
 * Writes what locations say about entities, outside their descriptors: processing errors and conflicts in
 * {@code status.items} (Backstage's output-only field), and the {@code backstage.io/orphan} annotation. The search
 * rows are rebuilt so that {@code filter=status.items.level=error} and the orphan filter find them.
 */
@ApplicationScoped
public class EntityMarks {

    /** Backstage's annotation of an entity no location produces any more. */
    public static final String ORPHAN = "backstage.io/orphan";
    /** The status item type of location problems (Backstage's). */
    public static final String PROCESSING = "backstage.io/catalog-processing";

    @Inject
    EntityJson json;

    @Inject
    Session session;

    @Inject
    Event<CatalogVersion.Changed> changed;

    /** Replaces the location items of an entity's {@code status.items}; other items (validation warnings) stay. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setProcessingItems(String ref, List<Map<String, Object>> items) {
        update(ref, body -> {
            List<Object> all = new ArrayList<>();
            if (body.get("status") instanceof Map<?, ?> status && status.get("items") instanceof List<?> old) {
                old.stream().filter(i -> !(i instanceof Map<?, ?> m && PROCESSING.equals(m.get("type"))))
                        .forEach(all::add);
            }
            all.addAll(items);
            if (all.isEmpty()) {
                body.remove("status");
            } else {
                body.put("status", Map.of("items", all));
            }
        });
    }

    /** Annotates entities as orphans (or removes the annotation). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setOrphan(Collection<String> refs, boolean orphan) {
        for (String ref : refs) {
            update(ref, body -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> metadata = (Map<String, Object>) body.get("metadata");
                Map<String, Object> annotations = new LinkedHashMap<>();
                if (metadata.get("annotations") instanceof Map<?, ?> a) {
                    a.forEach((k, v) -> annotations.put(String.valueOf(k), v));
                }
                if (orphan) {
                    annotations.put(ORPHAN, "true");
                } else {
                    annotations.remove(ORPHAN);
                }
                metadata.put("annotations", annotations);
            });
        }
    }

    private void update(String ref, java.util.function.Consumer<Map<String, Object>> change) {
        CatalogEntity entity = CatalogEntity.find("entityRef", ref).firstResult();
        if (entity == null) {
            return;
        }
        Map<String, Object> body = json.read(entity.body);
        String before = json.write(body);
        change.accept(body);
        String after = json.write(body);
        if (Objects.equals(before, after)) {
            return;
        }
        entity.body = after;
        changed.fire(new CatalogVersion.Changed(List.of(ref)));
        session.flush();
        String id = entity.id;
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM search WHERE entity_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO search (entity_id, search_key, search_value, original_value) VALUES (?, ?, ?, ?)")) {
                for (SearchRows.Row row : SearchRows.of(body)) {
                    ps.setString(1, id);
                    ps.setString(2, row.key());
                    ps.setString(3, row.value());
                    ps.setString(4, row.original());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }
}
