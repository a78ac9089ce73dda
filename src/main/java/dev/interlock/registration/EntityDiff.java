package dev.interlock.registration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.interlock.model.Entity;
import dev.interlock.model.Metadata;
import dev.interlock.model.Node;

/**
 * What an update changes: the fields that differ between the stored entity and the new body, and whether the
 * change moves the entity's {@code generation} on.
 */
final class EntityDiff {

    private EntityDiff() {}

    /**
     * The fields (one or two levels deep) that differ; the identity the catalog sets, its relations and status are
     * not compared, since a request does not say them.
     *
     * @param stored the entity as stored
     * @param after the new body, read back as it will be stored
     */
    static List<String> changedFields(Entity stored, Entity after) {
        Node before = withoutIdentity(stored);
        Set<String> changed = new LinkedHashSet<>();
        for (String key : union(before, after.root())) {
            Node b = before.get(key);
            Node a = after.root().get(key);
            if (a.equals(b)) {
                continue;
            }
            if (a.isObject() && b.isObject()) {
                for (String k : union(b, a)) {
                    if (!a.get(k).equals(b.get(k))) {
                        changed.add(key + "." + k);
                    }
                }
            } else {
                changed.add(key);
            }
        }
        return new ArrayList<>(changed);
    }

    /** Backstage's rule: the generation counts changes of the spec only. */
    static boolean changesGeneration(List<String> changed) {
        return changed.stream().anyMatch(f -> f.equals("spec") || f.startsWith("spec."));
    }

    private static Node withoutIdentity(Entity stored) {
        Map<String, Object> out = new LinkedHashMap<>(stored.tree());
        Map<String, Object> metadata =
                new LinkedHashMap<>(stored.root().get("metadata").asTree());
        metadata.keySet().removeAll(Metadata.CATALOG_SET);
        out.put("metadata", metadata);
        out.remove("relations");
        out.remove("status");
        return Node.of(out);
    }

    private static Set<String> union(Node a, Node b) {
        Set<String> keys = new LinkedHashSet<>(a.keys());
        keys.addAll(b.keys());
        return keys;
    }
}
