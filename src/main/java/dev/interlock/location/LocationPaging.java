package dev.interlock.location;

import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;

import dev.interlock.catalog.LocationRecord;
import dev.interlock.catalog.Predicate;

/**
 * {@code POST /locations/by-query}: pages of locations matching a predicate on {@code {id, type, target}}, in
 * {@code type, target} order, continued by a {@link LocationCursor} that holds the key of the last location shown.
 * The database compares the keys as it orders them (the same collation), so paging is right on H2 and PostgreSQL
 * alike; the predicate is matched in memory, as it is on three short fields.
 */
@ApplicationScoped
public class LocationPaging {

    // Both keyset conditions in HQL both databases run; "type" and "target" are NOT NULL, so the two are complements.
    private static final String SELECT = "select l.id, l.type, l.target from LocationRecord l";
    private static final String AFTER = " where l.type > :type or (l.type = :type and l.target > :target)";
    private static final String UP_TO = " where l.type < :type or (l.type = :type and l.target <= :target)";
    private static final String ORDER = " order by l.type, l.target";

    @Inject
    LocationsConfig config;

    /**
     * A page.
     *
     * @param limit the page size, or {@code null} for the cursor's or the default one
     * @param cursor the {@code pageInfo.nextCursor} of the previous page, or {@code null} for the first
     * @param query the filter predicate of the first page (a cursor carries its own)
     */
    @Transactional
    public LocationAnswers.Page page(Integer limit, String cursor, Object query) {
        LocationCursor after = null;
        if (cursor != null) {
            try {
                after = LocationCursor.read(cursor);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(e.getMessage());
            }
        }
        Object q = after == null ? query : after.query();
        int size = limit != null ? limit : after != null ? after.limit() : config.queryDefaultLimit();
        if (size < 1 || size > config.queryMaxLimit()) {
            throw new BadRequestException("limit must be a whole number from 1 to " + config.queryMaxLimit());
        }
        Predicate predicate;
        try {
            predicate = q == null ? null : Predicate.parse(q);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        List<LocationAnswers.Data> rest;
        long total;
        if (predicate == null) {
            total = LocationRecord.count();
            rest = rows(AFTER, after, size + 1);
        } else {
            // Every location is matched for the total anyway: those up to the cursor are counted, the rest kept.
            rest = matching(rows(AFTER, after, Integer.MAX_VALUE), predicate).toList();
            total = rest.size()
                    + (after == null
                            ? 0
                            : matching(rows(UP_TO, after, Integer.MAX_VALUE), predicate)
                                    .count());
        }
        List<LocationAnswers.Data> items = rest.size() > size ? rest.subList(0, size) : rest;
        String next = rest.size() > size ? LocationCursor.after(items.get(size - 1), q, size) : null;
        return new LocationAnswers.Page(items, (int) total, new LocationAnswers.PageInfo(next));
    }

    private static Stream<LocationAnswers.Data> matching(List<LocationAnswers.Data> rows, Predicate predicate) {
        return rows.stream().filter(d -> predicate.matches(d.fields()));
    }

    /** Locations in key order, those after (or up to) the cursor's key; all of them without a cursor. */
    private static List<LocationAnswers.Data> rows(String where, LocationCursor cursor, int max) {
        TypedQuery<Object[]> query = LocationRecord.getEntityManager()
                .createQuery(SELECT + (cursor == null ? "" : where) + ORDER, Object[].class);
        if (max < Integer.MAX_VALUE) {
            query.setMaxResults(max);
        }
        if (cursor != null) {
            query.setParameter("type", cursor.type()).setParameter("target", cursor.target());
        }
        return query.getResultList().stream()
                .map(r -> new LocationAnswers.Data((String) r[0], (String) r[1], (String) r[2]))
                .toList();
    }
}
