package dev.interlock.runs.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The job patterns of the claiming annotations ({@code openlineage.io/job}, {@code cdevents.dev/pipeline},
 * {@code cdevents.dev/source}, {@code github.com/workflow}): several separated by commas, {@code *} a wildcard. A
 * backslash makes the next {@code ,}, {@code *}, {@code \} or white space literal, so that any job name can be claimed
 * exactly (the descriptor {@code /runs/unbound} offers escapes them); any other backslash is itself.
 */
final class JobPatterns {

    /** How many compiled patterns {@link #compiled} keeps before it starts again. */
    static final int KEPT = 4096;

    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private JobPatterns() {}

    /**
     * {@link #glob}, compiled once per pattern: the patterns are the catalog's annotations, asked for every run a
     * pipeline's health judges and for every job bound, far more often than they change. Kept up to {@link #KEPT}
     * patterns; past that the cache starts again rather than grow with whatever the catalog once held.
     */
    static Pattern compiled(String pattern) {
        Pattern kept = COMPILED.get(pattern);
        if (kept != null) {
            return kept;
        }
        if (COMPILED.size() >= KEPT) {
            COMPILED.clear();
        }
        Pattern made = glob(pattern);
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

    /** A pattern as a regular expression: each unescaped {@code *} any text, everything else literal. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            if (escapes(pattern, i)) {
                literal.append(pattern.charAt(++i));
            } else if (pattern.charAt(i) == '*') {
                re.append(Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(pattern.charAt(i));
            }
        }
        re.append(Pattern.quote(literal.toString()));
        return Pattern.compile(re.toString(), Pattern.DOTALL);
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
