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
        Size size = new Size();
        size.add("", entity);
        long total = size.total + asStored(entity.get("metadata"));
        if (total > MAX_CHARACTERS) {
            problems.error(
                    size.largestField.isEmpty() ? null : size.largestField,
                    "the entity holds " + String.format("%,d", total) + " characters of text, "
                            + String.format("%,d", size.largest) + " of them in \"" + size.largestField
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
        Size size = new Size();
        size.add(field, value);
        return field.length() + size.total;
    }

    /** Characters counted so far and the field that holds the most. */
    private static final class Size {
        long total;
        long largest = -1;
        String largestField = "";

        void add(String path, Node value) {
            if (value.isObject()) {
                for (Map.Entry<String, Node> field : value.fields().entrySet()) {
                    total += field.getKey().length();
                    add(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue());
                }
            } else if (value.isList()) {
                int i = 0;
                for (Node item : value.items()) {
                    add(path + "." + i++, item);
                }
            } else {
                String text = value.scalarText();
                long length = text == null ? 0 : text.length();
                total += length;
                if (length > largest) {
                    largest = length;
                    largestField = path;
                }
            }
        }
    }
}
