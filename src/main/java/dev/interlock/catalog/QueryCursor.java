package dev.interlock.catalog;

import java.util.List;

import dev.interlock.web.CursorText;

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

    public String encode() {
        return CursorText.write(this);
    }

    /**
     * Decodes a cursor.
     *
     * @throws IllegalArgumentException when the text is not a cursor this server made
     */
    public static QueryCursor decode(String text) {
        QueryCursor c = CursorText.read(text, QueryCursor.class);
        if (c.offset() < 0) {
            throw CursorText.refused(text, "has a negative offset");
        }
        return new QueryCursor(
                c.filters() == null ? List.of() : c.filters(),
                c.orderFields() == null ? List.of() : c.orderFields(),
                c.term(),
                c.textFields() == null ? List.of() : c.textFields(),
                c.offset());
    }

    public QueryCursor at(int newOffset) {
        return new QueryCursor(filters, orderFields, term, textFields, Math.max(0, newOffset));
    }

    // For page cursors of the plain list endpoint: only an offset.
    static String encodeOffset(int offset) {
        return new QueryCursor(List.of(), List.of(), null, List.of(), offset).encode();
    }
}
