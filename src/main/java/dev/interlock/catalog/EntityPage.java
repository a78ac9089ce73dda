package dev.interlock.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One page of entities in order and where the pages next to it start ({@code null} where there is none), made from
 * the rows of a page read with one row more than the page holds: that extra row says whether there is more in the
 * direction the page was read, without counting.
 *
 * @param items the entities, in the query's order
 * @param next where the next page starts, or {@code null}
 * @param prev where the previous page starts, or {@code null}
 */
public record EntityPage<T>(List<T> items, PageStart next, PageStart prev) {

    /**
     * The rows of a page as read.
     *
     * @param byRef entities by reference, in the order read (reversed for a backward start)
     * @param sortValues each entity's sort values by reference, what a page next to it starts from
     */
    public record Rows<T>(Map<String, T> byRef, Map<String, List<String>> sortValues) {}

    /** The page of rows read from {@code start} with {@code limit + 1} as the limit. */
    public static <T> EntityPage<T> of(Rows<T> rows, PageStart start, int limit) {
        List<String> refs = new ArrayList<>(rows.byRef().keySet());
        boolean more = refs.size() > limit;
        refs = refs.subList(0, Math.min(limit, refs.size()));
        if (start.backward()) {
            refs = new ArrayList<>(refs);
            Collections.reverse(refs);
        }
        List<T> items = refs.stream().map(rows.byRef()::get).toList();
        if (limit == 0 || refs.isEmpty()) {
            // Nothing on this side of the start any more: there is no entity to start a page next to it from.
            return new EntityPage<>(items, null, null);
        }
        String first = refs.get(0);
        String last = refs.get(refs.size() - 1);
        // Read backwards, the page came from the one after it; read forwards, from the one before unless it is first.
        boolean hasNext = start.backward() || more;
        boolean hasPrev = start.backward() ? more : start.after() != null || start.offset() > 0;
        return new EntityPage<>(
                items,
                hasNext ? PageStart.after(last, rows.sortValues().get(last)) : null,
                hasPrev ? PageStart.before(first, rows.sortValues().get(first)) : null);
    }
}
