package dev.interlock.descriptor;

/**
 * Text that is no Unicode: half of a UTF-16 surrogate pair without its other half. JSON's {@code \ud800} escape and
 * YAML's make one; it cannot be written out as UTF-8 again, so reads and exports of anything holding it would fail.
 * Every input (descriptors, run events) refuses it where it is.
 */
public final class Unicode {

    private Unicode() {}

    /**
     * What keeps a text from being stored, said of it ({@code holds a NUL character ...}), or {@code null}: a NUL
     * character (PostgreSQL refuses it, and no descriptor may hold one) or a lone surrogate.
     */
    public static String unstorable(String text) {
        if (text.indexOf('\0') >= 0) {
            return "holds a NUL character (\\u0000); remove it";
        }
        int lone = loneSurrogate(text);
        if (lone >= 0) {
            return "holds half of a UTF-16 surrogate pair (\\u" + Integer.toHexString(text.charAt(lone))
                    + ") without its other half; that is no character, remove it";
        }
        return null;
    }

    /** The index of the first lone surrogate in the text, or -1 when there is none. */
    public static int loneSurrogate(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
