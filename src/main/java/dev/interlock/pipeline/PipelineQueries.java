package dev.interlock.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.model.PipelineSpec;
import dev.interlock.sql.Jdbc;

/**
 * Finds pipelines (components of type pipeline) one page at a time, optionally of one family and only those with
 * a single point of failure. Family, lifecycle and order come from SQL over the search rows, so it stays fast in a
 * large catalog; single points of failure from {@link SinglePointsOfFailure}'s rule, the one definition of it, with
 * the maintainers of each that are in the catalog counted from its {@code maintainedBy} relations and whether one
 * person alone restored it from {@link SoleRestorers}.
 */
@ApplicationScoped
public class PipelineQueries {

    /** The references of one page of pipelines, and how many match in all. */
    public record Page(List<String> refs, long total) {}

    private static final String BASE = " FROM entities e WHERE e.kind = 'component' AND e.id IN (SELECT s.entity_id"
            + " FROM search s WHERE s.search_key = 'spec.type' AND s.search_value = 'pipeline')";
    private static final String PRODUCTION = " AND e.id IN (SELECT l.entity_id FROM search l"
            + " WHERE l.search_key = 'spec.lifecycle' AND l.search_value = 'production')";
    /** Sort expressions by {@link PipelineCriteria#SORTS} key. */
    private static final Map<String, String> SORT = Map.of(
            "name", "e.name",
            "family", value("spec.pipeline.family"),
            "platform", value("spec.pipeline.platform"),
            "owner", value("spec.owner"),
            "lifecycle", value("spec.lifecycle"),
            "maintainers",
                    "(SELECT COUNT(*) FROM search m WHERE m.entity_id = e.id"
                            + " AND m.search_key = 'spec.pipeline.maintainers')");

    private static final String FAMILY = " AND e.id IN (SELECT f.entity_id FROM search f"
            + " WHERE f.search_key = 'spec.pipeline.family' AND f.search_value = ?)";

    /** Orders kept at most (criteria are few: family × filters × sort). */
    private static final int KEPT_ORDERS = 64;

    /**
     * The order of one criteria's pipelines as of a catalog version and, for criteria that filter by reasons, of the
     * pipelines one person alone restored.
     */
    private record Ordered(long version, Set<String> soleRestored, List<String> refs) {}

    private final Map<PipelineCriteria, Ordered> ordered = new java.util.concurrent.ConcurrentHashMap<>();

    /** The single points of failure of every pipeline as of one catalog version. */
    private record Reasons(long version, Map<String, List<SinglePointsOfFailure.Reason>> byRef) {}

    private volatile Reasons reasons;

    @Inject
    ObjectMapper mapper;

    @Inject
    DataSource dataSource;

    @Inject
    dev.interlock.catalog.CatalogVersion catalogVersion;

    @Inject
    SoleRestorers soleRestorers;

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
        // Only the filters that the reason from runs can change ask for it.
        Set<String> soleRestored = criteria.spof()
                        || PipelineCriteria.keyOf(SinglePointsOfFailure.Reason.SOLE_RESTORER)
                                .equals(criteria.reason())
                ? soleRestorers.all().keySet().stream().map(EntityRef::toString).collect(Collectors.toUnmodifiableSet())
                : Set.<String>of();
        Ordered kept = ordered.get(criteria);
        if (kept == null || kept.version() != version || !kept.soleRestored().equals(soleRestored)) {
            kept = new Ordered(version, Set.copyOf(soleRestored), all(criteria, version, soleRestored));
            if (ordered.size() >= KEPT_ORDERS) {
                ordered.clear();
            }
            ordered.put(criteria, kept);
        }
        List<String> refs = kept.refs();
        int from = Math.min(Math.max(0, offset), refs.size());
        return new Page(List.copyOf(refs.subList(from, Math.min(refs.size(), from + Math.max(0, limit)))), refs.size());
    }

    /** Every pipeline that meets the criteria, in order. */
    private List<String> all(PipelineCriteria criteria, long version, Set<String> soleRestored) {
        String family = criteria.family();
        String where = BASE + (family == null ? "" : FAMILY) + (criteria.production() ? PRODUCTION : "");
        // A sort from runs or scores is made by the caller over this list (PipelineCriteria.RUN_SORTS): by name here.
        String order = SORT.getOrDefault(criteria.sort(), SORT.get("name"))
                + (criteria.descending() ? " DESC" : " ASC")
                + " NULLS LAST";
        List<String> refs = new ArrayList<>();
        Jdbc.run(dataSource, "pipeline query", c -> {
            Jdbc.query(
                    c,
                    "SELECT e.entity_ref" + where + " ORDER BY " + order + ", e.name, e.entity_ref",
                    family == null ? List.of() : List.of(family),
                    rs -> refs.add(rs.getString(1)));
            return null;
        });
        if (!criteria.spof() && criteria.reason() == null) {
            return List.copyOf(refs);
        }
        Map<String, List<SinglePointsOfFailure.Reason>> reasons = reasons(version);
        return refs.stream()
                .filter(ref -> {
                    List<SinglePointsOfFailure.Reason> of = new ArrayList<>(reasons.getOrDefault(ref, List.of()));
                    if (soleRestored.contains(ref)) {
                        of.add(SinglePointsOfFailure.Reason.SOLE_RESTORER);
                    }
                    return (!criteria.spof() || !of.isEmpty())
                            && (criteria.reason() == null
                                    || of.stream()
                                            .anyMatch(r ->
                                                    PipelineCriteria.keyOf(r).equals(criteria.reason())));
                })
                .toList();
    }

    /**
     * Each pipeline's single points of failure that its descriptor gives, as of a catalog version, by
     * {@link SinglePointsOfFailure}'s rule over the stored descriptors (read once per version, and only when a list
     * filters by them); what its runs tell is added per list, from {@link SoleRestorers}.
     */
    private Map<String, List<SinglePointsOfFailure.Reason>> reasons(long version) {
        Reasons kept = reasons;
        if (kept != null && kept.version() == version) {
            return kept.byRef();
        }
        Map<String, List<SinglePointsOfFailure.Reason>> byRef = new HashMap<>();
        Jdbc.run(dataSource, "pipeline query", c -> {
            Map<String, Long> known = new HashMap<>();
            Jdbc.query(
                    c,
                    "SELECT r.source_ref, COUNT(DISTINCT r.target_ref) FROM relations r"
                            + " WHERE r.type = 'maintainedBy'"
                            + " AND " + dev.interlock.catalog.CatalogQueries.inCatalog("r.target_ref")
                            + " GROUP BY r.source_ref",
                    List.of(),
                    rs -> known.put(rs.getString(1), rs.getLong(2)));
            Jdbc.query(
                    c,
                    "SELECT e.entity_ref, e.body" + BASE,
                    List.of(),
                    rs -> byRef.put(
                            rs.getString(1),
                            SinglePointsOfFailure.of(
                                    PipelineSpec.of(Entity.of(tree(rs.getString(2)))
                                            .spec()
                                            .get("pipeline")),
                                    known.getOrDefault(rs.getString(1), 0L))));
            return null;
        });
        reasons = new Reasons(version, Map.copyOf(byRef));
        return byRef;
    }

    private Object tree(String body) {
        try {
            return mapper.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pipeline query failed", e);
        }
    }

    /** The lowest value of one field of the entity, for sorting. */
    private static String value(String key) {
        return "(SELECT MIN(v.search_value) FROM search v WHERE v.entity_id = e.id AND v.search_key = '" + key + "')";
    }
}
