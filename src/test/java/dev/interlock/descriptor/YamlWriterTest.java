package dev.interlock.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * What {@link YamlWriter} writes, {@link DescriptorReader} reads back as the same values: an export's entity files
 * are imported again, and a value that came back otherwise would change the entity without changing its etag.
 */
class YamlWriterTest {

    private final DescriptorReader reader = new DescriptorReader(ReaderLimits.DEFAULTS);

    @Test
    void stringsYamlWouldReadAsSomethingElseComeBackAsTheSameStrings() {
        List<String> strings = List.of(
                "a: b",
                "x #y",
                "*anchor",
                "&x",
                "!tag",
                "no",
                "yes",
                "0x10",
                "1e3",
                "0o17",
                ".inf",
                "~",
                "null",
                "true",
                "",
                " lead",
                "trail ",
                "- x",
                "'quoted'",
                "\"dq\"",
                "{a: 1}",
                "---",
                "...",
                "line1\nline2  \n\ttab\n",
                "caf\u00e9 \u2713 \ud83d\ude00",
                "\ufeffbom",
                "a\u00a0",
                "a\rb",
                "a\r\nb");
        assertRoundTrip(strings);
    }

    /** A bell or an escape from a terminal's copy, a next-line character from an old mainframe export. */
    @Test
    void stringsWithControlCharactersOrUnusualLineBreaksComeBackAsTheSameStrings() {
        assertRoundTrip(List.of(
                "a\u0007b", "a\u001b[0mb", "a\u0085b", "a\u2028b", "a\u2029b", "\u0085", "x\u0001\ny\u0085z\n"));
    }

    /**
     * A long one-line text (an API definition sent as JSON) grows when it is quoted: each {@code '} doubled, each
     * control character escaped. Written on one line, it passed the reader's longest line and the import refused the
     * whole archive; its lines stay short.
     */
    @Test
    void longTextsThatGrowWhenQuotedAreWrittenInLinesTheReaderTakes() {
        List<String> strings = List.of(
                " it's".repeat(200_000), "\u0001".repeat(300_000), "\"\\".repeat(300_000), "x'y ".repeat(250_000));
        for (String s : strings) {
            assertRoundTrip(List.of(s));
            String yaml = YamlWriter.write(java.util.Map.of("description", s));
            int longest = yaml.lines().mapToInt(String::length).max().orElse(0);
            assertTrue(longest <= YamlDescriptors.MAX_LINE / 8, "a line of " + longest + " characters");
        }
    }

    private void assertRoundTrip(List<String> strings) {
        Map<String, Object> value = new LinkedHashMap<>();
        for (int i = 0; i < strings.size(); i++) {
            value.put("k" + i, strings.get(i));
            value.put("list" + i, List.of(strings.get(i)));
        }
        String yaml = YamlWriter.write(value);
        List<Descriptor> read = reader.read(yaml, DescriptorReader.Format.YAML, null);
        assertEquals(1, read.size(), yaml);
        assertEquals(value, read.get(0).root(), yaml);
    }
}
