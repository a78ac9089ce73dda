package dev.interlock.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Finds pipelines (components of type pipeline) one page at a time, optionally of one family and only those with
 * a single point of failure, in SQL over the search rows so it stays fast in a large catalog.
 */
@ApplicationScoped
public class PipelineQueries {

    /** The references of one page of pipelines, and how many match in all. */
    public record Page(List<String> refs, long total) {
    }

    private static final String BASE = " FROM entities e WHERE e.kind = 'component' AND e.id IN (SELECT s.entity_id"
            + " FROM search s WHERE s.search_key = 'spec.type' AND s.search_value = 'pipeline')";
    /** The SQL forms of {@link SinglePointsOfFailure}'s reasons, by {@link PipelineCriteria#REASONS} key. */
    private static final Map<String, String> REASON = Map.of(
            "maintainer", "(SELECT COUNT(*) FROM search m WHERE m.entity_id = e.id"
                    + " AND m.search_key = 'spec.pipeline.maintainers') <= 1",
            "runbook", "NOT EXISTS (SELECT 1 FROM search r WHERE r.entity_id = e.id"
                    + " AND r.search_key = 'spec.pipeline.runbook')",
            "person", "EXISTS (SELECT 1 FROM search u WHERE u.entity_id = e.id AND u.search_key = 'spec.pipeline.runsas'"
                    + " AND u.search_value LIKE 'user:%')");
    /** Any reason: at most one maintainer, no runbook, or a personal identity. */
    private static final String SPOF = " AND (" + REASON.get("maintainer") + " OR " + REASON.get("runbook") + " OR "
            + REASON.get("person") + ")";
    private static final String PRODUCTION = " AND e.id IN (SELECT l.entity_id FROM search l"
            + " WHERE l.search_key = 'spec.lifecycle' AND l.search_value = 'production')";
    /** Sort expressions by {@link PipelineCriteria#SORTS} key. */
    private static final Map<String, String> SORT = Map.of(
            "name", "e.name",
            "family", value("spec.pipeline.family"),
            "platform", value("spec.pipeline.platform"),
            "owner", value("spec.owner"),
            "lifecycle", value("spec.lifecycle"),
            "maintainers", "(SELECT COUNT(*) FROM search m WHERE m.entity_id = e.id"
                    + " AND m.search_key = 'spec.pipeline.maintainers')");
    private static final String FAMILY = " AND e.id IN (SELECT f.entity_id FROM search f"
            + " WHERE f.search_key = 'spec.pipeline.family' AND f.search_value = ?)";

    /** Orders kept at most (criteria are few: family × filters × sort). */
    private static final int KEPT_ORDERS = 64;

    /** The order of one criteria's pipelines as of a catalog version. */
    private record Ordered(long version, List<String> refs) {
    }

    private final Map<PipelineCriteria, Ordered> ordered = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    DataSource dataSource;

    @Inject
    dev.interlock.catalog.CatalogVersion catalogVersion;

    /**
     * A page of pipelines ordered by name.
     *
     * @param family {@code data}, {@code delivery}, or {@code null} for both
     * @param onlySinglePointsOfFailure keep only pipelines that would not survive the loss of one person
     */
    public Page page(String family, boolean onlySinglePointsOfFailure, int offset, int limit) {
        return page(PipelineCriteria.of(family, onlySinglePointsOfFailure), offset, limit);
    }

    /**
     * A page of the pipelines that meet the criteria, in their order (then by name). The whole order of a criteria
     * is computed once per catalog version (sorting thousands of pipelines by a subquery costs tens of milliseconds,
     * a page of a kept order nothing), and computed again after any committed change.
     */
    public Page page(PipelineCriteria criteria, int offset, int limit) {
        long version = catalogVersion.current();
        Ordered kept = ordered.get(criteria);
        if (kept == null || kept.version() != version) {
            kept = new Ordered(version, all(criteria));
            if (ordered.size() >= KEPT_ORDERS) {
                ordered.clear();
            }
            ordered.put(criteria, kept);
        }
        List<String> refs = kept.refs();
        int from = Math.min(Math.max(0, offset), refs.size());
        return new Page(List.copyOf(refs.subList(from, Math.min(refs.size(), from + Math.max(0, limit)))),
                refs.size());
    }

    /** Every pipeline that meets the criteria, in order. */
    private List<String> all(PipelineCriteria criteria) {
        String family = criteria.family();
        String where = BASE + (family == null ? "" : FAMILY) + (criteria.spof() ? SPOF : "")
                + (criteria.reason() == null ? "" : " AND " + REASON.get(criteria.reason()))
                + (criteria.production() ? PRODUCTION : "");
        String order = SORT.get(criteria.sort()) + (criteria.descending() ? " DESC" : " ASC") + " NULLS LAST";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT e.entity_ref" + where
                        + " ORDER BY " + order + ", e.name, e.entity_ref")) {
            bind(ps, family);
            List<String> refs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    refs.add(rs.getString(1));
                }
            }
            return List.copyOf(refs);
        } catch (SQLException e) {
            throw new IllegalStateException("pipeline query failed", e);
        }
    }

    /** The lowest value of one field of the entity, for sorting. */
    private static String value(String key) {
        return "(SELECT MIN(v.search_value) FROM search v WHERE v.entity_id = e.id AND v.search_key = '" + key + "')";
    }

    private static int bind(PreparedStatement ps, String family) throws SQLException {
        if (family == null) {
            return 1;
        }
        ps.setString(1, family);
        return 2;
    }
}
