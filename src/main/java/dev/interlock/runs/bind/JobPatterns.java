package dev.interlock.runs.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job patterns of the claiming annotations ({@code openlineage.io/job}, {@code cdevents.dev/pipeline},
 * {@code cdevents.dev/source}, {@code github.com/workflow}): several separated by commas, {@code *} a wildcard. A
 * backslash makes the next {@code ,}, {@code *}, {@code \} or white space literal, so that any job name can be claimed
 * exactly (the descriptor {@code /runs/unbound} offers escapes them); any other backslash is itself.
 */
final class JobPatterns {

    /** How many compiled patterns {@link #compiled} keeps before it starts again. */
    static final int KEPT = 4096;

    private static final Map<String, Glob> COMPILED = new ConcurrentHashMap<>();

    private JobPatterns() {}

    /**
     * {@link #glob}, compiled once per pattern: the patterns are the catalog's annotations, asked for every run a
     * pipeline's health judges and for every job bound, far more often than they change. Kept up to {@link #KEPT}
     * patterns; past that the cache starts again rather than grow with whatever the catalog once held.
     */
    static Glob compiled(String pattern) {
        Glob kept = COMPILED.get(pattern);
        if (kept != null) {
            return kept;
        }
        if (COMPILED.size() >= KEPT) {
            COMPILED.clear();
        }
        Glob made = glob(pattern);
        COMPILED.put(pattern, made);
        return made;
    }

    /** The patterns of an annotation's value, split at its unescaped commas and trimmed; blanks left out. */
    static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int kept = 0; // the part's length up to its last character that is not an unescaped blank
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (escapes(value, i)) {
                part.append(c).append(value.charAt(++i));
                kept = part.length();
            } else if (c == ',') {
                add(part, kept, out);
                kept = 0;
            } else {
                part.append(c);
                if (!Character.isWhitespace(c)) {
                    kept = part.length();
                }
            }
        }
        add(part, kept, out);
        return out;
    }

    private static void add(StringBuilder part, int kept, List<String> out) {
        String p = part.substring(0, kept).stripLeading();
        if (!p.isEmpty()) {
            out.add(p);
        }
        part.setLength(0);
    }

    /** Whether the pattern holds an unescaped {@code *}. */
    static boolean isWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if (escapes(pattern, i)) {
                i++;
            } else if (pattern.charAt(i) == '*') {
                return true;
            }
        }
        return false;
    }

    /** The text a pattern without wildcards stands for: its escapes undone. */
    static String literal(String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            if (escapes(pattern, i)) {
                i++;
            }
            out.append(pattern.charAt(i));
        }
        return out.toString();
    }

    /** A pattern as a {@link Glob}: the literal texts between its unescaped {@code *}s. */
    static Glob glob(String pattern) {
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            if (escapes(pattern, i)) {
                literal.append(pattern.charAt(++i));
            } else if (pattern.charAt(i) == '*') {
                parts.add(literal.toString());
                literal.setLength(0);
            } else {
                literal.append(pattern.charAt(i));
            }
        }
        parts.add(literal.toString());
        return new Glob(List.copyOf(parts));
    }

    /**
     * A pattern ready to match: the literal texts around and between its wildcards, one more than it has wildcards.
     * It matches without a regular expression, finding each text after the last from the left, so the time a match
     * takes grows with the name's length times the pattern's, never exponentially (a regular expression such as
     * {@code .*a.*a.*a.*b} backtracks for minutes over a long name that does not match, holding up every run event).
     */
    record Glob(List<String> parts) {

        /** Whether the whole text matches. */
        boolean matches(String text) {
            String first = parts.get(0);
            if (parts.size() == 1) {
                return text.equals(first);
            }
            String last = parts.get(parts.size() - 1);
            if (text.length() < first.length() + last.length() || !text.startsWith(first) || !text.endsWith(last)) {
                return false;
            }
            int from = first.length();
            int end = text.length() - last.length();
            for (int i = 1; i < parts.size() - 1; i++) {
                int at = text.indexOf(parts.get(i), from);
                if (at < 0 || at + parts.get(i).length() > end) {
                    return false;
                }
                from = at + parts.get(i).length();
            }
            return true;
        }
    }

    /** A job's name written as a pattern that claims exactly it (white space at its ends escaped, or it is trimmed). */
    static String escape(String name) {
        int first = 0;
        while (first < name.length() && Character.isWhitespace(name.charAt(first))) {
            first++;
        }
        int last = name.length();
        while (last > first && Character.isWhitespace(name.charAt(last - 1))) {
            last--;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ',' || c == '*' || c == '\\' || i < first || i >= last) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Whether the character at {@code i} is a backslash that makes the next one literal. */
    private static boolean escapes(String text, int i) {
        if (text.charAt(i) != '\\' || i + 1 >= text.length()) {
            return false;
        }
        char next = text.charAt(i + 1);
        return next == ',' || next == '*' || next == '\\' || Character.isWhitespace(next);
    }
}
