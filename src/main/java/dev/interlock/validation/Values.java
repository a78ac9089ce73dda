package dev.interlock.validation;

import java.util.List;
import java.util.Map;

/** Small helpers to read the raw document tree and to describe values in messages. */
public final class Values {

    private static final int MAX_SHOWN = 120;

    private Values() {
    }

    /** The value at a dotted path of maps, or {@code null}. */
    @SuppressWarnings("unchecked")
    public static Object at(Object root, String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(part);
        }
        return current;
    }

    public static boolean isNonEmptyString(Object value) {
        return value instanceof String s && !s.isEmpty();
    }

    /** How a found value is shown in a message: quoted like Backstage does, shortened when very long. */
    public static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        String text;
        if (value instanceof Map<?, ?> m) {
            text = m.isEmpty() ? "{}" : "an object with keys " + m.keySet();
            return text;
        } else if (value instanceof List<?> l) {
            return l.isEmpty() ? "an empty list" : "a list of " + l.size();
        } else {
            text = String.valueOf(value);
        }
        if (text.length() > MAX_SHOWN) {
            text = text.substring(0, MAX_SHOWN) + "…(" + text.length() + " characters)";
        }
        return "\"" + text + "\"";
    }
}
