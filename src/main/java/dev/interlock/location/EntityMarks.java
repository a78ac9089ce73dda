package dev.interlock.location;

import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hibernate.Session;

import dev.interlock.catalog.CatalogEntity;
import dev.interlock.catalog.CatalogVersion;
import dev.interlock.catalog.EntityJson;
import dev.interlock.catalog.SearchRows;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.sql.Jdbc;

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

    /**
     * One item of {@code status.items} about a location problem, in Backstage's shape.
     *
     * @param type always {@link #PROCESSING}
     * @param level {@code error} or {@code warning}
     * @param message what is wrong
     * @param error the error's name and message
     */
    public record ProcessingItem(String type, String level, String message, ItemError error) {

        /** An item of {@link #PROCESSING} type. */
        public static ProcessingItem of(String level, String name, String message) {
            return new ProcessingItem(PROCESSING, level, message, new ItemError(name, message));
        }
    }

    /** The {@code error} of a status item. */
    public record ItemError(String name, String message) {}

    @Inject
    EntityJson json;

    @Inject
    ObjectMapper mapper;

    @Inject
    Session session;

    @Inject
    Event<CatalogVersion.Changed> changed;

    /** Replaces the location items of an entity's {@code status.items}; other items (validation warnings) stay. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setProcessingItems(EntityRef ref, List<ProcessingItem> items) {
        update(ref, body -> {
            ArrayNode all = mapper.createArrayNode();
            for (JsonNode old : body.path("status").path("items")) {
                if (!PROCESSING.equals(old.path("type").textValue())) {
                    all.add(old);
                }
            }
            items.forEach(i -> all.add(mapper.valueToTree(i)));
            if (all.isEmpty()) {
                body.remove("status");
            } else {
                body.set("status", mapper.createObjectNode().set("items", all));
            }
        });
    }

    /** Annotates entities as orphans (or removes the annotation). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setOrphan(Collection<EntityRef> refs, boolean orphan) {
        for (EntityRef ref : refs) {
            update(ref, body -> {
                ObjectNode annotations = body.withObjectProperty("metadata").withObjectProperty("annotations");
                if (orphan) {
                    annotations.put(ORPHAN, "true");
                } else {
                    annotations.remove(ORPHAN);
                }
            });
        }
    }

    private void update(EntityRef ref, Consumer<ObjectNode> change) {
        CatalogEntity entity = CatalogEntity.find("entityRef", ref.toString()).firstResult();
        if (entity == null) {
            return;
        }
        String before;
        String after;
        try {
            ObjectNode body = mapper.readValue(entity.body, ObjectNode.class);
            before = mapper.writeValueAsString(body);
            change.accept(body);
            after = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored entity body of " + ref + " is not JSON", e);
        }
        if (Objects.equals(before, after)) {
            return;
        }
        entity.body = after;
        changed.fire(new CatalogVersion.Changed(List.of(ref.toString())));
        session.flush();
        String id = entity.id;
        List<SearchRows.Row> rows = SearchRows.of(json.read(after));
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM search WHERE entity_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO search (entity_id, search_key, search_value, original_value) VALUES (?, ?, ?, ?)")) {
                for (SearchRows.Row row : rows) {
                    Jdbc.bind(ps, Arrays.asList(id, row.key(), row.value(), row.original()), 1);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }
}
