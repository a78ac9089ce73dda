package dev.interlock.descriptor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
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
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the body is not UTF-8 text; send YAML or JSON encoded as UTF-8");
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the body holds NUL characters; send YAML or JSON text");
        }
        return text;
    }
}
