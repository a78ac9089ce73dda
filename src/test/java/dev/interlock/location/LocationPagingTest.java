package dev.interlock.location;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.interlock.support.FileServer;

/**
 * Paging {@code POST /locations/by-query}: each location once, whatever is added or deleted between two pages, and a
 * cursor that is not one the server gave out refused with what is wrong with it.
 */
@QuarkusTest
@TestProfile(PrivateLocationsProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocationPagingTest {

    private final FileServer server;

    LocationPagingTest() throws Exception {
        server = new FileServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Registers a location of one file holding one component; its id. */
    private String register(String path) {
        server.put(path, LocationApiTest.component(unique("svc"), null));
        return as("alice")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", server.url(path)))
                .post("/api/catalog/locations")
                .then()
                .statusCode(201)
                .extract()
                .path("location.id");
    }

    private Response query(Map<String, Object> body) {
        return as("bob").contentType("application/json").body(body).post("/api/catalog/locations/by-query");
    }

    private Map<String, Object> first(String dir, int limit) {
        return Map.of("limit", limit, "query", Map.of("target", Map.of("$hasPrefix", server.url(dir + "/"))));
    }

    /** The ids of a page, after checking its total. */
    private static List<String> ids(Response page, int total) {
        page.then().statusCode(200).body("totalItems", equalTo(total));
        return page.path("items.id");
    }

    @Test
    void pagingWithASmallLimitGivesEachLocationExactlyOnce() {
        String dir = "/" + unique("paged");
        // Case and punctuation that databases order differently: the keys are compared where they are ordered.
        Set<String> registered = new HashSet<>();
        for (String file : List.of("a", "B", "c", "_d", "e-1", "e1", "E2")) {
            registered.add(register(dir + "/" + file + ".yaml"));
        }

        List<String> seen = new ArrayList<>();
        Response page = query(first(dir, 2));
        seen.addAll(ids(page, 7));
        int pages = 1;
        while (page.path("pageInfo.nextCursor") != null) {
            // Only the cursor: it carries the filter and the page size.
            page = query(Map.of("cursor", page.path("pageInfo.nextCursor")));
            List<String> ids = ids(page, 7);
            assertTrue(ids.size() <= 2, ids.toString());
            seen.addAll(ids);
            pages++;
        }
        assertEquals(4, pages);
        assertEquals(7, seen.size(), seen.toString());
        assertEquals(registered, Set.copyOf(seen));

        // Without a filter (counted and limited by the database): every location once, ours among them.
        List<String> all = new ArrayList<>();
        Map<String, Object> body = Map.of("limit", 3);
        Integer total = null;
        do {
            page = query(body);
            page.then().statusCode(200);
            total = total == null ? page.path("totalItems") : total;
            page.then().body("totalItems", equalTo(total));
            all.addAll(page.path("items.id"));
            body = page.path("pageInfo.nextCursor") == null ? null : Map.of("cursor", page.path("pageInfo.nextCursor"));
        } while (body != null);
        assertEquals(total, all.size());
        assertEquals(all.size(), Set.copyOf(all).size(), all.toString());
        assertTrue(all.containsAll(registered), all.toString());
    }

    @Test
    void locationsAddedOrDeletedBetweenPagesNeitherSkipNorRepeatTheOthers() {
        String dir = "/" + unique("moving");
        Map<String, String> ids = new HashMap<>();
        for (String file : List.of("b1", "b2", "b3", "b4", "b5", "b6")) {
            ids.put(file, register(dir + "/" + file + ".yaml"));
        }

        Response page = query(first(dir, 2));
        assertEquals(List.of(ids.get("b1"), ids.get("b2")), ids(page, 6));

        // The last location of the page, the one the cursor continues after, is deleted.
        as("alice").delete("/api/catalog/locations/" + ids.get("b2")).then().statusCode(204);
        page = query(Map.of("cursor", page.path("pageInfo.nextCursor")));
        assertEquals(List.of(ids.get("b3"), ids.get("b4")), ids(page, 5));

        // A location that sorts before the cursor is added.
        String added = register(dir + "/a0.yaml");
        page = query(Map.of("cursor", page.path("pageInfo.nextCursor")));
        assertEquals(List.of(ids.get("b5"), ids.get("b6")), ids(page, 6));
        assertNull(page.path("pageInfo.nextCursor"));

        // A new first page starts with it.
        assertEquals(List.of(added, ids.get("b1")), ids(query(first(dir, 2)), 6));
    }

    private static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCursorThatIsNotOneTheServerGaveOutIsRefusedWithWhatIsWrong() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("not a cursor!", "is not base64url text");
        refused.put(base64url("{\"query\":null,\"offset\":2,\"limit\":2}"), "does not hold a cursor this server wrote");
        refused.put(base64url("[1, 2"), "does not hold a cursor this server wrote");
        refused.put(base64url("null"), "does not hold a cursor this server wrote");
        refused.put(base64url("{\"query\":null,\"limit\":2}"), "has no location to continue after");
        refused.put(base64url("{\"query\":null,\"type\":\"url\",\"target\":\"x\",\"limit\":0}"), "has no page size");
        refused.put(base64url("{\"query\":{\"$nope\":1},\"type\":\"url\",\"target\":\"x\",\"limit\":2}"), "$nope");
        refused.put(
                base64url("{\"query\":null,\"type\":\"url\",\"target\":\"x\",\"limit\":99999999}"),
                "limit must be a whole number from 1 to");
        refused.forEach((cursor, message) -> query(Map.of("cursor", cursor))
                .then()
                .statusCode(400)
                .contentType("application/json")
                .body("error.name", equalTo("InputError"))
                .body("error.message", containsString(message))
                .body("response.statusCode", equalTo(400)));
        query(Map.of("cursor", "x".repeat(5000)))
                .then()
                .statusCode(400)
                .body("error.message", containsString("cursor \"" + "x".repeat(60) + "…\""));
    }
}
