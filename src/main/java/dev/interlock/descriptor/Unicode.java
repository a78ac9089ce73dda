package dev.interlock.descriptor;

/**
 * Text that is no Unicode: half of a UTF-16 surrogate pair without its other half. JSON's {@code \ud800} escape and
 * YAML's make one; it cannot be written out as UTF-8 again, so reads and exports of anything holding it would fail.
 * Every input (descriptors, run events) refuses it where it is.
 */
public final class Unicode {

    private Unicode() {}

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
