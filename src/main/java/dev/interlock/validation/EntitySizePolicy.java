package dev.interlock.validation;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Metadata;
import dev.interlock.model.Node;

/**
 * An entity holds at most {@link #MAX_CHARACTERS} characters of text (keys and values, placeholders resolved). A
 * catalog entry describes a thing and links to its documents; one that embeds them (a 15 MB description, a huge API
 * definition) is stored three times (body, source, history), rewritten by every write of the database page it sits in,
 * and sent whole in every answer that includes it, which is what ran the server's heap out (bench/README.md, "Sixteenth
 * session"). Backstage has no such rule; its entities are this small in practice.
 */
@ApplicationScoped
public class EntitySizePolicy implements EntityPolicy {

    /** Most characters of text in one entity: 1 MiB, a large API definition. */
    public static final int MAX_CHARACTERS = 1 << 20;

    @Override
    public int order() {
        // Before the schemas walk the tree: an oversized entity is refused for its size alone.
        return 5;
    }

    /**
     * Most characters of a managed-by annotation the catalog writes: a location's type and target as the locations
     * table holds them ({@code VARCHAR(63)}, {@code :}, {@code VARCHAR(2000)}). Characters beyond are counted.
     */
    static final int MANAGED_BY_MOST = 63 + 1 + 2000;

    @Override
    public void check(Descriptor descriptor, Node entity, Problems problems) {
        long total = weigh(entity) + asStored(entity.get("metadata"));
        if (total > MAX_CHARACTERS) {
            Heaviest bulk = heaviest("", entity);
            problems.error(
                    bulk.path().isEmpty() ? null : bulk.path(),
                    "the entity holds " + String.format("%,d", total) + " characters of text, "
                            + String.format("%,d", bulk.weight()) + " of them in \"" + bulk.path()
                            + "\"; an entity may hold at most " + String.format("%,d", MAX_CHARACTERS)
                            + " (1 MiB): link to large documents (metadata.links, a $text placeholder's URL in"
                            + " a location) instead of writing them into the entity");
        }
    }

    /**
     * What the count of a body's text differs by from the count of the entity the catalog stores and serves for it:
     * the catalog fills in the namespace, and its own fields (uid, etag, generation, where the entity is managed
     * from, and the key of the annotations that hold it) are not counted, whoever wrote them. So an entity measures the same when it is registered and when its
     * export is imported, and one registered at the limit comes back from its export.
     */
    private static long asStored(Node metadata) {
        if (!metadata.isObject()) {
            return 0;
        }
        long difference =
                metadata.keys().contains("namespace") ? 0 : "namespace".length() + EntityRef.DEFAULT_NAMESPACE.length();
        for (String field : Metadata.CATALOG_SET) {
            difference -= characters(field, metadata.get(field));
        }
        Node annotations = metadata.get("annotations");
        if (!annotations.isMissing()) {
            // The catalog writes the key when it writes the first annotation of an entity that had none.
            difference -= "annotations".length();
        }
        for (String annotation : List.of(Metadata.MANAGED_BY_LOCATION, Metadata.MANAGED_BY_ORIGIN)) {
            Node value = annotations.get(annotation);
            if (value.isString()) {
                // Bounded: a long value written there is no location's and is counted.
                difference -= annotation.length() + Math.min(value.text().length(), MANAGED_BY_MOST);
            }
        }
        return difference;
    }

    /** The characters a field and its value add to the count; none when it is missing. */
    private static long characters(String field, Node value) {
        if (value.isMissing()) {
            return 0;
        }
        return field.length() + weigh(value);
    }

    /** The characters of text a value holds: its strings and other scalars, and the keys of its objects. */
    private static long weigh(Node value) {
        if (value.isObject()) {
            long total = 0;
            for (Map.Entry<String, Node> field : value.fields().entrySet()) {
                total += field.getKey().length() + weigh(field.getValue());
            }
            return total;
        }
        if (value.isList()) {
            long total = 0;
            for (Node item : value.items()) {
                total += weigh(item);
            }
            return total;
        }
        String text = value.scalarText();
        return text == null ? 0 : text.length();
    }

    /** A field and the characters it holds. */
    private record Heaviest(String path, long weight) {}

    /**
     * The field that holds the bulk of a value: from the value, into its heaviest field or item for as long as that
     * holds at least half of what its parent does. One long text names itself ({@code spec.definition}); 200,000 short
     * annotations name the map that holds them ({@code metadata.annotations}), not the longest of its strings.
     */
    private static Heaviest heaviest(String path, Node value) {
        long weight = weigh(value);
        String heaviestPath = null;
        Node heaviestValue = null;
        long most = -1;
        if (value.isObject()) {
            for (Map.Entry<String, Node> field : value.fields().entrySet()) {
                long w = field.getKey().length() + weigh(field.getValue());
                if (w > most) {
                    most = w;
                    heaviestPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                    heaviestValue = field.getValue();
                }
            }
        } else if (value.isList()) {
            int i = 0;
            for (Node item : value.items()) {
                long w = weigh(item);
                if (w > most) {
                    most = w;
                    heaviestPath = path + "." + i;
                    heaviestValue = item;
                }
                i++;
            }
        }
        if (heaviestValue == null || most * 2 < weight) {
            return new Heaviest(path, weight);
        }
        return heaviest(heaviestPath, heaviestValue);
    }
}
