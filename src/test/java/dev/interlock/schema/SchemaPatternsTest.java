package dev.interlock.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The schemas' patterns mean the same in Java (registration, {@code validate}, {@link SchemaAgreementTest}) and in
 * JavaScript (ECMA-262, what editors' schema checkers such as ajv run): {@code \s} and {@code \S} take Unicode spaces
 * (a no-break space, U+2028, U+FEFF) as white space in JavaScript only, and {@code \w}, {@code \b} differ under its
 * {@code u} and {@code i} flags, so an owner pasted with a no-break space passed the schema and failed registration.
 * Patterns spell those classes out.
 */
class SchemaPatternsTest {

    private static final Path SCHEMAS = Path.of("src/main/resources/schema");

    @Test
    void noPatternUsesAClassJavaAndJavaScriptReadApart() throws IOException {
        List<String> patterns = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SCHEMAS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                collect(new ObjectMapper().readTree(f.toFile()), f + " ", patterns);
            }
        }
        assertFalse(patterns.isEmpty(), "the schemas' patterns are read");
        assertEquals(
                List.of(),
                patterns.stream()
                        .filter(p -> divergent(p.substring(p.indexOf(' ') + 1)))
                        .toList());
    }

    @Test
    void theCheckFindsAnEscapeOnlyWhereItIsOne() {
        assertEquals(true, divergent("^\\s*x$"));
        assertEquals(true, divergent("a\\Wb"));
        assertEquals(false, divergent("^[ \\t\\n\\x0B\\f\\r]*x$"));
        assertEquals(false, divergent("a\\\\sb"), "an escaped backslash followed by s is no class");
    }

    /** Every {@code pattern} (and {@code patternProperties} key) under a node, with where it is. */
    private static void collect(JsonNode node, String where, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("pattern") && e.getValue().isTextual()) {
                    out.add(where + e.getValue().textValue());
                } else {
                    if (e.getKey().equals("patternProperties")) {
                        e.getValue().fieldNames().forEachRemaining(k -> out.add(where + k));
                    }
                    collect(e.getValue(), where, out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, where, out));
        }
    }

    /** Whether a pattern holds {@code \s \S \w \W \b \B} as an escape (not after an escaped backslash). */
    static boolean divergent(String pattern) {
        for (int i = 0; i < pattern.length() - 1; i++) {
            if (pattern.charAt(i) == '\\') {
                if ("sSwWbB".indexOf(pattern.charAt(i + 1)) >= 0) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }
}
