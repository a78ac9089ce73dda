package dev.interlock.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.pipeline.SoleRestorers;

/**
 * Reads entities for pages and turns them into {@link EntityView}s, resolving every reference in one query. The
 * catalog's stored bodies become {@link Entity} values here, at the edge.
 */
@ApplicationScoped
public class EntityViews {

    @Inject
    CatalogQueries queries;

    @Inject
    SoleRestorers restorers;

    /** The view of one entity, if it is in the catalog. */
    public Optional<EntityView> byRef(EntityRef ref) {
        return queries.byRef(ref).map(e -> viewsOf(List.of(Entity.of(e))).get(0));
    }

    /** Views of the entities in the catalog among {@code refs}, in their order; those not in it are left out. */
    public List<EntityView> byRefs(Collection<EntityRef> refs) {
        return viewsOf(entities(refs));
    }

    /** The entities in the catalog among {@code refs}, in their order; those not in it are left out. */
    public List<Entity> entities(Collection<EntityRef> refs) {
        return queries.byRefs(List.copyOf(refs)).stream()
                .filter(Objects::nonNull)
                .map(Entity::of)
                .toList();
    }

    /** Views of entities in the API's shape (as {@link CatalogQueries} reads them), in the same order. */
    public List<EntityView> views(List<Map<String, Object>> entities) {
        return viewsOf(entities.stream().map(Entity::of).toList());
    }

    /**
     * Views of entities with their relations, in the same order: one query tells which references are in the
     * catalog, and the pipelines' health tells which of them one person alone restored.
     */
    public List<EntityView> viewsOf(List<Entity> entities) {
        List<String> refs = new ArrayList<>();
        entities.forEach(e -> refs.addAll(EntityView.shownRefs(e)));
        Set<String> existing = queries.existing(refs);
        Map<EntityRef, EntityRef> soleRestorers = restorers.of(entities.stream()
                .filter(e -> e.pipeline().isPresent())
                .map(Entity::ref)
                .toList());
        return entities.stream()
                .map(e -> EntityView.of(e, existing, soleRestorers))
                .toList();
    }
}
