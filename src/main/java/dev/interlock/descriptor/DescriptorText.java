package dev.interlock.descriptor;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The text of a submitted body or file: UTF-8, without NUL characters. */
public final class DescriptorText {

    private DescriptorText() {}

    /**
     * Decodes a body.
     *
     * @throws IllegalArgumentException saying what is wrong, when the bytes are not UTF-8 text or hold NUL characters
     */
    public static String decode(byte[] body) {
        if (!isUtf8(body)) {
            throw new IllegalArgumentException("the body is not UTF-8 text; send YAML or JSON encoded as UTF-8");
        }
        // Checked first through a small buffer, then made into a string once: decoding into one buffer of the whole
        // text took three times the body's size in memory at once (16 MB bodies, 32 MB files of an import).
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the body holds NUL characters; send YAML or JSON text");
        }
        return text;
    }

    /** Whether the bytes are well-formed UTF-8. */
    private static boolean isUtf8(byte[] body) {
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
                return false;
            }
        } while (result.isOverflow());
        do {
            out.clear();
            result = decoder.flush(out);
        } while (result.isOverflow());
        return !result.isError();
    }
}
