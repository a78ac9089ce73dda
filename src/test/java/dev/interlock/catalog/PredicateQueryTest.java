package dev.interlock.catalog;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Backstage's predicate queries (POST by-query, POST entity-facets, by-refs with a query) over entities of its own. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredicateQueryTest {

    private final String tag = unique("p").toLowerCase();
    private final String a = unique("alpha"), b = unique("beta"), c = unique("gamma");

    private boolean registered;

    @BeforeEach
    void registerEntities() {
        if (registered) {
            return;
        }
        registered = true;
        register(entity(a, "service", "production", "java")).statusCode(201);
        register(entity(b, "website", "experimental", "python")).statusCode(201);
        register(entity(c, "library", "production", "java") + "  system: payments-core\n")
                .statusCode(201);
    }

    private String entity(String name, String type, String lifecycle, String language) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  tags: [%s, %s]
                spec:
                  type: %s
                  lifecycle: %s
                  owner: revops
                """.formatted(name, tag, language, type, lifecycle);
    }

    private Response query(Object body) {
        return as("bob").contentType("application/json").body(body).post("/api/catalog/entities/by-query");
    }

    private Map<String, Object> mine(Object predicate) {
        return Map.of("$all", List.of(Map.of("metadata.tags", Map.of("$contains", tag)), predicate));
    }

    @Test
    void operatorsMatchAsBackstageDefinesThem() {
        query(Map.of(
                        "query",
                        mine(Map.of("spec.type", Map.of("$in", List.of("SERVICE", "website")))),
                        "orderBy",
                        List.of(Map.of("field", "metadata.name", "order", "asc"))))
                .then()
                .statusCode(200)
                .body("items.metadata.name", contains(a, b))
                .body("totalItems", equalTo(2));
        query(Map.of("query", mine(Map.of("$not", Map.of("spec.lifecycle", "production")))))
                .then()
                .body("items.metadata.name", contains(b));
        query(Map.of(
                        "query",
                        mine(Map.of(
                                "$any",
                                List.of(
                                        Map.of("spec.system", Map.of("$exists", true)),
                                        Map.of("metadata.tags", Map.of("$contains", "python")))))))
                .then()
                .body("items.metadata.name", containsInAnyOrder(b, c));
        query(Map.of("query", mine(Map.of("spec.system", Map.of("$exists", false), "kind", "Component"))))
                .then()
                .body("items.metadata.name", containsInAnyOrder(a, b));
        query(Map.of(
                        "query",
                        mine(Map.of(
                                "metadata.name",
                                Map.of("$hasPrefix", a.substring(0, 8).toUpperCase())))))
                .then()
                .body("items.metadata.name", contains(a));
        query(Map.of(
                        "query",
                        mine(Map.of(
                                "relations",
                                Map.of("$contains", Map.of("type", "ownedBy", "targetRef", "group:default/revops"))))))
                .then()
                .body("totalItems", equalTo(3));
        query(Map.of("query", Map.of("$all", List.of(), "kind", "x")))
                .then()
                .statusCode(400)
                .body("error.message", containsString("only key"));
        query(Map.of("query", Map.of("kind", Map.of("$regex", ".*")))).then().statusCode(400);
        // A NUL character, in a value or a field path, matches nothing and is refused (PostgreSQL refused it: a 500).
        for (Object nul : List.<Object>of(
                Map.of("metadata.name", "a\0"),
                Map.of("metadata.tags", Map.of("$in", List.of("x", "a\0"))),
                Map.of("$not", Map.of("metadata.name\0", Map.of("$exists", true))))) {
            query(Map.of("query", nul)).then().statusCode(400).body("error.message", containsString("NUL character"));
        }
        // Queries larger than anyone asks are refused before the database sees them (they exhausted its memory).
        List<Map<String, String>> orderBy = java.util.stream.IntStream.range(0, 11)
                .mapToObj(i -> Map.of("field", "f" + i, "order", "asc"))
                .toList();
        query(Map.of("orderBy", orderBy))
                .then()
                .statusCode(400)
                .body("error.message", containsString("at most 10 fields"));
        List<String> names = java.util.stream.IntStream.range(0, 10_001)
                .mapToObj(i -> "n" + i)
                .toList();
        query(Map.of("query", Map.of("metadata.name", Map.of("$in", names))))
                .then()
                .statusCode(400)
                .body("error.message", containsString("10001 conditions and $in values"));
        query(Map.of("query", Map.of("metadata.name", Map.of("$in", names.subList(0, 10_000)))))
                .then()
                .statusCode(200);
        as("bob")
                .contentType("application/json")
                .body("{\"facets\": [null]}")
                .post("/api/catalog/entity-facets")
                .then()
                .statusCode(400)
                .body("error.message", containsString("one is empty"));
        // Broken JSON says where; JSON of the wrong shape names the field.
        as("bob")
                .contentType("application/json")
                .body("{\"query\": {\"kind\":")
                .post("/api/catalog/entities/by-query")
                .then()
                .statusCode(400)
                .body("error.message", containsString("(line 1, column"));
        as("bob")
                .contentType("application/json")
                .body("{\"facets\": \"kind\"}")
                .post("/api/catalog/entity-facets")
                .then()
                .statusCode(400)
                .body("error.message", containsString("at \"facets\""));
    }

    @Test
    void pagesWithCursorsFullTextAndFieldsLikeTheGetForm() {
        Response first = query(Map.of(
                "query",
                mine(Map.of("kind", "component")),
                "limit",
                2,
                "orderBy",
                List.of(Map.of("field", "metadata.name", "order", "desc")),
                "fields",
                List.of("metadata.name")));
        first.then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("totalItems", equalTo(3))
                .body("items[0].metadata.name", equalTo(c))
                .body("items[0].spec", nullValue());
        String cursor = first.jsonPath().getString("pageInfo.nextCursor");
        // Backstage's client routes a cursor to the POST form when it decodes (atob) to JSON with a "query" key.
        assertTrue(new String(java.util.Base64.getDecoder().decode(cursor)).contains("\"query\""));
        query(Map.of("cursor", cursor, "limit", 2))
                .then()
                .statusCode(200)
                .body("items.metadata.name", contains(a))
                .body("pageInfo.nextCursor", nullValue());
        query(Map.of("query", mine(Map.of("kind", "component")), "fullTextFilter", Map.of("term", b.substring(0, 10))))
                .then()
                .body("items.metadata.name", contains(b));
        // The same question asked with the GET filter answers the same.
        List<String> viaGet = as("bob")
                .get("/api/catalog/entities/by-query?filter=metadata.tags=" + tag
                        + ",spec.lifecycle=production&orderField=metadata.name,asc")
                .jsonPath()
                .getList("items.metadata.name");
        List<String> viaPost = query(Map.of(
                        "query",
                        mine(Map.of("spec.lifecycle", "production")),
                        "orderBy",
                        List.of(Map.of("field", "metadata.name", "order", "asc"))))
                .jsonPath()
                .getList("items.metadata.name");
        assertEquals(viaGet, viaPost);
    }

    @Test
    void facetsAndByRefsTakeAQuery() {
        as("bob")
                .contentType("application/json")
                .body(Map.of("facets", List.of("spec.lifecycle"), "query", Map.of("metadata.tags", tag)))
                .post("/api/catalog/entity-facets")
                .then()
                .statusCode(200)
                .body("facets.'spec.lifecycle'.find { it.value == 'production' }.count", equalTo(2))
                .body("facets.'spec.lifecycle'.find { it.value == 'experimental' }.count", equalTo(1));
        as("bob")
                .contentType("application/json")
                .body(Map.of(
                        "entityRefs",
                        List.of("component:default/" + a, "component:default/" + b, "component:default/nope"),
                        "query",
                        Map.of("spec.type", "website")))
                .post("/api/catalog/entities/by-refs")
                .then()
                .statusCode(200)
                .body("items[0]", nullValue())
                .body("items[1].metadata.name", equalTo(b))
                .body("items[2]", nullValue());
    }

    @Test
    void inMemoryEvaluationFollowsBackstage() {
        Predicate p = Predicate.parse(Map.of("metadata.annotations.backstage.io/orphan", "TRUE", "spec.n", 7));
        assertTrue(p.matches(Map.of(
                "metadata", Map.of("annotations", Map.of("backstage.io/orphan", "true")), "spec", Map.of("n", "7"))));
        assertFalse(p.matches(Map.of("metadata", Map.of())));
        assertTrue(
                Predicate.parse(Map.of("tags", Map.of("$contains", "Java"))).matches(Map.of("tags", List.of("java"))));
        assertTrue(Predicate.parse(Map.of("$not", Map.of("x", Map.of("$exists", true))))
                .matches(Map.of()));
    }
}
