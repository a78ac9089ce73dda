package dev.interlock.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.validation.Values;

/** Reads entities for pages and turns them into {@link EntityView}s, resolving every reference in one query. */
@ApplicationScoped
public class EntityViews {

    @Inject
    CatalogQueries queries;

    public Optional<EntityView> byRef(EntityRef ref) {
        return queries.byRef(ref).map(e -> views(List.of(e)).get(0));
    }

    /** Views of entities in the API's shape, in the same order. */
    public List<EntityView> views(List<Map<String, Object>> entities) {
        List<String> refs = new ArrayList<>();
        for (Map<String, Object> e : entities) {
            for (Object r : EntityView.list(e.get("relations"))) {
                refs.add(String.valueOf(EntityView.map(r).get("targetRef")));
            }
            refs.addAll(pipelineRefs(e));
        }
        Set<String> existing = queries.existing(refs);
        return entities.stream().map(e -> EntityView.of(e, existing)).toList();
    }

    /** Pipeline references (triggers, inputs, outputs, maintainers), canonical; relations hold them too. */
    private static List<String> pipelineRefs(Map<String, Object> entity) {
        List<String> out = new ArrayList<>();
        Object pipeline = Values.at(entity, "spec.pipeline");
        if (!(pipeline instanceof Map<?, ?> p)) {
            return out;
        }
        String namespace = EntityView.text(Values.at(entity, "metadata.namespace"), EntityRef.DEFAULT_NAMESPACE);
        add(out, p.get("inputs"), "resource", namespace);
        add(out, p.get("outputs"), "resource", namespace);
        add(out, p.get("maintainers"), "user", namespace);
        add(out, EntityView.map(p.get("trigger")).get("after"), "component", namespace);
        return out;
    }

    private static void add(List<String> out, Object refs, String kind, String namespace) {
        for (Object r : EntityView.list(refs)) {
            out.add(EntityRef.parse(String.valueOf(r), kind, namespace).toString());
        }
    }
}
