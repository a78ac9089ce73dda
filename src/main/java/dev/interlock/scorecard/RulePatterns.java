package dev.interlock.scorecard;

import dev.interlock.errors.Echo;

/**
 * The regular expressions a rule may give CEL's {@code matches()}. CEL compiles a pattern every time it runs, and
 * counted repetitions nested in each other are expanded when they are compiled: {@code (a{1000}){1000}} takes half a
 * second and a million nodes, a third level more memory than the server has. So a rule's patterns are literal text
 * (not taken from an entity, which any editor writes), checked once when the scorecard is registered: they must
 * compile, and expand to at most {@link #MAX_SIZE} nodes.
 */
final class RulePatterns {

    /** Most nodes a pattern may expand to: a hundred times the longest name pattern a catalog needs. */
    static final int MAX_SIZE = 5_000;

    private RulePatterns() {}

    /** Why a pattern may not be used, as a clause, or {@code null} when it may. */
    static String problem(String pattern) {
        long size = expandedSize(pattern);
        if (size > MAX_SIZE) {
            return "its pattern '" + Echo.shortened(pattern) + "' repeats too much (it expands to more than " + MAX_SIZE
                    + " parts; counted repetitions such as {1000} multiply when nested)";
        }
        try {
            com.google.re2j.Pattern.compile(pattern);
            return null;
        } catch (com.google.re2j.PatternSyntaxException e) {
            return "its pattern '" + Echo.shortened(pattern) + "' is not a valid regular expression: "
                    + e.getDescription();
        }
    }

    /**
     * An upper bound of the nodes a pattern expands to: each character, class or escape is one; a group is the sum of
     * what it holds; a counted repetition multiplies what it repeats by its largest count, and {@code * + ?} by two.
     */
    static long expandedSize(String pattern) {
        // One frame per open group: the size so far and the size of its last element (what a repetition repeats).
        java.util.ArrayDeque<long[]> frames = new java.util.ArrayDeque<>();
        long[] frame = {0, 0};
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            long element = 1;
            switch (c) {
                case '\\' -> i = escapeEnd(pattern, i);
                case '[' -> i = classEnd(pattern, i);
                case '(' -> {
                    frames.push(frame);
                    frame = new long[] {0, 0};
                    i++;
                    continue;
                }
                case ')' -> {
                    element = Math.max(1, frame[0]);
                    frame = frames.isEmpty() ? new long[] {0, 0} : frames.pop();
                    i++;
                }
                case '*', '+', '?' -> {
                    repeat(frame, 2);
                    i++;
                    continue;
                }
                case '{' -> {
                    java.util.regex.Matcher m = COUNT.matcher(pattern).region(i, pattern.length());
                    if (m.lookingAt()) {
                        long times = m.group(2) == null
                                ? parse(m.group(1))
                                : m.group(3).isEmpty() ? parse(m.group(1)) + 1 : parse(m.group(3));
                        repeat(frame, Math.max(1, times));
                        i = m.end();
                        continue;
                    }
                    i++;
                }
                default -> i++;
            }
            frame[0] = saturated(frame[0] + element);
            frame[1] = element;
        }
        long total = frame[0];
        while (!frames.isEmpty()) {
            total = saturated(total + frames.pop()[0]);
        }
        return total;
    }

    private static final java.util.regex.Pattern COUNT =
            java.util.regex.Pattern.compile("\\{(\\d{1,9})(,(\\d{0,9}))?}");

    private static void repeat(long[] frame, long times) {
        frame[0] = saturated(frame[0] + saturated(frame[1] * (times - 1)));
        frame[1] = saturated(frame[1] * times);
    }

    private static long parse(String digits) {
        return Long.parseLong(digits);
    }

    private static long saturated(long value) {
        return value < 0 || value > 1_000_000_000L ? 1_000_000_000L : value;
    }

    /** Where an escape ends: {@code \Q...\E}, {@code \p{...}} and {@code \x{...}} as one element. */
    private static int escapeEnd(String p, int at) {
        if (at + 1 >= p.length()) {
            return p.length();
        }
        char next = p.charAt(at + 1);
        if (next == 'Q') {
            int end = p.indexOf("\\E", at + 2);
            return end < 0 ? p.length() : end + 2;
        }
        if ((next == 'p' || next == 'P' || next == 'x') && at + 2 < p.length() && p.charAt(at + 2) == '{') {
            int end = p.indexOf('}', at + 3);
            return end < 0 ? p.length() : end + 1;
        }
        return at + 2;
    }

    /** Where a character class ends: a {@code ]} right after the opening (or its {@code ^}) is a member. */
    private static int classEnd(String p, int at) {
        int i = at + 1;
        if (i < p.length() && p.charAt(i) == '^') {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        while (i < p.length() && p.charAt(i) != ']') {
            if (p.charAt(i) == '\\') {
                i++;
            } else if (p.startsWith("[:", i)) {
                int end = p.indexOf(":]", i + 2);
                i = end < 0 ? i : end + 1;
            }
            i++;
        }
        return Math.min(p.length(), i + 1);
    }
}
