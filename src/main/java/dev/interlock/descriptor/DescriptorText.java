package dev.interlock.descriptor;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The text of a submitted body or file: UTF-8, without NUL characters. The one place bytes become descriptor text, for
 * the API, the register page, locations, imports and the validator alike.
 */
public final class DescriptorText {

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private DescriptorText() {}

    /**
     * Decodes a body.
     *
     * @throws NotTextException saying what is wrong and where, when the bytes are not UTF-8 text or hold NUL
     *     characters
     */
    public static String decode(byte[] body) {
        return decode(body, "the body", "send YAML or JSON encoded as UTF-8");
    }

    /**
     * Decodes the bytes of something named for people; a byte order mark at the start is left out.
     *
     * @param what what the bytes are, as a message starts ("the body", a file's name)
     * @param advice what to send instead, ending the message of a refusal
     * @throws NotTextException saying what is wrong and where, when the bytes are not UTF-8 text or hold NUL
     *     characters
     */
    public static String decode(byte[] bytes, String what, String advice) {
        int malformed = firstMalformed(bytes);
        int nul = firstNul(bytes, malformed < 0 ? bytes.length : malformed);
        // Whichever comes first is reported: UTF-16 text has a NUL after its first letter, and a byte that is not
        // UTF-8 only where it holds a letter beyond ASCII.
        if (nul >= 0) {
            Position at = position(bytes, nul);
            throw new NotTextException(
                    String.format(
                            Locale.ROOT,
                            "%s is not text: line %d, column %d holds a NUL character (\\u0000), as binary files and"
                                    + " UTF-16 text do; %s",
                            what,
                            at.line(),
                            at.column(),
                            advice),
                    at);
        }
        if (malformed >= 0) {
            Position at = position(bytes, malformed);
            throw new NotTextException(
                    String.format(
                            Locale.ROOT,
                            "%s is not UTF-8 text: line %d, column %d (byte 0x%02x); %s",
                            what,
                            at.line(),
                            at.column(),
                            bytes[malformed] & 0xff,
                            advice),
                    at);
        }
        // Checked first through a small buffer, then made into a string once: decoding into one buffer of the whole
        // text took three times the body's size in memory at once (16 MB bodies, 32 MB files of an import).
        String text = new String(bytes, StandardCharsets.UTF_8);
        // A byte order mark, as Windows editors write at the start of UTF-8 files, is no part of the text: the YAML
        // reader skipped it, the JSON reader refused it.
        return text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
    }

    /**
     * The offset of the first NUL byte before {@code end}, or -1 when there is none. Searched in the bytes, not the
     * text: in UTF-8 a zero byte is always the character U+0000, never part of another one's bytes.
     */
    private static int firstNul(byte[] bytes, int end) {
        for (int i = 0; i < end; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWithByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }

    /** The offset of the first byte that is not well-formed UTF-8, or -1 when all are. */
    private static int firstMalformed(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(8192);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
        } while (result.isOverflow());
        do {
            out.clear();
            result = decoder.flush(out);
        } while (result.isOverflow());
        return result.isError() ? Math.max(0, body.length - 1) : -1;
    }

    /**
     * Where a byte is, as an editor shows it: 1-based line, and the characters before it on its line plus one. The
     * bytes before it must be UTF-8.
     */
    private static Position position(byte[] bytes, int offset) {
        // A byte order mark is no character an editor shows, nor one the readers count (decode leaves it out).
        int line = 1, lineStart = offset >= 3 && startsWithByteOrderMark(bytes) ? 3 : 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
        int column = before.codePointCount(0, before.length()) + 1;
        return new Position(line, column);
    }
}
