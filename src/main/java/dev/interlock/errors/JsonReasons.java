package dev.interlock.errors;

/**
 * Why the JSON library refused a body, in words for the person who sent it: its message without the parts that
 * name its internals (Java types, feature switches, source descriptions), which mean nothing to a sender and are
 * not for clients to see.
 */
public final class JsonReasons {

    /** Where the library's message turns to its internals; the reason is what comes before. */
    private static final String[] INTERNALS = {
        " (start marker at",
        " at [Source",
        "[Source:",
        " (from `",
        " from `",
        " (bound as",
        ": not allowed as per",
        ": enable ",
        "; enable "
    };

    private JsonReasons() {}

    /** The reason of a message of the JSON library (its "original message", without location). */
    public static String of(String message) {
        if (message == null) {
            return "it could not be read";
        }
        if (message.contains("nesting depth")) {
            return "it is nested too deeply";
        }
        if (message.startsWith("Trailing token")) {
            return "unexpected content after the end of the body";
        }
        if (message.contains("ALLOW_NON_NUMERIC_NUMBERS")) {
            return "NaN and Infinity are not numbers in JSON";
        }
        if (message.contains("ALLOW_COMMENTS")) {
            return "comments are not allowed in JSON";
        }
        if (message.startsWith("Duplicate field ")) {
            // Duplicate field 'eventType': the later value would silently replace the earlier.
            String name = message.substring("Duplicate field ".length())
                    .lines()
                    .findFirst()
                    .orElse("")
                    .strip();
            if (name.length() >= 2 && name.startsWith("'") && name.endsWith("'")) {
                name = name.substring(1, name.length() - 1);
            }
            return "the name " + Echo.quoted(name) + " appears twice in one object";
        }
        if (message.contains("length (") && message.contains("exceeds the maximum allowed")) {
            return "a number, name or text in it is longer than allowed";
        }
        String first = message.lines().findFirst().orElse("");
        for (String internal : INTERNALS) {
            int at = first.indexOf(internal);
            if (at >= 0) {
                first = first.substring(0, at);
            }
        }
        return first.replace("`", "").strip();
    }
}
