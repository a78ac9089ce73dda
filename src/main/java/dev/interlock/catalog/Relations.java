package dev.interlock.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationRules;
import dev.interlock.descriptor.RelationRules.RefField;
import dev.interlock.validation.Values;

/**
 * Computes the relations an entity's spec produces (catalog-model.md §3–§4). Each is stored once; its inverse is
 * read from the same row the other way round ({@link CatalogQueries}). Only kinds Interlock interprets produce
 * relations; the input is an entity that passed validation.
 */
public final class Relations {

    private Relations() {
    }

    /** The relations an entity's spec declares, without duplicates. */
    public static List<Relation> of(EntityRef self, Map<String, Object> entity) {
        Set<Relation> out = new LinkedHashSet<>();
        if (!(entity.get("spec") instanceof Map<?, ?> spec)) {
            return List.of();
        }
        for (RefField field : RelationRules.forKind(self.kind())) {
            for (String ref : refs(Values.at(spec, field.path()))) {
                EntityRef target = EntityRef.parse(ref, field.defaultKind(), self.namespace());
                Relation relation = new Relation(self, field.relation(), target);
                out.add(relation);
            }
        }
        return new ArrayList<>(out);
    }

    private static List<String> refs(Object value) {
        if (value instanceof String s && !s.isEmpty()) {
            return List.of(s);
        }
        if (value instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).filter(s -> !s.isEmpty())
                    .toList();
        }
        return List.of();
    }
}
