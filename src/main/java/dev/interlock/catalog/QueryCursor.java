package dev.interlock.catalog;

import java.util.List;

import dev.interlock.web.CursorText;

/**
 * The opaque cursor of by-query pagination: the query it belongs to and where the page starts. A cursor carries
 * the whole query so the next page answers the same question even if the client forgets the parameters. In the
 * default order a page starts after or before an entity reference (a keyset, {@link PageStart}); with sort fields it
 * starts at an offset. A cursor written before keysets (an offset in the default order) is still honoured.
 *
 * @param filters the raw {@code filter} parameters
 * @param orderFields the raw {@code orderField} parameters
 * @param term the full-text term, or {@code null}
 * @param textFields the full-text fields
 * @param offset index of the first item of the page (0 with a keyset)
 * @param after the page starts after the entity with this reference, or {@code null}
 * @param before the page ends before the entity with this reference, or {@code null}
 */
public record QueryCursor(
        List<String> filters,
        List<String> orderFields,
        String term,
        List<String> textFields,
        int offset,
        String after,
        String before) {

    /** The cursor of the first page of a query. */
    public QueryCursor(List<String> filters, List<String> orderFields, String term, List<String> textFields) {
        this(filters, orderFields, term, textFields, 0, null, null);
    }

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
        List<String> orderFields = c.orderFields() == null ? List.of() : c.orderFields();
        String problem = c.start().problem(!orderFields.isEmpty());
        if (problem != null) {
            throw CursorText.refused(text, problem);
        }
        return new QueryCursor(
                c.filters() == null ? List.of() : c.filters(),
                orderFields,
                c.term(),
                c.textFields() == null ? List.of() : c.textFields(),
                c.offset(),
                c.after(),
                c.before());
    }

    /** Where the page of this cursor starts. */
    public PageStart start() {
        return new PageStart(offset, after, before);
    }

    /** The cursor of the same query starting elsewhere. */
    public QueryCursor at(PageStart start) {
        return new QueryCursor(filters, orderFields, term, textFields, start.offset(), start.after(), start.before());
    }

    // For page cursors of the plain list endpoint: only where the page starts.
    static String encode(PageStart start) {
        return new QueryCursor(List.of(), List.of(), null, List.of()).at(start).encode();
    }
}
