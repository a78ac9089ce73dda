package dev.interlock.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one page of a query read from where it starts ({@link PageStart}), selecting {@code e.body},
 * {@code e.entity_ref} and then the value of each sort field, what a cursor to the page next to an entity holds.
 *
 * <p>The order is the sort fields' (for a field of the search table, the smallest value an entity has of it, entities
 * without one last in either direction), then the entity reference, ascending, which makes it total. A page after an
 * entity holds the rows that come after its (sort values, reference) in that order, compared field by field with
 * NULLs last: the condition is written for the values the cursor holds, so that a NULL is never compared with
 * {@code =} or {@code <}. A page before an entity is read in the reverse order (NULLs first) and turned round by
 * {@link EntityPage}.
 */
final class PageSql {

    /**
     * One sort field in SQL.
     *
     * @param value the expression of an entity's value of the field
     * @param ascending the field's direction
     * @param nullable whether an entity may have no value (a search field; columns have one)
     */
    private record Sort(String value, boolean ascending, boolean nullable) {

        String orderBy(boolean backward) {
            String dir = ascending != backward ? " ASC" : " DESC";
            if (!nullable) {
                return value + dir;
            }
            // NULLs come last in either direction, so first when the order is read backwards.
            return value + dir + (backward ? " NULLS FIRST" : " NULLS LAST");
        }

        /**
         * The condition of the values that come after {@code key} in the order (before it when reading backwards),
         * its parameter added to {@code params}; {@code null} when none can.
         */
        String beyond(String key, boolean backward, List<Object> params) {
            if (key == null) {
                // Nothing comes after a NULL (NULLs are last); every value comes before one.
                return backward ? value + " IS NOT NULL" : null;
            }
            params.add(key);
            String compared = value + (ascending != backward ? " > ?" : " < ?");
            // A NULL comes after any value; compared with one it is unknown, which leaves it out when reading back.
            return nullable && !backward ? "(" + compared + " OR " + value + " IS NULL)" : compared;
        }

        /** The condition of the values equal to {@code key}, its parameter added to {@code params}. */
        String same(String key, List<Object> params) {
            if (key == null) {
                return value + " IS NULL";
            }
            params.add(key);
            return value + " = ?";
        }
    }

    private PageSql() {}

    /** The page of {@code query} read from {@code start}; {@code limit < 0} means no limit. */
    static CatalogSql of(CatalogQueries.Query query, PageStart start, int limit) {
        List<Sort> sorts = new ArrayList<>();
        CatalogSql joins = new CatalogSql("");
        for (EntityOrder order : query.order()) {
            String column = CatalogSql.COLUMNS.get(order.field());
            if (order.isLevel()) {
                // The rank of each scored entity's level as text ('0000': no level reached), so that it compares and
                // sorts as the other sort values do; an entity the scorecard does not score has no row: NULL, last.
                String alias = "o" + sorts.size();
                List<Object> params = new ArrayList<>();
                StringBuilder rank = new StringBuilder("CASE");
                for (int i = 0; i < order.levels().size(); i++) {
                    rank.append(" WHEN level = ? THEN ?");
                    params.add(order.levels().get(i));
                    params.add(String.format("%04d", i + 1));
                }
                rank.append(" ELSE '0000' END");
                params.add(order.field());
                joins.append(
                        " LEFT JOIN (SELECT entity_ref, " + rank
                                + " AS v FROM scorecard_results WHERE scorecard_ref = ?) " + alias + " ON " + alias
                                + ".entity_ref = e.entity_ref",
                        params.toArray());
                sorts.add(new Sort(alias + ".v", order.ascending(), true));
            } else if (column != null) {
                sorts.add(new Sort(column, order.ascending(), false));
            } else {
                String alias = "o" + sorts.size();
                joins.append(
                        " LEFT JOIN (SELECT entity_id, MIN(search_value) AS v FROM search WHERE search_key = ?"
                                + " GROUP BY entity_id) " + alias + " ON " + alias + ".entity_id = e.id",
                        order.field());
                sorts.add(new Sort(alias + ".v", order.ascending(), true));
            }
        }
        StringBuilder select = new StringBuilder("SELECT e.body, e.entity_ref");
        sorts.forEach(sort -> select.append(", ").append(sort.value()));
        CatalogSql sql = new CatalogSql(select + " FROM entities e");
        sql.append(joins.text.toString(), joins.params.toArray());
        boolean backward = start.backward();
        List<String> orderBy = new ArrayList<>();
        sorts.forEach(sort -> orderBy.add(sort.orderBy(backward)));
        String dir = backward ? " DESC" : " ASC";
        if (sorts.isEmpty() && query.filter().singleKind().isPresent()) {
            // The same order (the kind is one value), but now that of entities_kind_idx (kind, entity_ref): the
            // database reads the page from the index and stops, instead of sorting every entity of the kind.
            orderBy.add("e.kind" + dir);
        }
        orderBy.add("e.entity_ref" + dir);
        sql.append(" WHERE ");
        sql.where(query);
        if (start.key() != null) {
            keyset(sql, sorts, start);
        }
        sql.append(" ORDER BY " + String.join(", ", orderBy));
        if (limit >= 0) {
            sql.append(" LIMIT ? OFFSET ?", limit, start.offset());
        } else if (start.offset() > 0) {
            sql.append(" OFFSET ?", start.offset());
        }
        return sql;
    }

    /**
     * Appends the condition of the rows after (before, reading backwards) the start's entity: built from the last
     * field in, {@code v1 beyond k1 OR (v1 same as k1 AND (v2 beyond k2 OR (... AND entity_ref beyond key)))}. In the
     * default order that is {@code entity_ref > key}; within one kind, (kind, entity_ref) > (kind, key) is the same, so
     * both indexes serve it.
     */
    private static void keyset(CatalogSql sql, List<Sort> sorts, PageStart start) {
        boolean backward = start.backward();
        String condition = backward ? "e.entity_ref < ?" : "e.entity_ref > ?";
        List<Object> params = new ArrayList<>(List.of(start.key()));
        for (int i = sorts.size() - 1; i >= 0; i--) {
            Sort sort = sorts.get(i);
            String key = start.sortValues().get(i);
            List<Object> outer = new ArrayList<>();
            String beyond = sort.beyond(key, backward, outer);
            String tie = sort.same(key, outer) + " AND " + condition;
            condition = beyond == null ? "(" + tie + ")" : "(" + beyond + " OR (" + tie + "))";
            outer.addAll(params);
            params = outer;
        }
        sql.append(" AND " + condition, params.toArray());
    }
}
