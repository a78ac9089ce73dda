package dev.interlock.location;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decoding read files and wording errors for people. */
final class Texts {

    private Texts() {}

    /** The bytes as UTF-8 text; anything else (binary, another encoding, NUL characters) is a read failure. */
    static String decode(String file, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ReadFailure(file, file + " is not UTF-8 text");
        }
        if (text.indexOf('\0') >= 0) {
            throw new ReadFailure(file, file + " holds NUL characters; it is not a text file");
        }
        return text;
    }

    /** A short reason for an I/O error, without class names. */
    static String reason(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.net.ConnectException || (m != null && m.contains("Connection refused"))) {
            return "connection refused";
        }
        if (e instanceof java.nio.channels.UnresolvedAddressException || e instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        return m == null || m.isBlank()
                ? "I/O error"
                : m.replaceAll("[a-z]+(\\.[a-zA-Z]+)+Exception:?", "").trim();
    }
}
