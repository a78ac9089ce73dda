package dev.interlock.catalog;

import java.util.List;

import dev.interlock.web.CursorText;

/**
 * The opaque cursor of by-query pagination: the query it belongs to and where the page starts. A cursor carries
 * the whole query so the next page answers the same question even if the client forgets the parameters. A page starts
 * after or before an entity: its reference and, with sort fields, its sort values (a keyset, {@link PageStart}). A
 * cursor written before keysets (an offset) is still honoured.
 *
 * @param filters the raw {@code filter} parameters
 * @param orderFields the raw {@code orderField} parameters (of the list endpoint: its {@code order} as orderFields)
 * @param term the full-text term, or {@code null}
 * @param textFields the full-text fields
 * @param offset index of the first item of the page (0 with a keyset)
 * @param after the page starts after the entity with this reference, or {@code null}
 * @param before the page ends before the entity with this reference, or {@code null}
 * @param sortValues the sort values of the entity named by {@code after} or {@code before}, one per order field
 */
public record QueryCursor(
        List<String> filters,
        List<String> orderFields,
        String term,
        List<String> textFields,
        int offset,
        String after,
        String before,
        List<String> sortValues) {

    /** The cursor of the first page of a query. */
    public QueryCursor(List<String> filters, List<String> orderFields, String term, List<String> textFields) {
        this(filters, orderFields, term, textFields, 0, null, null, List.of());
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
        String problem = c.start().problem(orderFields.size());
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
                c.before(),
                c.start().sortValues());
    }

    /** Where the page of this cursor starts. */
    public PageStart start() {
        return new PageStart(offset, after, before, sortValues);
    }

    /** The cursor of the same query starting elsewhere. */
    public QueryCursor at(PageStart start) {
        return new QueryCursor(
                filters,
                orderFields,
                term,
                textFields,
                start.offset(),
                start.after(),
                start.before(),
                start.sortValues());
    }

    /**
     * A page cursor of the plain list endpoint: where the page starts and the order it is a place in (to refuse the
     * cursor with another order); the request keeps its other parameters.
     */
    static String encode(PageStart start, List<EntityOrder> orders) {
        List<String> orderFields = orders.stream().map(EntityOrder::orderField).toList();
        return new QueryCursor(List.of(), orderFields, null, List.of())
                .at(start)
                .encode();
    }
}
