package dev.interlock.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DescriptorReaderTest {

    private final DescriptorReader reader = new DescriptorReader(ReaderLimits.DEFAULTS);

    private List<Descriptor> yaml(String text) {
        return reader.read(text, DescriptorReader.Format.YAML, "api:test");
    }

    @Test
    void readsEveryDocumentWithAbsolutePositions() {
        List<Descriptor> docs = yaml("""
                kind: Component
                metadata:
                  name: a
                ---
                ---
                kind: Group
                metadata:
                  name: b
                """);
        assertEquals(2, docs.size());
        assertEquals(1, docs.get(0).document());
        assertEquals(3, docs.get(1).document(), "empty documents are skipped but counted");
        assertEquals(new Position(8, 3), docs.get(1).positionOf("metadata.name"));
        assertEquals(new Position(8, 3), docs.get(1).positionOf("metadata.name.unknown.deeper"));
        assertTrue(docs.get(1).source().startsWith("kind: Group"));
        assertEquals("api:test", docs.get(1).location());
    }

    @Test
    void resolvesScalarsWithYaml12CoreSchemaLikeBackstage() {
        Map<?, ?> root = (Map<?, ?>) yaml("""
                country: NO
                answer: yes
                on: off
                n: 42
                big: 123456789012345678901234567890
                f: 1.5
                t: true
                nothing: null
                date: 2024-01-01
                hex: 0x1F
                """).get(0).root();
        assertEquals("NO", root.get("country"));
        assertEquals("yes", root.get("answer"));
        assertEquals("off", root.get("on"));
        assertEquals(42L, root.get("n"));
        assertInstanceOf(java.math.BigInteger.class, root.get("big"));
        assertEquals(1.5, root.get("f"));
        assertEquals(Boolean.TRUE, root.get("t"));
        assertTrue(root.containsKey("nothing") && root.get("nothing") == null);
        assertEquals("2024-01-01", root.get("date"));
        assertEquals(31L, root.get("hex"));
    }

    @Test
    void refusesDuplicateKeysWithTheirLine() {
        DescriptorSyntaxException e = assertThrows(DescriptorSyntaxException.class, () -> yaml("""
                kind: Component
                metadata:
                  name: a
                  name: b
                """));
        assertEquals(1, e.document());
        assertEquals(4, e.position().line());
        assertTrue(e.getMessage().contains("metadata.name"), e.getMessage());
    }

    @Test
    void reportsSyntaxErrorsWithDocumentLineAndColumn() {
        DescriptorSyntaxException e = assertThrows(
                DescriptorSyntaxException.class, () -> yaml("kind: Component\n---\nmetadata: [unclosed\nspec: {}\n"));
        assertEquals(2, e.document());
        assertTrue(e.position().line() >= 3, "line " + e.position());
        assertTrue(e.getMessage().startsWith("YAML syntax error"), e.getMessage());
    }

    /** An unclosed quote is found at the end of the file; the message says where it opened. */
    @Test
    void aSyntaxErrorSaysWhereTheUnclosedPartOpened() {
        DescriptorSyntaxException e = assertThrows(
                DescriptorSyntaxException.class,
                () -> yaml("kind: Component\nmetadata:\n  description: \"unclosed\n  name: a\nspec: {}\n"));
        assertEquals(6, e.position().line());
        assertTrue(
                e.getMessage().contains("while scanning a quoted scalar, which starts at line 3, column 16"),
                e.getMessage());
    }

    @Test
    void stopsABillionLaughsAliasBombQuickly() {
        StringBuilder bomb =
                new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            bomb.append(c)
                    .append(": &")
                    .append(c)
                    .append(" [*")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append("]\n");
        }
        long start = System.nanoTime();
        DescriptorSyntaxException e = assertThrows(DescriptorSyntaxException.class, () -> yaml(bomb.toString()));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2_000);
        assertTrue(e.getMessage().toLowerCase().contains("alias"), e.getMessage());
    }

    @Test
    void boundsAliasExpansionThatStaysUnderTheAliasCount() {
        // 3 aliases per level, 16 levels: 48 aliases (under the limit of 50) but 3^16 values once expanded.
        StringBuilder doc = new StringBuilder("l0: &l0 [x, x, x]\n");
        for (int i = 1; i <= 16; i++) {
            doc.append("l")
                    .append(i)
                    .append(": &l")
                    .append(i)
                    .append(" [*l")
                    .append(i - 1)
                    .append(", *l")
                    .append(i - 1)
                    .append(", *l")
                    .append(i - 1)
                    .append("]\n");
        }
        DescriptorSyntaxException e = assertThrows(DescriptorSyntaxException.class, () -> yaml(doc.toString()));
        assertTrue(e.getMessage().contains("values"), e.getMessage());
    }

    @Test
    void boundsTheTextAliasesExpandTo() {
        // Few values, but long ones: an alias to a 100,000-character text, 2,000 times (200 million characters).
        String scalars =
                "s: &s " + "a".repeat(100_000) + "\nl: [" + String.join(", ", Collections.nCopies(2_000, "*s")) + "]\n";
        DescriptorSyntaxException e = assertThrows(DescriptorSyntaxException.class, () -> yaml(scalars));
        assertTrue(e.getMessage().contains("characters (aliases are expanded)"), e.getMessage());
        // A list of 40 texts of 1,000 characters, aliased 8 times on each of 4 levels: 32 aliases, 160 million.
        StringBuilder lists =
                new StringBuilder("x0: &x0 [" + String.join(", ", Collections.nCopies(40, "a".repeat(1000))) + "]\n");
        for (int i = 1; i <= 4; i++) {
            lists.append("x%d: &x%d [%s]\n".formatted(i, i, String.join(", ", Collections.nCopies(8, "*x" + (i - 1)))));
        }
        e = assertThrows(DescriptorSyntaxException.class, () -> yaml(lists.toString()));
        assertTrue(e.getMessage().contains("characters (aliases are expanded)"), e.getMessage());
    }

    @Test
    void refusesTextNoDatabaseOrEncoderTakes() {
        DescriptorSyntaxException e =
                assertThrows(DescriptorSyntaxException.class, () -> yaml("metadata:\n  description: \"a\\0b\"\n"));
        assertTrue(e.getMessage().contains("\"metadata.description\" holds a NUL character"), e.getMessage());
        e = assertThrows(DescriptorSyntaxException.class, () -> yaml("metadata:\n  description: \"a\\ud800b\"\n"));
        assertTrue(
                e.getMessage().contains("\"metadata.description\" holds half of a UTF-16 surrogate pair (\\ud800)"),
                e.getMessage());
        e = assertThrows(
                DescriptorSyntaxException.class,
                () -> reader.read("{\"metadata\": {\"title\": \"x\\udc00\"}}", DescriptorReader.Format.JSON, null));
        assertTrue(e.getMessage().contains("\"metadata.title\" holds half of a UTF-16 surrogate pair"), e.getMessage());
        // A whole pair is a character like any other.
        Descriptor ok = reader.read(
                        "{\"metadata\": {\"title\": \"\\ud83d\\ude80\"}}", DescriptorReader.Format.JSON, null)
                .get(0);
        assertEquals("\ud83d\ude80", ((Map<?, ?>) ((Map<?, ?>) ok.root()).get("metadata")).get("title"));
    }

    @Test
    void refusesLinesLongerThanAMegabyteButNotTheirText() {
        String longLine = "metadata:\n  description: " + "x".repeat(YamlDescriptors.MAX_LINE) + "\n";
        DescriptorSyntaxException e = assertThrows(DescriptorSyntaxException.class, () -> yaml(longLine));
        assertTrue(e.getMessage().contains("line 2 is longer than"), e.getMessage());
        // The same text as a block scalar of short lines is read.
        String block = "metadata:\n  description: |\n" + ("    " + "x".repeat(1000) + "\n").repeat(1100);
        assertEquals(
                1100 * 1001,
                ((String) ((Map<?, ?>) ((Map<?, ?>) yaml(block).get(0).root()).get("metadata")).get("description"))
                        .length());
    }

    @Test
    void refusesDeepNesting() {
        String deep = "a: " + "[".repeat(100_000) + "]".repeat(100_000);
        DescriptorSyntaxException e = assertThrows(DescriptorSyntaxException.class, () -> yaml(deep));
        assertTrue(e.getMessage().toLowerCase().contains("nest"), e.getMessage());
        String deepJson = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        e = assertThrows(
                DescriptorSyntaxException.class, () -> reader.read(deepJson, DescriptorReader.Format.JSON, null));
        assertTrue(e.getMessage().toLowerCase().contains("nest"), e.getMessage());
    }

    /**
     * With a nesting limit above what the stack holds, the composer runs out of stack first: the document is refused
     * at its deepest node, which does not depend on the stack's size, for lists, block lists and maps alike.
     */
    @Test
    void refusesNestingDeeperThanTheStackSayingWhereItIsDeepest() {
        DescriptorReader unbounded = new DescriptorReader(new ReaderLimits(10, 10_000_000, 50, 10_000_000, 8_000_000));
        // The 100,000th list is 100,001 levels down (below the root and spec), at column 9 + 99,999 of line 3.
        String lists = "kind: Component\nspec:\n  deep: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        // In the second document: x is below the root and 50,000 block lists, at column 100,001 of line 4.
        String blocks = "kind: A\n---\na:\n" + "- ".repeat(50_000) + "x\n";
        // The innermost key, the first node below the root and 50,000 flow maps "{a: ", is at column 4 * 50,000 + 1.
        String maps = "a: " + "{a: ".repeat(50_000) + "1" + "}".repeat(50_000) + "\n";
        List<String> refused = new ArrayList<>();
        for (String text : List.of(lists, blocks, maps)) {
            refused.add(assertThrows(
                            DescriptorSyntaxException.class,
                            () -> unbounded.read(text, DescriptorReader.Format.YAML, null))
                    .describe());
        }
        assertEquals(
                List.of(
                        "document 1 (line 3, column 100008): the document is nested 100001 levels deep, more than the"
                                + " reader can follow; nest it less deeply",
                        "document 2 (line 4, column 100001): the document is nested 50001 levels deep, more than the"
                                + " reader can follow; nest it less deeply",
                        "document 1 (line 1, column 200001): the document is nested 50001 levels deep, more than the"
                                + " reader can follow; nest it less deeply"),
                refused);
        // JSON likewise: in the second entity of an array, the 100,000th list is at column 19 + 100,000 of line 2.
        String json =
                "[{\"kind\": \"A\"},\n {\"spec\": {\"deep\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}}]";
        assertEquals(
                "document 2 (line 2, column 100019): the document is nested 100001 levels deep, more than the reader"
                        + " can follow; nest it less deeply",
                assertThrows(
                                DescriptorSyntaxException.class,
                                () -> unbounded.read(json, DescriptorReader.Format.JSON, null))
                        .describe());
    }

    @Test
    void refusesTooManyDocuments() {
        DescriptorReader small = new DescriptorReader(new ReaderLimits(3, 50, 50, 1000, 1_000_000));
        DescriptorSyntaxException e = assertThrows(
                DescriptorSyntaxException.class,
                () -> small.read("a: 1\n---\na: 2\n---\na: 3\n---\na: 4\n", DescriptorReader.Format.YAML, null));
        assertTrue(e.getMessage().contains("more than 3 documents"), e.getMessage());
    }

    @Test
    void refusesTextLongerThanABodyOrFileMayBeSayingSoForBoth() {
        DescriptorReader small = new DescriptorReader(new ReaderLimits(3, 50, 50, 1000, 20));
        for (DescriptorReader.Format format : DescriptorReader.Format.values()) {
            DescriptorSyntaxException e = assertThrows(
                    DescriptorSyntaxException.class,
                    () -> small.read("{\"a\": \"" + "x".repeat(30) + "\"}", format, null));
            assertTrue(
                    e.getMessage().contains("more than 20 characters, the most one body or file may hold"),
                    e.getMessage());
        }
    }

    @Test
    void refusesJavaTypeTags() {
        DescriptorSyntaxException e = assertThrows(
                DescriptorSyntaxException.class,
                () -> yaml(
                        "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n"));
        assertTrue(e.getMessage().contains("Global tag is not allowed"), e.getMessage());
    }

    @Test
    void readsJsonObjectsAndArraysWithPositions() {
        List<Descriptor> one = reader.read(
                "{\"kind\": \"Component\",\n \"metadata\": {\"name\": \"a\"}}", DescriptorReader.Format.JSON, null);
        assertEquals(1, one.size());
        assertEquals(2, one.get(0).positionOf("metadata.name").line());
        List<Descriptor> many =
                reader.read("[{\"kind\":\"A\"},\n{\"kind\":\"B\", \"n\": 3}]", DescriptorReader.Format.JSON, null);
        assertEquals(2, many.size());
        assertEquals(2, many.get(1).document());
        assertEquals(3L, ((Map<?, ?>) many.get(1).root()).get("n"));
        assertEquals(2, many.get(1).positionOf("kind").line());
        DescriptorSyntaxException broken = assertThrows(
                DescriptorSyntaxException.class,
                () -> reader.read("[{\"kind\":\"A\"},\n{\"kind\": tru}]", DescriptorReader.Format.JSON, null));
        assertEquals(2, broken.document(), "the error is in the second document");
        DescriptorSyntaxException deep = assertThrows(
                DescriptorSyntaxException.class,
                () -> reader.read(
                        "[{\"kind\":\"A\"},\n" + "[".repeat(5000) + "]".repeat(5000) + "]",
                        DescriptorReader.Format.JSON,
                        null));
        assertEquals(2, deep.document(), "the document nested too deep is the second");
    }

    @Test
    void refusesBrokenJsonWithItsPlace() {
        DescriptorSyntaxException e = assertThrows(
                DescriptorSyntaxException.class,
                () -> reader.read("{\"kind\": \"Component\",\n \"metadata\": }", DescriptorReader.Format.JSON, null));
        assertEquals(2, e.position().line());
        e = assertThrows(
                DescriptorSyntaxException.class,
                () -> reader.read("{\"a\":1, \"a\":2}", DescriptorReader.Format.JSON, null));
        assertTrue(e.getMessage().contains("duplicate key"), e.getMessage());
    }
}
