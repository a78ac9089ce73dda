package dev.interlock.descriptor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.interlock.schema.SchemaRegistry;

/**
 * Which spec fields of which kinds are references, the kind a reference without one defaults to, and the
 * relation each produces (catalog-model.md §3–§4). Validation checks these fields parse as references; the
 * catalog turns them into relations.
 *
 * <p>The facts live next to each field's schema, as the annotation keyword {@value #KEYWORD}
 * ({@code {"defaultKind": "group", "relation": "ownedBy"}}) in the kind schemas and in {@code Pipeline.schema.json},
 * so a new kind or reference field is a change to the schema resources only. They are read once, in schema order.
 */
public final class RelationRules {

    /** The schema keyword that marks a reference field. */
    public static final String KEYWORD = "x-interlock-ref";

    /**
     * One reference field.
     *
     * @param path dotted path under {@code spec}, e.g. {@code owner} or {@code pipeline.inputs}
     * @param defaultKind the kind of a reference that names none
     * @param relation the relation from the entity to the referenced one
     */
    public record RefField(String path, String defaultKind, RelationType relation) {}

    private static final Map<String, List<RefField>> BY_KIND = load(SchemaRegistry.shared());

    private RelationRules() {}

    /** The reference fields of a kind (case-insensitive); empty for kinds Interlock does not interpret. */
    public static List<RefField> forKind(String kind) {
        return kind == null ? List.of() : BY_KIND.getOrDefault(kind.toLowerCase(Locale.ROOT), List.of());
    }

    private static Map<String, List<RefField>> load(SchemaRegistry schemas) {
        Map<String, List<RefField>> byKind = new HashMap<>();
        for (String name : SchemaRegistry.KINDS) {
            String file = "kinds/" + name + ".schema.json";
            List<RefField> fields = new ArrayList<>();
            // A kind schema is allOf [the envelope, the kind's own part]; its spec is in the second.
            collect(schemas, file, schemas.file(file).at("/allOf/1/properties/spec"), "", fields);
            byKind.put(name.substring(0, name.indexOf('.')).toLowerCase(Locale.ROOT), List.copyOf(fields));
        }
        return Map.copyOf(byKind);
    }

    /** The reference fields under one schema, following nested properties and {@code $ref}s to other files. */
    private static void collect(
            SchemaRegistry schemas, String file, JsonNode schema, String prefix, List<RefField> out) {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String path = prefix + property.getKey();
            JsonNode field = property.getValue();
            JsonNode ref = field.get(KEYWORD);
            if (ref != null) {
                out.add(refField(file, path, ref));
            }
            collect(schemas, file, field, path + ".", out);
            List<JsonNode> refs = new ArrayList<>();
            refs.add(field.path("$ref"));
            field.path("allOf").forEach(part -> refs.add(part.path("$ref")));
            for (JsonNode target : refs) {
                // Whole other files (Pipeline.schema.json); shared definitions (#/...) hold no reference facts.
                if (target.isTextual() && !target.asText().contains("#")) {
                    String other = SchemaRegistry.resolve(file, target.asText());
                    collect(schemas, other, schemas.file(other), path + ".", out);
                }
            }
        }
    }

    private static RefField refField(String file, String path, JsonNode ref) {
        RelationType relation = RelationType.byId(ref.path("relation").asText());
        String defaultKind = ref.path("defaultKind").asText("");
        if (relation == null || defaultKind.isEmpty()) {
            throw new IllegalStateException(file + ": " + KEYWORD + " of " + path
                    + " needs a defaultKind and a relation that is one of the catalog's relation types, not " + ref);
        }
        return new RefField(path, defaultKind, relation);
    }
}
