package dev.interlock.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.catalog.CatalogQueries.FacetCount;
import dev.interlock.catalog.CatalogQueries.Query;
import dev.interlock.sql.Jdbc;

/**
 * Facet counts: how many of the entities a query matches have each value of a field. They are the costliest
 * answers of the list page, so they are kept until the catalog changes.
 */
@ApplicationScoped
class FacetCounts {

    @Inject
    DataSource dataSource;

    @Inject
    CatalogVersion version;

    @Inject
    CatalogConfig config;

    private VersionedCache<Map<String, List<FacetCount>>> cache;

    @PostConstruct
    void init() {
        cache = new VersionedCache<>(config.facetCacheSize());
    }

    /**
     * Counts per value of each facet field, over the entities the query (filter and full-text term) matches. Asked
     * together, the fields kept in the search rows are counted in one statement: the query's entities are looked up
     * once rather than once per field.
     */
    Map<String, List<FacetCount>> facets(List<String> facets, Query query) {
        long seen = version.current();
        return cache.get(seen, Query.Matching.of(facets, query), () -> count(facets, query));
    }

    private Map<String, List<FacetCount>> count(List<String> facets, Query query) {
        boolean everything = query.filter().alternatives().isEmpty()
                && (query.term() == null || query.term().isBlank())
                && query.predicate() == null;
        // Search keys are lower-case: facet fields that differ only in case are one key.
        Map<String, List<String>> searchKeys = new LinkedHashMap<>();
        Map<String, List<FacetCount>> counted = new HashMap<>();
        for (String facet : facets) {
            String key = facet.toLowerCase(Locale.ROOT);
            if (key.equals("metadata.namespace") || key.equals("metadata.uid")) {
                counted.put(facet, run(column(key, query)));
            } else if (key.startsWith("relations.")) {
                counted.put(facet, run(relation(key, query, everything)));
            } else {
                searchKeys.computeIfAbsent(key, k -> new ArrayList<>()).add(facet);
            }
        }
        Map<String, List<FacetCount>> byKey = new HashMap<>();
        // A request may name more fields than one statement can bind.
        for (List<String> keys : Jdbc.chunks(searchKeys.keySet())) {
            byKey.putAll(searchValues(keys, query, everything));
        }
        searchKeys.forEach((key, named) -> named.forEach(f -> counted.put(f, byKey.getOrDefault(key, List.of()))));
        Map<String, List<FacetCount>> out = new LinkedHashMap<>();
        facets.forEach(f -> out.put(f, counted.get(f)));
        return Collections.unmodifiableMap(out);
    }

    private static CatalogSql column(String key, Query query) {
        String column = CatalogSql.COLUMNS.get(key);
        // Namespaces and uids are lower-case by their format: the column holds them as written.
        CatalogSql sql = new CatalogSql("SELECT " + column + ", COUNT(*) FROM entities e WHERE ");
        sql.where(query);
        sql.append(" GROUP BY " + column + " ORDER BY 2 DESC, 1");
        return sql;
    }

    private static CatalogSql relation(String key, Query query, boolean everything) {
        String type = CatalogSql.relationType(key);
        CatalogSql sql = new CatalogSql(
                "SELECT p.other, COUNT(DISTINCT p.self) FROM (" + CatalogSql.PAIRS_OF_TYPE + ") p",
                type,
                CatalogSql.inverse(type));
        if (!everything) {
            sql.append(" WHERE p.self IN (SELECT e.entity_ref FROM entities e WHERE ");
            sql.where(query);
            sql.append(")");
        }
        sql.append(" GROUP BY p.other ORDER BY 2 DESC, 1");
        return sql;
    }

    /** The counts of several search keys, by key, each in the order of the single-key answer. */
    private Map<String, List<FacetCount>> searchValues(Collection<String> keys, Query query, boolean everything) {
        CatalogSql sql = new CatalogSql(
                "SELECT s.search_key, MIN(COALESCE(s.original_value, s.search_value)), COUNT(DISTINCT s.entity_id)"
                        + " FROM search s WHERE s.search_key IN ("
                        + Jdbc.marks(keys.size())
                        + ") AND s.search_value IS NOT NULL",
                keys.toArray());
        if (!everything) {
            sql.append(" AND s.entity_id IN (SELECT e.id FROM entities e WHERE ");
            sql.where(query);
            sql.append(")");
        }
        sql.append(" GROUP BY s.search_key, s.search_value ORDER BY 1, 3 DESC, 2");
        return Jdbc.run(dataSource, "catalog query", c -> {
            Map<String, List<FacetCount>> rows = new HashMap<>();
            sql.query(
                    c,
                    rs -> rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new FacetCount(rs.getString(2), rs.getLong(3))));
            rows.replaceAll((k, v) -> List.copyOf(v));
            return rows;
        });
    }

    private List<FacetCount> run(CatalogSql sql) {
        return Jdbc.run(dataSource, "catalog query", c -> {
            List<FacetCount> rows = new ArrayList<>();
            sql.query(c, rs -> rows.add(new FacetCount(rs.getString(1), rs.getLong(2))));
            return List.copyOf(rows);
        });
    }
}
