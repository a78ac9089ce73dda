package dev.interlock.catalog;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.interlock.errors.Echo;
import dev.interlock.model.Node;

/**
 * Backstage's predicate queries: {@code POST /entities/by-query} with
 * {@code {query, limit, offset, orderBy, fullTextFilter, fields, cursor}} and {@code POST /entity-facets} with
 * {@code {facets, query}}, answered by the same queries as the GET forms.
 */
@Path("/api/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PredicateQueryResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The body of {@code POST /entities/by-query}.
     *
     * @param orderBy {@code [{field, order}]} (the client's form); {@code orderField} ({@code ["field,asc"]}) also works
     */
    public record QueryRequest(
            Object query,
            Integer limit,
            Integer offset,
            Object orderBy,
            List<String> orderField,
            FullText fullTextFilter,
            List<String> fields,
            String cursor,
            String totalItems) {}

    /** Full-text filter of a request. */
    public record FullText(String term, List<String> fields) {}

    /** The body of {@code POST /entity-facets}. */
    public record FacetsRequest(List<String> facets, Object query) {}

    /**
     * What a cursor carries: the whole query, so the next page answers the same question, and where the page starts
     * ({@link PageStart}: after or before an entity, its reference and sort values). It always has a {@code query}
     * key: Backstage's client sends cursors that have one to this endpoint. A cursor written before keysets (an
     * offset) is still honoured.
     */
    public record Cursor(
            Object query,
            List<String> orderFields,
            String term,
            List<String> textFields,
            int offset,
            boolean totals,
            String after,
            String before,
            List<String> sortValues) {

        String encode() {
            try {
                return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(this));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static Cursor decode(String text) {
            Cursor c;
            try {
                c = JSON.readValue(Base64.getDecoder().decode(text.trim()), Cursor.class);
            } catch (Exception e) {
                throw new BadRequestException("cursor \"" + text + "\" is not valid; use a cursor from pageInfo");
            }
            if (c == null) {
                // The JSON text "null" reads as no cursor at all.
                throw new BadRequestException("cursor \"" + text + "\" is not valid; use a cursor from pageInfo");
            }
            String problem = c.start()
                    .problem(c.orderFields() == null ? 0 : c.orderFields().size());
            if (problem != null) {
                throw new BadRequestException(
                        "cursor \"" + text + "\" " + problem + "; start again from the first page");
            }
            return c;
        }

        PageStart start() {
            return new PageStart(offset, after, before, sortValues);
        }

        Cursor at(PageStart start) {
            return new Cursor(
                    query,
                    orderFields,
                    term,
                    textFields,
                    start.offset(),
                    totals,
                    start.after(),
                    start.before(),
                    start.sortValues());
        }
    }

    @Inject
    CatalogConfig config;

    @Inject
    CatalogQueries queries;

    @POST
    @Path("/entities/by-query")
    public Map<String, Object> byQuery(QueryRequest request) {
        if (request == null) {
            throw new BadRequestException(
                    "the body must be a JSON object, e.g. {\"query\": {\"kind\": \"component\"}}");
        }
        Cursor c;
        if (request.cursor() != null) {
            c = Cursor.decode(request.cursor());
        } else {
            c = new Cursor(
                    request.query(),
                    orderFields(request),
                    request.fullTextFilter() == null
                            ? null
                            : request.fullTextFilter().term(),
                    request.fullTextFilter() == null || request.fullTextFilter().fields() == null
                            ? List.of()
                            : request.fullTextFilter().fields(),
                    request.offset() == null ? 0 : request.offset(),
                    !"exclude".equals(request.totalItems()),
                    null,
                    null,
                    List.of());
            if (c.offset() < 0) {
                throw new BadRequestException("offset must not be negative");
            }
        }
        int limit = request.limit() == null ? config.defaultPageSize() : request.limit();
        if (limit < 0 || limit > config.maxPageSize()) {
            throw new BadRequestException("limit must be a whole number from 0 to " + config.maxPageSize());
        }
        List<EntityOrder> orders = input(() -> EntityOrder.parseAll(c.orderFields(), EntityOrder::parseOrderField));
        List<String> textFields = c.textFields() == null || c.textFields().isEmpty()
                ? EntityResource.DEFAULT_TEXT_FIELDS
                : c.textFields();
        CatalogQueries.Query query = new CatalogQueries.Query(
                EntityFilter.ALL,
                orders,
                c.term(),
                textFields,
                c.query() == null ? null : input(() -> Predicate.parse(c.query())));
        EntityPage<Map<String, Object>> page =
                EntityPage.of(queries.rows(query, c.start(), limit + 1), c.start(), limit);
        List<Map<String, Object>> items = page.items();
        long total = 0;
        if (c.totals()) {
            // A last page read by offset that is not empty tells the total without counting.
            boolean byOffset = c.start().key() == null;
            total = byOffset && page.next() == null && !items.isEmpty() && limit > 0
                    ? c.offset() + items.size()
                    : queries.count(query);
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        if (page.next() != null) {
            pageInfo.put("nextCursor", c.at(page.next()).encode());
        }
        if (page.prev() != null) {
            pageInfo.put("prevCursor", c.at(page.prev()).encode());
        }
        List<String> projection = Projection.fields(request.fields());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "items",
                items.stream().map(e -> Projection.apply(e, projection)).toList());
        out.put("totalItems", total);
        out.put("pageInfo", pageInfo);
        return out;
    }

    @POST
    @Path("/entity-facets")
    public Map<String, Object> facets(FacetsRequest request) {
        if (request == null || request.facets() == null || request.facets().isEmpty()) {
            throw new BadRequestException("name at least one facet, e.g. {\"facets\": [\"kind\"]}");
        }
        if (request.facets().stream().anyMatch(f -> f == null || f.isBlank())) {
            throw new BadRequestException("facets must be field names, e.g. {\"facets\": [\"kind\"]}; one is empty");
        }
        Predicate predicate = request.query() == null ? null : input(() -> Predicate.parse(request.query()));
        Map<String, Object> facets = new LinkedHashMap<>();
        queries.facets(
                        request.facets(),
                        new CatalogQueries.Query(EntityFilter.ALL, List.of(), null, List.of(), predicate))
                .forEach((k, v) -> facets.put(
                        k,
                        v.stream()
                                .map(f -> Map.of("value", f.value(), "count", f.count()))
                                .toList()));
        return Map.of("facets", facets);
    }

    private static List<String> orderFields(QueryRequest request) {
        List<String> out = new ArrayList<>();
        if (request.orderField() != null) {
            out.addAll(request.orderField());
        }
        Node orderBy = Node.of(request.orderBy());
        for (Node o : orderBy.isList() ? orderBy.items() : orderBy.isMissing() ? List.<Node>of() : List.of(orderBy)) {
            String field = o.get("field").text();
            if (field == null) {
                throw new BadRequestException(
                        "orderBy must be a list of {\"field\": \"...\", \"order\": \"asc\"|\"desc\"}");
            }
            Node order = o.get("order");
            String word = order.isMissing() ? "asc" : order.text();
            if (word == null || !(word.equalsIgnoreCase("asc") || word.equalsIgnoreCase("desc"))) {
                // Checked here, in the client's terms: the orderField it becomes would be named otherwise.
                throw new BadRequestException("orderBy's order for " + Echo.quoted(field)
                        + " must be \"asc\" or \"desc\", not "
                        + (word == null
                                ? "a " + (order.isList() ? "list" : order.isObject() ? "object" : "number or boolean")
                                : Echo.quoted(word)));
            }
            out.add(field + "," + word.toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    private static <T> T input(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
