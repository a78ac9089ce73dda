package dev.interlock.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.util.RawValue;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Node;

/**
 * The read side of Backstage's catalog API ({@code /api/catalog}): list, query, look up and facet entities.
 * Who may read is decided by the {@code catalog-read} HTTP security policy.
 */
@Path("/api/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class EntityResource {

    /**
     * Fields a full-text term is looked for in when the request names none: a scan of every field of every entity
     * would not stay fast at 100,000 entities.
     */
    static final List<String> DEFAULT_TEXT_FIELDS = List.of(
            "metadata.name",
            "metadata.title",
            "metadata.description",
            "metadata.tags",
            "kind",
            "spec.type",
            "spec.owner",
            "spec.lifecycle",
            "spec.system",
            "spec.pipeline.platform",
            "spec.pipeline.family");

    @Inject
    CatalogConfig config;

    @Inject
    CatalogQueries queries;

    /** Backstage's {@code GET /entities}: a JSON array, the next page in a {@code Link} header. */
    @GET
    @Path("/entities")
    public Response list(
            @QueryParam("filter") List<String> filter,
            @QueryParam("fields") List<String> fields,
            @QueryParam("order") List<String> order,
            @QueryParam("limit") String limit,
            @QueryParam("offset") String offset,
            @QueryParam("after") String after,
            @Context UriInfo uri) {
        List<EntityOrder> orders = input(() -> EntityOrder.parseAll(order, EntityOrder::parseOrder));
        CatalogQueries.Query query =
                new CatalogQueries.Query(input(() -> EntityFilter.parse(filter)), orders, null, List.of());
        // Pages follow by keyset (after the last entity's sort values and reference).
        PageStart start = after != null
                ? input(() -> startOf(QueryCursor.decode(after), orders))
                : PageStart.at(number(offset, "offset", 0, Integer.MAX_VALUE, 0));
        int size = number(limit, "limit", 0, config.maxPageSize(), config.maxPageSize());
        EntityPage<Map<String, Object>> page = EntityPage.of(queries.rows(query, start, size + 1), start, size);
        List<Map<String, Object>> items = page.items();
        Response.ResponseBuilder response = Response.ok();
        if (page.next() != null) {
            URI next = uri.getRequestUriBuilder()
                    .replaceQueryParam("offset")
                    .replaceQueryParam("after", QueryCursor.encode(page.next(), orders))
                    .build();
            response.header("Link", "<" + next + ">; rel=\"next\"");
        }
        List<String> projection = Projection.fields(fields);
        return response.entity(
                        items.stream().map(e -> Projection.apply(e, projection)).toList())
                .build();
    }

    /** Backstage's {@code GET /entities/by-query}: a page with the total and cursors. */
    @GET
    @Path("/entities/by-query")
    public Map<String, Object> byQuery(
            @QueryParam("filter") List<String> filter,
            @QueryParam("fields") List<String> fields,
            @QueryParam("limit") String limit,
            @QueryParam("offset") String offset,
            @QueryParam("cursor") String cursor,
            @QueryParam("orderField") List<String> orderField,
            @QueryParam("fullTextFilterTerm") String term,
            @QueryParam("fullTextFilterFields") List<String> textFields) {
        QueryCursor c = cursor != null
                ? input(() -> QueryCursor.decode(cursor))
                // Backstage's client sends an offset with the first request only; later pages follow the cursors.
                : new QueryCursor(filter, orderField, term, Projection.fields(textFields))
                        .at(PageStart.at(number(offset, "offset", 0, Integer.MAX_VALUE, 0)));
        List<EntityOrder> orders = input(() -> EntityOrder.parseAll(c.orderFields(), EntityOrder::parseOrderField));
        CatalogQueries.Query query = new CatalogQueries.Query(
                input(() -> EntityFilter.parse(c.filters())),
                orders,
                c.term(),
                c.textFields().isEmpty() ? DEFAULT_TEXT_FIELDS : c.textFields());
        int size = number(limit, "limit", 0, config.maxPageSize(), config.defaultPageSize());
        List<String> projection = Projection.fields(fields);
        // Without a projection the entities are written as stored, which spares parsing and writing each body.
        EntityPage<?> page;
        List<?> items;
        if (projection.isEmpty()) {
            EntityPage<RawValue> stored = EntityPage.of(queries.rowsJson(query, c.start(), size + 1), c.start(), size);
            page = stored;
            items = stored.items();
        } else {
            EntityPage<Map<String, Object>> read =
                    EntityPage.of(queries.rows(query, c.start(), size + 1), c.start(), size);
            page = read;
            items = read.items().stream()
                    .map(e -> Projection.apply(e, projection))
                    .toList();
        }
        long totalItems = queries.count(query);
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        if (page.next() != null) {
            pageInfo.put("nextCursor", c.at(page.next()).encode());
        }
        if (page.prev() != null) {
            pageInfo.put("prevCursor", c.at(page.prev()).encode());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("totalItems", totalItems);
        out.put("pageInfo", pageInfo);
        return out;
    }

    @GET
    @Path("/entities/by-name/{kind}/{namespace}/{name}")
    public RawValue byName(
            @PathParam("kind") String kind, @PathParam("namespace") String namespace, @PathParam("name") String name) {
        EntityRef ref = new EntityRef(kind, namespace, name);
        return queries.byRefJson(ref).orElseThrow(() -> new NotFoundException("no entity " + ref + " in the catalog"));
    }

    @GET
    @Path("/entities/by-uid/{uid}")
    public RawValue byUid(@PathParam("uid") String uid) {
        return queries.byUidJson(uid).orElseThrow(() -> new NotFoundException("no entity with uid " + uid));
    }

    /** The body of {@code POST /entities/by-refs}. */
    public record ByRefsRequest(List<String> entityRefs, List<String> fields, Object query) {}

    /**
     * Backstage's {@code POST /entities/by-refs}: the entities in request order, {@code null} for unknown ones and for
     * those the {@code filter} parameters (Backstage's client sends them in the query) or the body's predicate
     * {@code query} do not match.
     */
    @POST
    @Path("/entities/by-refs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> byRefs(@QueryParam("filter") List<String> filter, ByRefsRequest request) {
        if (request == null || request.entityRefs() == null) {
            throw new BadRequestException("the body must be {\"entityRefs\": [\"kind:namespace/name\", ...]}");
        }
        if (request.entityRefs().size() > config.maxPageSize()
                || request.entityRefs().contains(null)) {
            throw new BadRequestException(
                    "entityRefs must be at most " + config.maxPageSize() + " references, none of them null");
        }
        List<EntityRef> refs = new ArrayList<>();
        for (int i = 0; i < request.entityRefs().size(); i++) {
            String raw = request.entityRefs().get(i);
            int index = i;
            refs.add(input(() -> {
                try {
                    return EntityRef.parse(raw, null, EntityRef.DEFAULT_NAMESPACE);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("entityRefs." + index + ": " + e.getMessage());
                }
            }));
        }
        List<String> projection = Projection.fields(request.fields());
        EntityFilter filters = input(() -> EntityFilter.parse(filter));
        Predicate predicate = request.query() == null ? null : input(() -> Predicate.parse(request.query()));
        List<Map<String, Object>> found = queries.byRefs(refs);
        java.util.Set<Object> matching =
                filter.isEmpty() && predicate == null ? null : matching(found, filters, predicate);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> e : found) {
            boolean kept = e != null && (matching == null || matching.contains(uid(e)));
            items.add(kept ? Projection.apply(e, projection) : null);
        }
        return Map.of("items", items);
    }

    /**
     * The uids of these entities that the filters and the predicate ({@code null}: none) match, asked of the same SQL
     * as by-query.
     */
    private java.util.Set<Object> matching(List<Map<String, Object>> found, EntityFilter filters, Predicate predicate) {
        List<String> uids = found.stream()
                .filter(java.util.Objects::nonNull)
                .map(e -> String.valueOf(uid(e)))
                .toList();
        if (uids.isEmpty()) {
            return java.util.Set.of();
        }
        Predicate these = new Predicate.Fields(List.of(new Predicate.Field("metadata.uid", new Predicate.In(uids))));
        Predicate both = predicate == null ? these : new Predicate.All(List.of(predicate, these));
        return queries.list(new CatalogQueries.Query(filters, List.of(), null, List.of(), both), 0, -1).stream()
                .map(EntityResource::uid)
                .collect(java.util.stream.Collectors.toSet());
    }

    private static Object uid(Map<String, Object> entity) {
        return Node.of(entity).get("metadata").get("uid").raw();
    }

    /** Backstage's {@code GET /entity-facets}. */
    @GET
    @Path("/entity-facets")
    public Map<String, Object> facets(
            @QueryParam("facet") List<String> facet, @QueryParam("filter") List<String> filter) {
        if (facet.isEmpty()) {
            throw new BadRequestException("name at least one facet, e.g. ?facet=kind");
        }
        Map<String, Object> facets = new LinkedHashMap<>();
        queries.facets(facet, input(() -> EntityFilter.parse(filter)))
                .forEach((k, v) -> facets.put(
                        k,
                        v.stream()
                                .map(f -> Map.of("value", f.value(), "count", f.count()))
                                .toList()));
        return Map.of("facets", facets);
    }

    /** The change history of an entity, newest first. */
    @GET
    @Path("/entities/by-name/{kind}/{namespace}/{name}/history")
    public Map<String, Object> history(
            @PathParam("kind") String kind,
            @PathParam("namespace") String namespace,
            @PathParam("name") String name,
            @QueryParam("limit") String limit) {
        EntityRef ref = new EntityRef(kind, namespace, name);
        List<EntityHistory> rows = EntityHistory.forRef(
                ref.toString(), number(limit, "limit", 1, config.maxPageSize(), config.defaultHistorySize()));
        if (rows.isEmpty()) {
            throw new NotFoundException("no history for " + ref);
        }
        return Map.of(
                "items",
                rows.stream()
                        .map(h -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("action", h.action);
                            m.put("actor", h.actor);
                            m.put("at", h.at.toString());
                            m.put("uid", h.entityId);
                            m.put("generation", h.generation);
                            m.put("etag", h.etag);
                            m.put(
                                    "changedFields",
                                    h.changedFields == null ? List.of() : List.of(h.changedFields.split(",")));
                            return m;
                        })
                        .toList());
    }

    /**
     * Where the page of a list cursor starts, refused when its key is a place in another order than the request's
     * (the client changed {@code order} but kept {@code after}).
     */
    private static PageStart startOf(QueryCursor cursor, List<EntityOrder> orders) {
        PageStart start = cursor.start();
        if (start.key() != null
                && !EntityOrder.parseAll(cursor.orderFields(), EntityOrder::parseOrderField)
                        .equals(orders)) {
            throw new IllegalArgumentException(
                    "cursor holds a place in another order than this request's; start again from the first page");
        }
        return start;
    }

    /** A whole-number query parameter between {@code min} and {@code max}; {@code fallback} when absent. */
    private static int number(String text, String name, int min, int max, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException(
                name + " must be a whole number from " + min + " to " + max + ", not \"" + text + "\"");
    }

    /** Turns a parse error of a query parameter into a 400 that says what was wrong. */
    private static <T> T input(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
