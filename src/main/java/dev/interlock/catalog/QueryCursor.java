package dev.interlock.catalog;

import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The opaque cursor of by-query pagination: the query it belongs to and where the page starts. A cursor carries
 * the whole query so the next page answers the same question even if the client forgets the parameters.
 *
 * @param filters the raw {@code filter} parameters
 * @param orderFields the raw {@code orderField} parameters
 * @param term the full-text term, or {@code null}
 * @param textFields the full-text fields
 * @param offset index of the first item of the page
 */
public record QueryCursor(
        List<String> filters, List<String> orderFields, String term, List<String> textFields, int offset) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String encode() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MAPPER.writeValueAsBytes(this));
        } catch (Exception e) {
            throw new IllegalStateException("cursor cannot be encoded", e);
        }
    }

    /**
     * Decodes a cursor.
     *
     * @throws IllegalArgumentException when the text is not a cursor this server made
     */
    public static QueryCursor decode(String text) {
        try {
            QueryCursor c = MAPPER.readValue(Base64.getUrlDecoder().decode(text), QueryCursor.class);
            if (c.offset() < 0) {
                throw new IllegalArgumentException("negative offset");
            }
            return new QueryCursor(
                    c.filters() == null ? List.of() : c.filters(),
                    c.orderFields() == null ? List.of() : c.orderFields(),
                    c.term(),
                    c.textFields() == null ? List.of() : c.textFields(),
                    c.offset());
        } catch (Exception e) {
            throw new IllegalArgumentException("cursor \"" + text + "\" is not valid; use a cursor from pageInfo");
        }
    }

    public QueryCursor at(int newOffset) {
        return new QueryCursor(filters, orderFields, term, textFields, Math.max(0, newOffset));
    }

    // For page cursors of the plain list endpoint: only an offset.
    static String encodeOffset(int offset) {
        return new QueryCursor(List.of(), List.of(), null, List.of(), offset).encode();
    }
}
