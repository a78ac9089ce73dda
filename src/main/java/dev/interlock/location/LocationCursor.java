package dev.interlock.location;

import dev.interlock.web.CursorText;

/**
 * Where a page of {@code POST /locations/by-query} continues: after the location with this sort key
 * ({@code type, target}, unique), for the filter the first page was asked with. A key rather than an offset, so a
 * location added or deleted between two pages neither skips nor repeats the others. Written as opaque
 * {@link CursorText}; read back from clients, so any text may arrive.
 *
 * @param query the filter predicate of the first page, {@code null} for all locations
 * @param type the type of the last location of the previous page
 * @param target the target of the last location of the previous page
 * @param limit the page size the first page was asked with
 */
public record LocationCursor(Object query, String type, String target, int limit) {

    /** The cursor of the page after this location, the last of a page. */
    static String after(LocationAnswers.Data last, Object query, int limit) {
        return CursorText.write(new LocationCursor(query, last.type(), last.target(), limit));
    }

    /**
     * The cursor a text holds.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    static LocationCursor read(String text) {
        LocationCursor c = CursorText.read(text, LocationCursor.class);
        if (c.type() == null || c.target() == null) {
            throw CursorText.refused(text, "has no location to continue after");
        }
        if (c.limit() < 1) {
            throw CursorText.refused(text, "has no page size");
        }
        return c;
    }
}
