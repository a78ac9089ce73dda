package dev.interlock.errors;

/**
 * A value a client sent, as an error message repeats it: cut to 60 characters (with "…" when cut, never inside a
 * surrogate pair), so that a megabyte of garbage is not sent back, and quoted, so that where it starts and ends is
 * plain.
 */
public final class Echo {

    /** The longest part of a value a message repeats. */
    public static final int MAX = 60;

    private Echo() {}

    /** The value cut to {@link #MAX} characters, "…" marking a cut. */
    public static String shortened(String value) {
        if (value.length() <= MAX) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(MAX - 1)) ? MAX - 1 : MAX;
        return value.substring(0, end) + "…";
    }

    /** The value shortened and in double quotes. */
    public static String quoted(String value) {
        return "\"" + shortened(value) + "\"";
    }
}
