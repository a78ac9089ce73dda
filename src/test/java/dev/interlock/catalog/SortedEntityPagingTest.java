package dev.interlock.catalog;

import static dev.interlock.catalog.Paging.getByQuery;
import static dev.interlock.catalog.Paging.list;
import static dev.interlock.catalog.Paging.postByQuery;
import static dev.interlock.catalog.Paging.urlCursor;
import static dev.interlock.catalog.Paging.walk;
import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.catalog.Paging.Step;

/**
 * Paging with sort fields ({@code orderField}, POST {@code orderBy}, the list's {@code order}) by keyset cursors:
 * every entity once, in order, and still once when entities are deleted or added between two page requests;
 * entities without the sort field last in either direction; ties in the sort value broken by reference (or by the
 * next sort field). Each test pages components of its own, tagged and named {@code <tag>-<letter>}, sorted by their
 * title.
 */
@QuarkusTest
class SortedEntityPagingTest {

    private final Paging paging = new Paging();

    /** Registers a component {@code <tag>-<suffix>} with this title ({@code null}: none). */
    private void add(String tag, String suffix, String title) {
        String name = tag + "-" + suffix;
        paging.register(name, """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                %s  tags: [%s]
                spec:
                  owner: group:revops
                  type: service
                  lifecycle: production
                """.formatted(name, title == null ? "" : "  title: " + title + "\n", tag));
    }

    /** The components b to g of the change tests, by suffix: the titles T1 to T3, two with none. */
    private void addSix(String tag) {
        add(tag, "b", "T2");
        add(tag, "c", "T1");
        add(tag, "d", "T3");
        add(tag, "e", "T3");
        add(tag, "f", null);
        add(tag, "g", null);
    }

    private static List<String> names(String tag, String suffixes) {
        return suffixes.chars().mapToObj(c -> tag + "-" + (char) c).toList();
    }

    /** The three pagers over the components of a tag, sorted by these {@code field,asc|desc} fields. */
    private static List<BiFunction<String, Integer, Step>> pagers(String tag, String... orderFields) {
        StringBuilder orderField = new StringBuilder();
        StringBuilder order = new StringBuilder();
        List<Map<String, String>> orderBy = new java.util.ArrayList<>();
        for (String field : orderFields) {
            String[] parts = field.split(",");
            orderField.append("&orderField=").append(field);
            order.append("&order=").append(parts[1]).append(':').append(parts[0]);
            orderBy.add(Map.of("field", parts[0], "order", parts[1]));
        }
        return List.of(
                getByQuery("metadata.tags=" + tag + orderField),
                postByQuery(tag, orderBy),
                list("metadata.tags=" + tag + order));
    }

    @Test
    void sortedPagesGiveEachEntityOnceWithoutTheFieldLast() {
        String tag = unique("ps").toLowerCase();
        add(tag, "a", "T2");
        add(tag, "b", null);
        add(tag, "c", "T1");
        add(tag, "d", "T2");
        add(tag, "e", null);
        add(tag, "f", "T3");
        add(tag, "g", "t1");
        Map<String, List<String>> expected = Map.of(
                "metadata.title,asc", names(tag, "cgadfbe"),
                "metadata.title,desc", names(tag, "fadcgbe"),
                "metadata.title,desc+metadata.name,desc", names(tag, "fdagceb"));
        expected.forEach((order, names) -> {
            for (BiFunction<String, Integer, Step> pager : pagers(tag, order.split("\\+"))) {
                for (int limit = 1; limit <= 3; limit++) {
                    assertEquals(names, walk(pager, limit), order + ", limit " + limit);
                }
            }
        });
    }

    /**
     * Page 1 is read; its last entity is deleted; page 2 is read; an entity that sorts first ({@code <tag>-a} with
     * {@code firstTitle}) is added; page 3 is read. An offset would skip one entity after the delete and repeat one
     * after the add.
     */
    private void survivesChangesBetweenPages(String firstTitle, String order, String expected) {
        String tag = unique("ps").toLowerCase();
        addSix(tag);
        List<String> names = names(tag, expected);
        for (BiFunction<String, Integer, Step> pager : pagers(tag, order.split("\\+"))) {
            Step first = pager.apply(null, 2);
            assertEquals(names.subList(0, 2), first.names());
            paging.delete(names.get(1));
            Step second = pager.apply(first.next(), 2);
            assertEquals(names.subList(2, 4), second.names(), "page 2 after a delete");
            add(tag, "a", firstTitle);
            Step third = pager.apply(second.next(), 2);
            assertEquals(names.subList(4, 6), third.names(), "page 3 after an add");
            assertNull(third.next(), "the last page has no next page");
            if (third.totalItems() >= 0) {
                assertEquals(6, third.totalItems(), "totalItems counts the entities that match now");
            }
            // Back to the six of the start for the next endpoint.
            paging.delete(tag + "-a");
            add(tag, names.get(1).substring(tag.length() + 1), names.get(1).endsWith("-b") ? "T2" : "T3");
        }
    }

    @Test
    void ascendingPagesNeitherSkipNorRepeatWhenEntitiesChangeBetweenPages() {
        survivesChangesBetweenPages("T0", "metadata.title,asc", "cbdefg");
    }

    @Test
    void descendingPagesNeitherSkipNorRepeatWhenEntitiesChangeBetweenPages() {
        // Ties (d and e) are broken by reference in either direction; entities without a title come last.
        survivesChangesBetweenPages("T4", "metadata.title,desc", "debcfg");
    }

    @Test
    void pagesOfTwoSortFieldsNeitherSkipNorRepeatWhenEntitiesChangeBetweenPages() {
        // The second field breaks ties of the first, here against the reference order.
        survivesChangesBetweenPages("T0", "metadata.title,asc+metadata.name,desc", "cbedgf");
    }

    /** Forward to the last page, back to the first; then back from page 2 again after an entity sorting first came. */
    private void prevCursorsLeadBackToTheFirstPage(
            BiFunction<String, Integer, Step> pager, List<String> names, Runnable addFirst) {
        Step first = pager.apply(null, 2);
        assertNull(first.prev(), "the first page has no page before it");
        Step second = pager.apply(first.next(), 2);
        Step third = pager.apply(second.next(), 2);
        assertEquals(names.subList(4, 6), third.names());
        assertNull(third.next());
        Step backToSecond = pager.apply(third.prev(), 2);
        assertEquals(names.subList(2, 4), backToSecond.names());
        Step backToFirst = pager.apply(backToSecond.prev(), 2);
        assertEquals(names.subList(0, 2), backToFirst.names());
        assertNull(backToFirst.prev(), "back on the first page there is no page before it");
        assertEquals(names.subList(2, 4), pager.apply(backToFirst.next(), 2).names());
        addFirst.run();
        Step before = pager.apply(second.prev(), 2);
        assertEquals(names.subList(0, 2), before.names(), "the page before page 2 is still the one read first");
        Step added = pager.apply(before.prev(), 2);
        assertEquals(1, added.names().size(), "only the entity added is before it: " + added.names());
        assertNull(added.prev());
        assertEquals(names.subList(0, 2), pager.apply(added.next(), 2).names());
    }

    @Test
    void prevCursorsLeadBackToTheFirstPageInEitherDirection() {
        for (String order : List.of("metadata.title,asc", "metadata.title,desc")) {
            String tag = unique("ps").toLowerCase();
            addSix(tag);
            List<String> names = names(tag, order.endsWith("asc") ? "cbdefg" : "debcfg");
            String firstTitle = order.endsWith("asc") ? "T0" : "T4";
            // The list endpoint has no prev link.
            for (BiFunction<String, Integer, Step> pager : pagers(tag, order).subList(0, 2)) {
                prevCursorsLeadBackToTheFirstPage(pager, names, () -> add(tag, "a", firstTitle));
                paging.delete(tag + "-a");
            }
        }
    }

    @Test
    void anOffsetCursorOfASortedQueryIsStillHonoured() {
        String tag = unique("ps").toLowerCase();
        addSix(tag);
        Paging.assertOffsetCursorHonoured(tag, "[\"metadata.title,asc\"]", names(tag, "cbdefg"), 2);
    }

    @Test
    void cursorsThatDoNotFitTheirSortAre400s() {
        for (String cursor : List.of(
                // two sort values for one sort field
                urlCursor("{\"orderFields\":[\"metadata.title,asc\"],\"offset\":0,\"after\":\"component:default/x\","
                        + "\"sortValues\":[\"a\",\"b\"]}"),
                // sort values in the default order
                urlCursor("{\"orderFields\":[],\"offset\":0,\"after\":\"component:default/x\",\"sortValues\":[\"a\"]}"),
                // sort values but no entity to start from
                urlCursor("{\"orderFields\":[\"metadata.title,asc\"],\"offset\":0,\"sortValues\":[\"a\"]}"))) {
            Paging.assertRefusedByGet(cursor);
        }
        String post = Base64.getEncoder()
                .encodeToString(("{\"query\":null,\"orderFields\":[\"metadata.title,asc\"],\"offset\":0,"
                                + "\"after\":\"component:default/x\",\"sortValues\":[]}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Paging.assertRefusedByPost(post);
        // JSON's null, which reads as no cursor at all.
        Paging.assertRefusedByGet(urlCursor("null"));
        Paging.assertRefusedByPost(urlCursor("null"));
        // The list's next link sent again with another order: its cursor holds a place in the order it was made for.
        String tag = unique("ps").toLowerCase();
        addSix(tag);
        String next = list("metadata.tags=" + tag + "&order=asc:metadata.title")
                .apply(null, 2)
                .next();
        as("bob")
                .urlEncodingEnabled(false)
                .get(next.replace("order=asc:metadata.title", "order=desc:metadata.title"))
                .then()
                .statusCode(400)
                .body("error.message", containsString("first page"));
        // A field name with a comma is refused on the first page: its next link's cursor could not be read back.
        as("bob")
                .urlEncodingEnabled(false)
                .get("/api/catalog/entities?filter=metadata.tags=" + tag + "&limit=2&order=asc:metadata.title%2Cx")
                .then()
                .statusCode(400)
                .body("error.message", containsString("a field name holds no comma"));
    }

    /**
     * Cursors a client made up that hold a NUL character (which PostgreSQL refuses in a parameter) or a null sort field
     * are 400s, not 500s; a null among the text fields names no field, and a sort value that is a number is its text.
     */
    @Test
    void madeUpCursorsWithNulOrNullEntriesAre400s() {
        String title = "{\"orderFields\":[\"metadata.title,asc\"],\"offset\":0,\"after\":\"component:default/x\",";
        Paging.assertRefusedByGet(urlCursor(title + "\"sortValues\":[\"a\\u0000\"]}"));
        Paging.assertRefusedByGet(
                urlCursor("{\"orderFields\":[],\"offset\":0,\"before\":\"component:default/x\\u0000\"}"));
        Paging.assertRefusedByPost(Base64.getEncoder()
                .encodeToString(("{\"query\":null,\"orderFields\":[\"metadata.title,asc\"],\"offset\":0,"
                                + "\"after\":\"component:default/x\",\"sortValues\":[\"\\u0000\"]}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        as("bob")
                .get("/api/catalog/entities/by-query?cursor=" + urlCursor("{\"orderFields\":[null],\"offset\":0}"))
                .then()
                .statusCode(400)
                .body("error.message", containsString("sort field"));
        as("bob")
                .contentType("application/json")
                .body("{\"orderField\":[null]}")
                .post("/api/catalog/entities/by-query")
                .then()
                .statusCode(400)
                .body("error.message", containsString("sort field"));
        as("bob")
                .get("/api/catalog/entities/by-query?cursor="
                        + urlCursor("{\"filters\":[],\"orderFields\":[],\"term\":\"x\",\"textFields\":[null],"
                                + "\"offset\":0}"))
                .then()
                .statusCode(200);
        as("bob")
                .contentType("application/json")
                .body("{\"fullTextFilter\":{\"term\":\"x\",\"fields\":[null]}}")
                .post("/api/catalog/entities/by-query")
                .then()
                .statusCode(200);
        as("bob")
                .get("/api/catalog/entities/by-query?cursor=" + urlCursor(title + "\"sortValues\":[5]}"))
                .then()
                .statusCode(200);
        // Longer than any column: compared, not stored.
        String longer = "x".repeat(20_000);
        for (String field : List.of("metadata.name", "metadata.title", "metadata.uid")) {
            for (String side : List.of("after", "before")) {
                as("bob")
                        .contentType("application/json")
                        .body(Map.of(
                                "cursor",
                                Base64.getEncoder()
                                        .encodeToString(("{\"query\":null,\"orderFields\":[\"" + field + ",desc\"],"
                                                        + "\"offset\":0,\"" + side + "\":\"" + longer + "\","
                                                        + "\"sortValues\":[\"" + longer + "\"]}")
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                        .post("/api/catalog/entities/by-query")
                        .then()
                        .statusCode(200);
            }
        }
    }
}
