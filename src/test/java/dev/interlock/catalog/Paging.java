package dev.interlock.catalog;

import static dev.interlock.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.restassured.response.Response;

/**
 * What the paging tests share: entities registered and deleted by name, and the three endpoints that page entities
 * read alike, each as a pager {@code (cursor or null for the first page, limit) -> Step}.
 */
final class Paging {

    /** One page as a test reads it: the names in order, the cursors (or link) of the pages next to it, the total. */
    record Step(List<String> names, String next, String prev, int totalItems) {}

    /** Registered entities by name, for their uids. */
    private final Map<String, String> uids = new HashMap<>();

    /** Registers an entity (as alice) and remembers its uid under its name. */
    void register(String name, String yaml) {
        String uid = dev.interlock.support.Api.register(yaml)
                .statusCode(201)
                .extract()
                .path("entities[0].uid");
        uids.put(name, uid);
    }

    /** Deletes an entity registered here. */
    void delete(String name) {
        as("alice")
                .delete("/api/catalog/entities/by-uid/" + uids.get(name))
                .then()
                .statusCode(204);
    }

    /** A by-query answer as a step. */
    static Step step(Response r) {
        r.then().statusCode(200);
        return new Step(
                r.jsonPath().getList("items.metadata.name"),
                r.path("pageInfo.nextCursor"),
                r.path("pageInfo.prevCursor"),
                r.path("totalItems"));
    }

    /** {@code GET /entities/by-query}; {@code params} (filter and orderField) are sent with the first page only. */
    static BiFunction<String, Integer, Step> getByQuery(String params) {
        return (cursor, limit) -> step(as("bob")
                .get("/api/catalog/entities/by-query?limit=" + limit
                        + (cursor == null ? "&filter=" + params : "&cursor=" + cursor)));
    }

    /** {@code POST /entities/by-query} of the entities tagged {@code tag}, sorted by {@code orderBy}. */
    static BiFunction<String, Integer, Step> postByQuery(String tag, List<Map<String, String>> orderBy) {
        return (cursor, limit) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("limit", limit);
            if (cursor == null) {
                body.put("query", Map.of("metadata.tags", Map.of("$contains", tag)));
                body.put("orderBy", orderBy);
            } else {
                body.put("cursor", cursor);
            }
            return step(as("bob").contentType("application/json").body(body).post("/api/catalog/entities/by-query"));
        };
    }

    /** {@code GET /entities}: the "cursor" is the whole next link; {@code params} are filter and order. */
    static BiFunction<String, Integer, Step> list(String params) {
        return (link, limit) -> {
            String url = link != null ? link : "/api/catalog/entities?filter=" + params + "&limit=" + limit;
            Response r = as("bob").urlEncodingEnabled(false).get(url);
            r.then().statusCode(200);
            String header = r.header("Link");
            String next = header == null ? null : header.substring(header.indexOf('<') + 1, header.indexOf('>'));
            return new Step(r.jsonPath().getList("metadata.name"), next, null, -1);
        };
    }

    /** Every name of every page, from the first page on. */
    static List<String> walk(BiFunction<String, Integer, Step> pager, int limit) {
        List<String> seen = new ArrayList<>();
        Step step = pager.apply(null, limit);
        seen.addAll(step.names());
        for (int pages = 1; step.next() != null; pages++) {
            if (pages > 50) {
                throw new AssertionError("no last page: " + seen);
            }
            step = pager.apply(step.next(), limit);
            seen.addAll(step.names());
        }
        return seen;
    }

    /**
     * Pages from a GET by-query cursor written before keysets, at offset 2 of the entities tagged {@code tag} sorted by
     * {@code orderFields} (a JSON list), which are {@code names}: that page, and those next to it by its cursors.
     */
    static void assertOffsetCursorHonoured(String tag, String orderFields, List<String> names, int limit) {
        String old = urlCursor("{\"filters\":[\"metadata.tags=" + tag + "\"],\"orderFields\":" + orderFields
                + ",\"term\":null,\"textFields\":[],\"offset\":2}");
        Step page = getByQuery(null).apply(old, limit);
        assertEquals(names.subList(2, 2 + limit), page.names());
        assertEquals(
                names.subList(2 + limit, 2 + 2 * limit),
                getByQuery(null).apply(page.next(), limit).names());
        assertEquals(
                names.subList(2 - limit, 2),
                getByQuery(null).apply(page.prev(), limit).names());
    }

    /** GET by-query refuses this cursor with a 400 in Backstage's error shape. */
    static void assertRefusedByGet(String cursor) {
        assertRefused(as("bob").get("/api/catalog/entities/by-query?cursor=" + cursor));
    }

    /** POST by-query refuses this cursor with a 400 in Backstage's error shape. */
    static void assertRefusedByPost(String cursor) {
        assertRefused(as("bob")
                .contentType("application/json")
                .body(Map.of("cursor", cursor))
                .post("/api/catalog/entities/by-query"));
    }

    private static void assertRefused(Response r) {
        r.then()
                .statusCode(400)
                .body("error.message", containsString("cursor"))
                .body("response.statusCode", equalTo(400));
    }

    /** A cursor of the GET forms holding this JSON (as a client might make one up). */
    static String urlCursor(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
