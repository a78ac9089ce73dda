package dev.interlock.catalog;

import static dev.interlock.catalog.Paging.getByQuery;
import static dev.interlock.catalog.Paging.list;
import static dev.interlock.catalog.Paging.urlCursor;
import static dev.interlock.catalog.Paging.walk;
import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.catalog.Paging.Step;

/**
 * Paging in the default order (by entity reference) by keyset cursors, on the three endpoints that page entities:
 * every entity once, and still once when entities are deleted or added between two page requests. Each test pages a
 * set of entities of its own (a unique tag keeps other tests' entities out).
 */
@QuarkusTest
class EntityPagingTest {

    private final Paging paging = new Paging();

    private String entity(String kind, String name, String tag) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: %s
                metadata:
                  name: %s
                  tags: [%s]
                spec:
                  owner: group:revops
                """.formatted(kind, name, tag)
                + ("Component".equals(kind) ? "  type: service\n  lifecycle: production\n" : "");
    }

    /** Registers entities of a kind named {@code tag-<suffix>}, tagged {@code tag}; their names in order. */
    private List<String> add(String tag, String kind, String... suffixes) {
        List<String> names = new ArrayList<>();
        for (String suffix : suffixes) {
            String name = tag + "-" + suffix;
            paging.register(name, entity(kind, name, tag));
            names.add(name);
        }
        return names;
    }

    private static BiFunction<String, Integer, Step> postByQuery(String tag) {
        return Paging.postByQuery(tag, List.of());
    }

    @Test
    void pagesGiveEachEntityOnceWithAndWithoutOneKind() {
        String tag = unique("pg").toLowerCase();
        List<String> systems = add(tag, "System", "a", "d");
        List<String> components = add(tag, "Component", "e", "b", "c", "f", "g");
        List<String> sortedComponents = components.stream().sorted().toList();
        // By entity reference: component:… before system:….
        List<String> all = new ArrayList<>(sortedComponents);
        all.addAll(systems);
        for (int limit = 1; limit <= 4; limit++) {
            assertEquals(all, walk(getByQuery("metadata.tags=" + tag), limit), "limit " + limit);
            assertEquals(
                    sortedComponents, walk(getByQuery("kind=component,metadata.tags=" + tag), limit), "limit " + limit);
            assertEquals(all, walk(postByQuery(tag), limit), "limit " + limit);
            assertEquals(all, walk(list("metadata.tags=" + tag), limit), "limit " + limit);
            assertEquals(sortedComponents, walk(list("kind=component,metadata.tags=" + tag), limit), "limit " + limit);
        }
        as("bob")
                .get("/api/catalog/entities/by-query?limit=3&filter=metadata.tags=" + tag)
                .then()
                .body("totalItems", equalTo(7))
                .body("pageInfo", not(hasKey("prevCursor")));
    }

    /**
     * Page 1 is read; its last entity is deleted; page 2 is read; an entity that sorts before the cursor is added;
     * page 3 is read. An offset would skip one entity after the delete and repeat one after the add.
     */
    private void survivesChangesBetweenPages(String tag, String kind, BiFunction<String, Integer, Step> pager) {
        add(tag, kind, "b", "c", "d", "e", "f", "g");
        Step first = pager.apply(null, 2);
        assertEquals(List.of(tag + "-b", tag + "-c"), first.names());
        paging.delete(tag + "-c");
        Step second = pager.apply(first.next(), 2);
        assertEquals(List.of(tag + "-d", tag + "-e"), second.names());
        add(tag, kind, "a");
        Step third = pager.apply(second.next(), 2);
        assertEquals(List.of(tag + "-f", tag + "-g"), third.names());
        assertNull(third.next(), "the last page has no next page");
        if (third.totalItems() >= 0) {
            assertEquals(6, third.totalItems(), "totalItems counts the entities that match now");
        }
    }

    @Test
    void getByQueryOfOneKindNeitherSkipsNorRepeatsWhenEntitiesChangeBetweenPages() {
        String tag = unique("pg").toLowerCase();
        survivesChangesBetweenPages(tag, "Component", getByQuery("kind=component,metadata.tags=" + tag));
    }

    @Test
    void getByQueryNeitherSkipsNorRepeatsWhenEntitiesChangeBetweenPages() {
        String tag = unique("pg").toLowerCase();
        survivesChangesBetweenPages(tag, "System", getByQuery("metadata.tags=" + tag));
    }

    @Test
    void postByQueryNeitherSkipsNorRepeatsWhenEntitiesChangeBetweenPages() {
        String tag = unique("pg").toLowerCase();
        survivesChangesBetweenPages(tag, "Component", postByQuery(tag));
    }

    @Test
    void listNeitherSkipsNorRepeatsWhenEntitiesChangeBetweenPages() {
        String tag = unique("pg").toLowerCase();
        survivesChangesBetweenPages(tag, "Component", list("kind=component,metadata.tags=" + tag));
    }

    private void prevCursorGivesThePageBefore(BiFunction<String, Integer, Step> pager, List<String> names) {
        Step first = pager.apply(null, 2);
        assertNull(first.prev(), "the first page has no page before it");
        Step second = pager.apply(first.next(), 2);
        assertEquals(names.subList(2, 4), second.names());
        Step back = pager.apply(second.prev(), 2);
        assertEquals(first.names(), back.names());
        assertNull(back.prev(), "back on the first page there is no page before it");
        assertEquals(second.names(), pager.apply(back.next(), 2).names());
        Step third = pager.apply(second.next(), 2);
        assertEquals(names.subList(4, 5), third.names());
        assertEquals(second.names(), pager.apply(third.prev(), 2).names());
    }

    @Test
    void prevCursorGivesThePageBeforeAgain() {
        String tag = unique("pg").toLowerCase();
        List<String> names = add(tag, "Component", "a", "b", "c", "d", "e");
        prevCursorGivesThePageBefore(getByQuery("kind=component,metadata.tags=" + tag), names);
        prevCursorGivesThePageBefore(getByQuery("metadata.tags=" + tag), names);
        prevCursorGivesThePageBefore(postByQuery(tag), names);
    }

    @Test
    void orderFieldsPageInTheirOrderAndFromAnOffset() {
        String tag = unique("pg").toLowerCase();
        List<String> names = new ArrayList<>(add(tag, "Component", "a", "b", "c", "d", "e"));
        java.util.Collections.reverse(names);
        BiFunction<String, Integer, Step> pager = getByQuery("metadata.tags=" + tag + "&orderField=metadata.name,desc");
        assertEquals(names, walk(pager, 2));
        Step second = pager.apply(pager.apply(null, 2).next(), 2);
        assertEquals(names.subList(2, 4), second.names());
        assertEquals(names.subList(0, 2), pager.apply(second.prev(), 2).names());
        as("bob")
                .contentType("application/json")
                .body(Map.of(
                        "query",
                        Map.of("metadata.tags", Map.of("$contains", tag)),
                        "orderBy",
                        List.of(Map.of("field", "metadata.name", "order", "desc")),
                        "offset",
                        3))
                .post("/api/catalog/entities/by-query")
                .then()
                .statusCode(200)
                .body("items.metadata.name", equalTo(names.subList(3, 5)));
    }

    @Test
    void aCursorOfTheOffsetFormatIsStillHonoured() {
        String tag = unique("pg").toLowerCase();
        List<String> names = add(tag, "Component", "a", "b", "c", "d");
        Paging.assertOffsetCursorHonoured(tag, "[]", names, 1);
    }

    @Test
    void garbageCursorsAre400s() {
        for (String cursor : List.of(
                "not-a-cursor",
                urlCursor("{\"offset\":0,\"after\":\"component:default/x\",\"before\":\"component:default/y\"}"),
                urlCursor("{\"orderFields\":[\"metadata.name,asc\"],\"offset\":0,\"after\":\"component:default/x\"}"),
                urlCursor("{\"offset\":-3}"))) {
            Paging.assertRefusedByGet(cursor);
            as("bob")
                    .get("/api/catalog/entities?after=" + cursor)
                    .then()
                    .statusCode(400)
                    .body("error.message", containsString("cursor"));
        }
        as("bob")
                .get("/api/catalog/entities?order=asc:metadata.name&after="
                        + urlCursor("{\"offset\":0,\"after\":\"component:default/x\"}"))
                .then()
                .statusCode(400)
                .body("error.message", containsString("first page"));
        for (String cursor : List.of(
                "%%%",
                Base64.getEncoder()
                        .encodeToString("{\"query\":null,\"offset\":0,\"after\":\"a\",\"before\":\"b\"}"
                                .getBytes(StandardCharsets.UTF_8)))) {
            Paging.assertRefusedByPost(cursor);
        }
    }
}
