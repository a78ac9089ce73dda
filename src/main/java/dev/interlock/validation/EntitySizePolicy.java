package dev.interlock.validation;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.interlock.descriptor.Descriptor;
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

    @Override
    public void check(Descriptor descriptor, Node entity, Problems problems) {
        Size size = new Size();
        size.add("", entity);
        if (size.total > MAX_CHARACTERS) {
            problems.error(
                    size.largestField.isEmpty() ? null : size.largestField,
                    "the entity holds " + String.format("%,d", size.total) + " characters of text, "
                            + String.format("%,d", size.largest) + " of them in \"" + size.largestField
                            + "\"; an entity may hold at most " + String.format("%,d", MAX_CHARACTERS)
                            + " (1 MiB): link to large documents (metadata.links, a $text placeholder's URL in"
                            + " a location) instead of writing them into the entity");
        }
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
