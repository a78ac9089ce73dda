package dev.interlock.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.interlock.catalog.CatalogEntity;
import dev.interlock.model.Entity;

/**
 * The body the catalog serves for a stored entity: the stored body with the identity the catalog gave it
 * ({@code metadata.uid}, {@code etag}, {@code generation}) and, when registration had warnings, Backstage's
 * output-only {@code status}.
 */
public final class ServedBody {

    private ServedBody() {}

    /**
     * The body with the entity row's identity filled in.
     *
     * @param body the entity as it is stored (no identity, status or relations needed)
     * @param row the entity row, its id, etag and generation set
     * @param warnings registration's warnings about it
     */
    public static Entity of(Entity body, CatalogEntity row, List<String> warnings) {
        Map<String, Object> out = new LinkedHashMap<>(body.tree());
        Map<String, Object> metadata =
                new LinkedHashMap<>(body.root().get("metadata").asTree());
        metadata.put("uid", row.id);
        metadata.put("etag", row.etag);
        metadata.put("generation", row.generation);
        out.put("metadata", metadata);
        if (!warnings.isEmpty()) {
            out.put("status", warningStatus(warnings));
        }
        return Entity.of(out);
    }

    /**
     * Backstage's output-only {@code status} of an entity with warnings: flagged entities can be found with
     * {@code filter=status.items.level=warning}.
     */
    static Map<String, Object> warningStatus(List<String> warnings) {
        return Map.of(
                "items",
                warnings.stream()
                        .map(w -> Map.of("type", "interlock.dev/validation", "level", "warning", "message", w))
                        .toList());
    }
}
