package dev.interlock.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
