package dev.interlock.validation;

import dev.interlock.model.Node;

/** Small helpers to read the raw document tree and to describe values in messages. */
public final class Values {

    private static final int MAX_SHOWN = 120;

    private Values() {}

    /** The value at a dotted path of maps, or {@code null}. */
    public static Object at(Object root, String path) {
        return Node.of(root).at(path).raw();
    }

    public static boolean isNonEmptyString(Object value) {
        return !Node.of(value).text("").isEmpty();
    }

    /** How a found value is shown in a message: quoted like Backstage does, shortened when very long. */
    public static String describe(Object value) {
        Node node = Node.of(value);
        if (node.isMissing()) {
            return "nothing";
        }
        if (node.isObject()) {
            return node.keys().isEmpty() ? "{}" : "an object with keys " + node.keys();
        }
        if (node.isList()) {
            return node.items().isEmpty()
                    ? "an empty list"
                    : "a list of " + node.items().size();
        }
        String text = String.valueOf(value);
        if (text.length() > MAX_SHOWN) {
            text = text.substring(0, MAX_SHOWN) + "…(" + text.length() + " characters)";
        }
        return "\"" + text + "\"";
    }
}
