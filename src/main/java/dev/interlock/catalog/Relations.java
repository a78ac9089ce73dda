package dev.interlock.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationRules;
import dev.interlock.descriptor.RelationRules.RefField;
import dev.interlock.model.Entity;
import dev.interlock.model.Node;

/**
 * Computes the relations an entity's spec produces (catalog-model.md §3–§4). Each is stored once; its inverse is
 * read from the same row the other way round ({@link CatalogQueries}). Only kinds Interlock interprets produce
 * relations; the input is an entity that passed validation.
 */
public final class Relations {

    private Relations() {}

    /** The relations an entity's spec declares, without duplicates. */
    public static List<Relation> of(EntityRef self, Entity entity) {
        Set<Relation> out = new LinkedHashSet<>();
        Node spec = entity.spec();
        for (RefField field : RelationRules.forKind(self.kind())) {
            for (String ref : spec.at(field.path()).strings()) {
                if (!ref.isEmpty()) {
                    out.add(new Relation(
                            self, field.relation(), EntityRef.parse(ref, field.defaultKind(), self.namespace())));
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The relations a parsed document declares (a preview of a body not registered yet). */
    public static List<Relation> of(EntityRef self, Map<String, Object> entity) {
        return of(self, Entity.of(entity));
    }
}
