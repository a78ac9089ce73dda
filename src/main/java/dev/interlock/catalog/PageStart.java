package dev.interlock.catalog;

import java.util.List;

/**
 * Where a page of entities starts. A page starts after or before an entity a previous page ended or began with (a
 * keyset): its reference and, with sort fields, its sort values, the place it holds in the query's order. An entity
 * added or deleted between two page requests then moves no other entity from one page to the next, and a deep page
 * costs no more than the rows in front of it that the query must sort anyway. A page may also start at an offset: the
 * first page, the {@code offset} of a request and cursors written before keysets.
 *
 * @param offset how many entities in order come before the page; 0 with a keyset
 * @param after the page holds the entities that sort after the one with this reference, or {@code null}
 * @param before the page holds the entities that sort before the one with this reference (the page before), or
 *     {@code null}
 * @param sortValues the sort values of the entity named by {@code after} or {@code before}, one per sort field of the
 *     query ({@code null} where it has none); empty in the default order and at an offset
 */
public record PageStart(int offset, String after, String before, List<String> sortValues) {

    /** The first page. */
    public static final PageStart FIRST = new PageStart(0, null, null, List.of());

    /** Tolerates a missing list (cursors written before sort values were). */
    public PageStart {
        sortValues = sortValues == null ? List.of() : sortValues;
    }

    /** A page {@code offset} entities in. */
    public static PageStart at(int offset) {
        return new PageStart(Math.max(0, offset), null, null, List.of());
    }

    /** The page after the entity with this reference and these sort values. */
    public static PageStart after(String ref, List<String> sortValues) {
        return new PageStart(0, ref, null, sortValues);
    }

    /** The page before the entity with this reference and these sort values. */
    public static PageStart before(String ref, List<String> sortValues) {
        return new PageStart(0, null, ref, sortValues);
    }

    /** The reference the page starts from, or {@code null} when it starts at an offset. */
    public String key() {
        return after != null ? after : before;
    }

    /** Whether the page is read backwards, from the key down (the page before a page). */
    public boolean backward() {
        return before != null;
    }

    /**
     * What is wrong with this start for a query, or {@code null}: a keyset is either an after or a before, and holds
     * one sort value per sort field of the query it was written for.
     *
     * @param sortFields how many sort fields the query has
     */
    public String problem(int sortFields) {
        if (offset < 0) {
            return "has a negative offset";
        }
        if (after != null && before != null) {
            return "names both the entity to start after and the one to end before";
        }
        if (key() == null) {
            return sortValues.isEmpty() ? null : "holds sort values but no entity to start from";
        }
        // No reference or value the catalog holds has one, and some databases refuse a text with one.
        if (key().indexOf('\0') >= 0 || sortValues.stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0)) {
            return "holds a NUL character";
        }
        if (offset > 0) {
            return "holds an entity reference for a page that starts at an offset";
        }
        if (sortValues.size() != sortFields) {
            return "holds " + sortValues.size() + " sort values for a query sorted by " + sortFields + " fields";
        }
        return null;
    }
}
