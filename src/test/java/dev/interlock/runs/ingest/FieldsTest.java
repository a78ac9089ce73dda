package dev.interlock.runs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link Fields#clip}: long texts of run events are cut to their column, never inside a character. */
class FieldsTest {

    @Test
    void aCutNeverLeavesHalfASurrogatePair() {
        String face = "\uD83D\uDE00"; // one character, two UTF-16 units
        assertEquals("aaa", Fields.clip("aaa" + face, 4));
        assertEquals("aa" + face, Fields.clip("aa" + face + "b", 4));
        assertEquals("abcd", Fields.clip("abcdef", 4));
        assertEquals("ab", Fields.clip("ab", 4));
    }

    /** A message cut to its column says it was cut, and a whole one is left as it is. */
    @Test
    void aCutMessageEndsInAnEllipsis() {
        assertEquals("EEE…", Fields.clipMessage("E".repeat(200_000), 4));
        assertEquals(4000, Fields.clipMessage("E".repeat(200_000), 4000).length());
        assertEquals("short", Fields.clipMessage("short", 4000));
        assertEquals(null, Fields.clipMessage(null, 4000));
    }
}
