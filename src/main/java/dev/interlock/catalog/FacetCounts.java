package dev.interlock.catalog;

import java.util.ArrayList;
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

    private VersionedCache<List<FacetCount>> cache;

    @PostConstruct
    void init() {
        cache = new VersionedCache<>(config.facetCacheSize());
    }

    /** Counts per value of each facet field, over the entities the query (filter and full-text term) matches. */
    Map<String, List<FacetCount>> facets(List<String> facets, Query query) {
        Map<String, List<FacetCount>> out = new LinkedHashMap<>();
        long seen = version.current();
        for (String facet : facets) {
            String question = facet + "|" + query.filter() + "|" + query.term() + "|" + query.textFields() + "|"
                    + query.predicate();
            out.put(facet, cache.get(seen, question, () -> count(facet, query)));
        }
        return out;
    }

    private List<FacetCount> count(String facet, Query query) {
        boolean everything = query.filter().alternatives().isEmpty()
                && (query.term() == null || query.term().isBlank())
                && query.predicate() == null;
        String key = facet.toLowerCase(Locale.ROOT);
        CatalogSql sql;
        if (key.equals("metadata.namespace") || key.equals("metadata.uid")) {
            String column = CatalogSql.COLUMNS.get(key);
            // Namespaces and uids are lower-case by their format: the column holds them as written.
            sql = new CatalogSql("SELECT " + column + ", COUNT(*) FROM entities e WHERE ");
            sql.where(query);
            sql.append(" GROUP BY " + column + " ORDER BY 2 DESC, 1");
        } else if (key.startsWith("relations.")) {
            String type = CatalogSql.relationType(key);
            sql = new CatalogSql(
                    "SELECT p.other, COUNT(DISTINCT p.self) FROM (" + CatalogSql.PAIRS_OF_TYPE + ") p",
                    type,
                    CatalogSql.inverse(type));
            if (!everything) {
                sql.append(" WHERE p.self IN (SELECT e.entity_ref FROM entities e WHERE ");
                sql.where(query);
                sql.append(")");
            }
            sql.append(" GROUP BY p.other ORDER BY 2 DESC, 1");
        } else {
            sql = new CatalogSql(
                    "SELECT MIN(COALESCE(s.original_value, s.search_value)), COUNT(DISTINCT s.entity_id)"
                            + " FROM search s WHERE s.search_key = ? AND s.search_value IS NOT NULL",
                    key);
            if (!everything) {
                sql.append(" AND s.entity_id IN (SELECT e.id FROM entities e WHERE ");
                sql.where(query);
                sql.append(")");
            }
            sql.append(" GROUP BY s.search_value ORDER BY 2 DESC, 1");
        }
        return Jdbc.run(dataSource, "catalog query", c -> {
            List<FacetCount> rows = new ArrayList<>();
            sql.query(c, rs -> rows.add(new FacetCount(rs.getString(1), rs.getLong(2))));
            return List.copyOf(rows);
        });
    }
}
