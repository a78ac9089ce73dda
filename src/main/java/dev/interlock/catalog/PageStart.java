package dev.interlock.catalog;

/**
 * Where a page of entities starts. In the default order (by entity reference) a page starts after or before the
 * reference of an entity a previous page ended or began with (a keyset): an entity added or deleted between two page
 * requests then moves no other entity from one page to the next, and a deep page is read from the index like the
 * first. A query with sort fields pages by offset, as a sort value is not a key a page can start from.
 *
 * @param offset how many entities in order come before the page; 0 with a keyset
 * @param after the page holds the entities whose reference sorts after this one, or {@code null}
 * @param before the page holds the entities whose reference sorts before this one (the page before), or {@code null}
 */
public record PageStart(int offset, String after, String before) {

    /** The first page. */
    public static final PageStart FIRST = new PageStart(0, null, null);

    /** A page {@code offset} entities in. */
    public static PageStart at(int offset) {
        return new PageStart(Math.max(0, offset), null, null);
    }

    /** The page after the entity with this reference. */
    public static PageStart after(String ref) {
        return new PageStart(0, ref, null);
    }

    /** The page before the entity with this reference. */
    public static PageStart before(String ref) {
        return new PageStart(0, null, ref);
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
     * What is wrong with this start for a query, or {@code null}: a keyset is a place in the default order only, and
     * is either an after or a before.
     *
     * @param ordered whether the query has sort fields
     */
    public String problem(boolean ordered) {
        if (offset < 0) {
            return "has a negative offset";
        }
        if (after != null && before != null) {
            return "names both the entity to start after and the one to end before";
        }
        if (key() != null && (ordered || offset > 0)) {
            return "holds an entity reference for a page that starts at an offset";
        }
        return null;
    }
}
