package dev.interlock.catalog;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Sorting by a field: {@code metadata.name,asc} (by-query's {@code orderField}) or {@code asc:metadata.name}
 * ({@code order} of the list endpoint); or by the level entities reach on a scorecard ({@link #byLevel}).
 *
 * @param field a field of the search table or a column of the entities table; for a level, the scorecard
 * @param ascending the direction
 * @param levels for a level, the scorecard's levels, lowest first; otherwise empty
 */
public record EntityOrder(String field, boolean ascending, List<String> levels) {

    public EntityOrder(String field, boolean ascending) {
        this(field, ascending, List.of());
    }

    /**
     * By the level entities reach on a scorecard: ascending, those that reach no level first (most at risk), then
     * each level in order; entities the scorecard does not score come last in either direction.
     */
    public static EntityOrder byLevel(String scorecardRef, List<String> levels, boolean ascending) {
        return new EntityOrder(scorecardRef, ascending, List.copyOf(levels));
    }

    /** Whether this sorts by a scorecard's level. */
    public boolean isLevel() {
        return !levels.isEmpty();
    }

    /** Most sort fields of one query: each is a join in the database, and no one sorts by more. */
    public static final int MAX_FIELDS = 10;

    /**
     * Parses every sort field of a query with one of the parsers below.
     *
     * @throws IllegalArgumentException for a malformed field or more than {@link #MAX_FIELDS}
     */
    public static List<EntityOrder> parseAll(List<String> texts, Function<String, EntityOrder> parser) {
        if (texts == null) {
            return List.of();
        }
        if (texts.size() > MAX_FIELDS) {
            throw new IllegalArgumentException(
                    "a query may be sorted by at most " + MAX_FIELDS + " fields; this one names " + texts.size());
        }
        if (texts.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("a sort field is null; name each as a field, e.g. metadata.name");
        }
        return texts.stream().map(parser).toList();
    }

    /** Parses {@code field[,asc|desc]}. */
    public static EntityOrder parseOrderField(String text) {
        String[] parts = text.split(",", -1);
        String field = parts[0].trim().toLowerCase(Locale.ROOT);
        boolean asc = parts.length < 2 || !parts[1].trim().equalsIgnoreCase("desc");
        if (field.isEmpty()
                || parts.length > 2
                || (parts.length > 1 && !parts[1].trim().matches("(?i)asc|desc"))) {
            throw new IllegalArgumentException("orderField \"" + text + "\" is not valid; expected <field>[,asc|desc]");
        }
        return new EntityOrder(field, asc);
    }

    /** This sort field as an {@code orderField} ({@code field,asc|desc}), what {@link #parseOrderField} reads. */
    public String orderField() {
        if (isLevel()) {
            // The catalog page's, which pages by offset: no cursor holds it, and no orderField names it.
            throw new IllegalStateException("a sort by a scorecard's level has no orderField");
        }
        return field + (ascending ? ",asc" : ",desc");
    }

    /**
     * Parses {@code asc:field} or {@code desc:field}. The direction is required, as Backstage requires it: a field
     * alone would be read the same by one catalog and refused by the other.
     */
    public static EntityOrder parseOrder(String text) {
        int colon = text.indexOf(':');
        String dir = colon < 0 ? "" : text.substring(0, colon).trim();
        String field = (colon < 0 ? text : text.substring(colon + 1)).trim().toLowerCase(Locale.ROOT);
        if (field.isEmpty() || !dir.matches("(?i)asc|desc")) {
            throw new IllegalArgumentException(
                    "order \"" + text + "\" is not valid; expected asc:<field> or desc:<field>");
        }
        if (field.contains(",")) {
            // No field name holds one, and a cursor writes the order as an orderField (field,asc), which must read
            // back.
            throw new IllegalArgumentException("order \"" + text
                    + "\" is not valid: a field name holds no comma; give each field its own order parameter");
        }
        return new EntityOrder(field, dir.equalsIgnoreCase("asc"));
    }
}
