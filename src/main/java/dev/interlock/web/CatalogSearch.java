package dev.interlock.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.catalog.EntityFilter;
import dev.interlock.catalog.EntityOrder;
import dev.interlock.scorecard.HeadlineLevels;

/**
 * What the catalog page shows, all of it in the URL so that any view can be bookmarked: the search text, the
 * chosen facet values, the sort and the page. Builds the catalog query and the links that change one thing.
 *
 * @param defaultSize the page size a URL without {@code size} gets, so links leave it out
 */
public record CatalogSearch(
        String q,
        Map<String, List<String>> chosen,
        String sort,
        boolean ascending,
        int page,
        int size,
        int defaultSize) {

    /** Facets: URL parameter → filter key. */
    public static final Map<String, String> FACETS = facets();
    /** Sortable columns: URL value → field. */
    static final Map<String, String> SORTS = Map.of(
            "name",
            "metadata.name",
            "kind",
            "kind",
            "type",
            "spec.type",
            "owner",
            "spec.owner",
            "system",
            "spec.system",
            "lifecycle",
            "spec.lifecycle");

    /** The sort by the headline scorecard's level, which is no field ({@link EntityOrder#byLevel}). */
    static final String LEVEL = "level";

    private static Map<String, String> facets() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", "kind");
        m.put("type", "spec.type");
        m.put("owner", "relations.ownedBy");
        m.put("lifecycle", "spec.lifecycle");
        m.put("namespace", "metadata.namespace");
        m.put("tag", "metadata.tags");
        // /catalog?orphan=true: entities their location no longer produces (Backstage's annotation). The annotation is
        // there only on orphans, so "true" is its one value; any other (orphan=false) chooses nothing, not no entity.
        m.put("orphan", "metadata.annotations.backstage.io/orphan");
        return m;
    }

    /**
     * Reads the page's parameters; unknown sorts and out-of-range numbers fall back to defaults.
     *
     * @param sizes the default and largest page sizes
     */
    public static CatalogSearch of(
            String q,
            Map<String, List<String>> params,
            String sort,
            String dir,
            String page,
            String size,
            WebConfig.Catalog sizes) {
        Map<String, List<String>> chosen = new LinkedHashMap<>();
        for (String facet : FACETS.keySet()) {
            List<String> values = params.getOrDefault(facet, List.of()).stream()
                    .filter(v -> v != null && !v.isBlank())
                    .map(String::trim)
                    .filter(v -> !facet.equals("orphan") || v.equalsIgnoreCase("true"))
                    .distinct()
                    .toList();
            if (!values.isEmpty()) {
                chosen.put(facet, values);
            }
        }
        String s = sort != null && (SORTS.containsKey(sort) || sort.equals(LEVEL)) ? sort : "name";
        return new CatalogSearch(
                q == null ? "" : q.trim(),
                chosen,
                s,
                !"desc".equalsIgnoreCase(dir),
                clamp(page, 1, Integer.MAX_VALUE / sizes.maxPageSize(), 1),
                clamp(size, 1, sizes.maxPageSize(), sizes.pageSize()),
                sizes.pageSize());
    }

    private static int clamp(String text, int min, int max, int fallback) {
        try {
            int v = Integer.parseInt(text);
            return v < min || v > max ? fallback : v;
        } catch (NumberFormatException | NullPointerException e) {
            return fallback;
        }
    }

    /**
     * The catalog query of this view.
     *
     * @param headline the headline scorecard, which the level sort follows (by name when it is not registered)
     */
    public CatalogQueries.Query query(HeadlineLevels headline) {
        EntityOrder order;
        if (!sort.equals(LEVEL)) {
            order = new EntityOrder(SORTS.get(sort), ascending);
        } else if (headline.scorecardRef() != null) {
            order = EntityOrder.byLevel(headline.scorecardRef(), headline.levels(), ascending);
        } else {
            order = new EntityOrder(SORTS.get("name"), ascending);
        }
        return query(null, order);
    }

    /** The query without one facet's own choice: a facet counts what choosing each of its values would give. */
    CatalogQueries.Query query(String withoutFacet) {
        // The order does not change a count.
        return query(withoutFacet, new EntityOrder(SORTS.get("name"), true));
    }

    private CatalogQueries.Query query(String withoutFacet, EntityOrder order) {
        List<EntityFilter.Condition> conditions = new ArrayList<>();
        chosen.forEach((facet, values) -> {
            if (!facet.equals(withoutFacet)) {
                Set<String> lower = new LinkedHashSet<>();
                values.forEach(v -> lower.add(v.toLowerCase(Locale.ROOT)));
                conditions.add(new EntityFilter.Condition(FACETS.get(facet), lower));
            }
        });
        EntityFilter filter = conditions.isEmpty() ? EntityFilter.ALL : new EntityFilter(List.of(conditions));
        return new CatalogQueries.Query(
                filter, List.of(order), q.isEmpty() ? null : q, q.isEmpty() ? List.of() : SEARCHED);
    }

    /** Fields the search box looks in. */
    static final List<String> SEARCHED = List.of(
            "metadata.name",
            "metadata.title",
            "metadata.description",
            "metadata.tags",
            "spec.type",
            "spec.owner",
            "spec.system",
            "spec.pipeline.platform",
            "spec.profile.displayName",
            "spec.profile.email");

    /** A sortable column of the results table. */
    public record Column(String key, String label) {}

    /** The sortable columns, in table order. */
    public List<Column> columns() {
        return List.of(
                new Column("name", "Name"),
                new Column("kind", "Kind"),
                new Column("type", "Type"),
                new Column("owner", "Owner"),
                new Column("system", "System"),
                new Column("lifecycle", "Lifecycle"),
                new Column("level", "Level"));
    }

    public boolean isChosen(String facet, String value) {
        return chosen.getOrDefault(facet, List.of()).stream().anyMatch(v -> v.equalsIgnoreCase(value));
    }

    /** Whether the page asks for orphans and nothing else (/catalog?orphan=true). */
    public boolean isOnlyOrphans() {
        return q.isEmpty() && chosen.size() == 1 && isChosen("orphan", "true");
    }

    public boolean hasChoices() {
        return !chosen.isEmpty() || !q.isEmpty();
    }

    public int offset() {
        return (page - 1) * size;
    }

    /** This view with a facet value added or removed, back on page 1. */
    public String toggle(String facet, String value) {
        Map<String, List<String>> next = new LinkedHashMap<>(chosen);
        List<String> values = new ArrayList<>(next.getOrDefault(facet, List.of()));
        if (!values.removeIf(v -> v.equalsIgnoreCase(value))) {
            values.add(value);
        }
        if (values.isEmpty()) {
            next.remove(facet);
        } else {
            next.put(facet, values);
        }
        return new CatalogSearch(q, next, sort, ascending, 1, size, defaultSize).url();
    }

    /** This view sorted by a column; the same column again flips the direction. */
    public String sortBy(String column) {
        boolean asc = !column.equals(sort) || !ascending;
        return new CatalogSearch(q, chosen, column, asc, 1, size, defaultSize).url();
    }

    public String atPage(int number) {
        return new CatalogSearch(q, chosen, sort, ascending, number, size, defaultSize).url();
    }

    /** The view's URL. */
    public String url() {
        StringBuilder url = new StringBuilder("/catalog?");
        if (!q.isEmpty()) {
            url.append("q=").append(TemplateExtensions.urlParam(q)).append('&');
        }
        chosen.forEach((facet, values) -> values.forEach(v -> url.append(facet)
                .append('=')
                .append(TemplateExtensions.urlParam(v))
                .append('&')));
        if (!sort.equals("name") || !ascending) {
            url.append("sort=")
                    .append(sort)
                    .append("&dir=")
                    .append(ascending ? "asc" : "desc")
                    .append('&');
        }
        if (page > 1) {
            url.append("page=").append(page).append('&');
        }
        if (size != defaultSize) {
            url.append("size=").append(size).append('&');
        }
        return url.substring(0, url.length() - 1);
    }

    /** The URL without search text, for the hidden fields of the search form. */
    public List<Map.Entry<String, String>> hiddenFields() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        chosen.forEach((facet, values) -> values.forEach(v -> out.add(Map.entry(facet, v))));
        if (!sort.equals("name") || !ascending) {
            out.add(Map.entry("sort", sort));
            out.add(Map.entry("dir", ascending ? "asc" : "desc"));
        }
        return out;
    }
}
