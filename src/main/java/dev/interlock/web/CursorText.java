package dev.interlock.web;

import java.util.Base64;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The text of an opaque page cursor: a record written as JSON, then as unpadded base64url so it travels in a query
 * parameter or a JSON body unchanged. Cursors come back from clients, so reading one says what is wrong with any text
 * that is not a cursor this server wrote, for a 400 answer.
 */
public final class CursorText {

    // Unknown properties and a missing primitive fail the read: a tampered cursor is refused, not half understood.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Longest part of a refused cursor quoted back in the message. */
    private static final int QUOTED = 60;

    private CursorText() {}

    /** The cursor text of a value. */
    public static String write(Object cursor) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(cursor));
        } catch (Exception e) {
            throw new IllegalStateException("cursor cannot be written", e);
        }
    }

    /**
     * The cursor a text holds.
     *
     * @throws IllegalArgumentException saying what is wrong with the text, and to use a cursor from {@code pageInfo}
     */
    public static <T> T read(String text, Class<T> type) {
        if (text == null || text.isBlank()) {
            throw refused(text, "is empty");
        }
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw refused(text, "is not base64url text");
        }
        T cursor;
        try {
            cursor = JSON.readValue(json, type);
        } catch (Exception e) {
            throw refused(text, "does not hold a cursor this server wrote");
        }
        if (cursor == null) {
            // The JSON text "null" reads as no value at all.
            throw refused(text, "does not hold a cursor this server wrote");
        }
        return cursor;
    }

    /** The refusal of a cursor, quoting it (shortened: it may be anything a client sent). */
    public static IllegalArgumentException refused(String text, String why) {
        String quoted = text == null ? "" : text.length() > QUOTED ? text.substring(0, QUOTED) + "…" : text;
        return new IllegalArgumentException(
                "cursor \"" + quoted + "\" " + why + "; use pageInfo.nextCursor of the previous page");
    }
}
