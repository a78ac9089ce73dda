package dev.interlock.catalog;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Queries over a small set of entities of this test's own (a unique tag keeps other tests' entities out). */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiTest {

    private final String tag = unique("q").toLowerCase();
    private final List<String> names = new ArrayList<>();

    @BeforeEach
    void registerTestEntities() {
        if (!names.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            String name = tag + "-" + (char) ('a' + i);
            names.add(name);
            String family = i % 2 == 0 ? "data" : "delivery";
            body.append(component(name, i < 3 ? "group:revops" : "group:platform", """
                    system: sys-%s
                    pipeline:
                      family: %s
                      platform: %s
                    """.formatted(
                                    tag, family, i < 4 ? "fivetran" : "argo"))
                    .replace(
                            "  name: " + name,
                            "  name: " + name + "\n  title: Pipeline number " + i + "\n  tags: [" + tag + "]")
                    .replace("type: service", "type: " + (i < 5 ? "pipeline" : "service")));
            body.append("---\n");
        }
        register(body.toString()).statusCode(201).body("entities", hasSize(7));
    }

    private Response query(String params) {
        return as("bob").get("/api/catalog/entities/by-query?filter=metadata.tags=" + tag + params);
    }

    @Test
    void filtersOnNestedSpecFieldsCaseInsensitively() {
        query(",spec.pipeline.family=DATA&limit=50")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(4))
                .body("items.metadata.name", contains(names.get(0), names.get(2), names.get(4), names.get(6)));
        query(",Kind=Component,spec.type=pipeline,spec.pipeline.platform=argo")
                .then()
                .body("totalItems", equalTo(1));
    }

    @Test
    void repeatedKeysMeanAnyOfAndSeveralFiltersMeanOr() {
        query(",spec.pipeline.platform=argo,spec.pipeline.platform=fivetran")
                .then()
                .body("totalItems", equalTo(7));
        as("bob")
                .get("/api/catalog/entities/by-query?filter=metadata.name=" + names.get(0) + "&filter=metadata.name="
                        + names.get(1))
                .then()
                .body("totalItems", equalTo(2));
    }

    @Test
    void aBareKeyMeansTheFieldExists() {
        query(",spec.pipeline.platform").then().body("totalItems", equalTo(7));
        query(",spec.doesnotexist").then().body("totalItems", equalTo(0));
    }

    @Test
    void filtersOnRelations() {
        query(",relations.ownedBy=group:default/revops").then().body("totalItems", equalTo(3));
    }

    @Test
    void projectsFields() {
        query("&fields=metadata.name,spec.pipeline.family&limit=1")
                .then()
                .body("items[0].metadata.name", equalTo(names.get(0)))
                .body("items[0].spec.pipeline.family", equalTo("data"))
                .body("items[0]", not(hasKey("kind")))
                .body("items[0].metadata", not(hasKey("uid")));
    }

    @Test
    void ordersByAnyField() {
        query("&orderField=metadata.title,desc&limit=2")
                .then()
                .body("items.metadata.name", contains(names.get(6), names.get(5)));
        as("bob")
                .get("/api/catalog/entities?filter=metadata.tags=" + tag + "&order=desc:metadata.name&limit=1")
                .then()
                .body("metadata.name", contains(names.get(6)));
    }

    @Test
    void pagesWithCursorsBothWays() {
        Response first = query("&limit=3");
        first.then().body("totalItems", equalTo(7)).body("pageInfo", not(hasKey("prevCursor")));
        String next = first.path("pageInfo.nextCursor");
        Response second = as("bob").get("/api/catalog/entities/by-query?limit=3&cursor=" + next);
        second.then().body("items.metadata.name", contains(names.get(3), names.get(4), names.get(5)));
        Response third =
                as("bob").get("/api/catalog/entities/by-query?limit=3&cursor=" + second.path("pageInfo.nextCursor"));
        third.then().body("items.metadata.name", contains(names.get(6))).body("pageInfo", not(hasKey("nextCursor")));
        as("bob")
                .get("/api/catalog/entities/by-query?limit=3&cursor=" + second.path("pageInfo.prevCursor"))
                .then()
                .body("items.metadata.name", contains(names.get(0), names.get(1), names.get(2)));
        as("bob")
                .get("/api/catalog/entities/by-query?cursor=not-a-cursor")
                .then()
                .statusCode(400)
                .body("error.message", containsString("cursor"));
    }

    /** Backstage's client sends an offset with its first request ({@code queryEntities({offset})}); cursors follow. */
    @Test
    void aFirstPageStartsAtItsOffset() {
        Response page = query("&orderField=metadata.name,asc&limit=2&offset=3&fields=metadata.name");
        page.then()
                .body("items.metadata.name", contains(names.get(3), names.get(4)))
                .body("totalItems", equalTo(7));
        as("bob")
                .get("/api/catalog/entities/by-query?limit=2&cursor=" + page.path("pageInfo.nextCursor"))
                .then()
                .body("items.metadata.name", contains(names.get(5), names.get(6)));
        as("bob")
                .get("/api/catalog/entities/by-query?limit=2&cursor=" + page.path("pageInfo.prevCursor"))
                .then()
                .body("items.metadata.name", contains(names.get(1), names.get(2)));
        query("&offset=-1").then().statusCode(400).body("error.message", containsString("offset"));
    }

    @Test
    void listPagesFollowTheLinkHeader() {
        List<String> seen = new ArrayList<>();
        String url = "/api/catalog/entities?filter=metadata.tags=" + tag + "&limit=3&fields=metadata.name";
        int pages = 0;
        while (url != null) {
            // The Link is used as given: RestAssured must not re-encode it.
            Response r = as("bob").urlEncodingEnabled(false).get(url);
            r.then().statusCode(200);
            seen.addAll(r.jsonPath().getList("metadata.name"));
            String link = r.header("Link");
            url = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(names, seen);
        as("bob")
                .get("/api/catalog/entities?filter=metadata.tags=" + tag + "&offset=5")
                .then()
                .body("metadata.name", contains(names.get(5), names.get(6)));
    }

    /** Backstage's clients put filters in the query: a long one is read, as Backstage's backend reads it. */
    @Test
    void aLongQueryIsRead() {
        String names = java.util.stream.IntStream.range(0, 450)
                .mapToObj(i -> "metadata.name=no-such-" + i)
                .collect(java.util.stream.Collectors.joining(","));
        as("bob")
                .get("/api/catalog/entities?filter=" + names)
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    /** A request with an empty {@code Host} header has no host to build links from: they stay relative. */
    @Test
    void anEmptyHostHeaderStillGivesAUsableLink() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String credentials = java.util.Base64.getEncoder()
                    .encodeToString("bob:bob".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream()
                    .write(("GET /api/catalog/entities?limit=1 HTTP/1.1\r\nHost: \r\nAuthorization: Basic "
                                    + credentials + "\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
            org.junit.jupiter.api.Assertions.assertTrue(
                    head.toLowerCase(java.util.Locale.ROOT).contains("\nlink: </api/catalog/entities?limit=1&after="),
                    head);
        }
    }

    @Test
    void searchesFullText() {
        query("&fullTextFilterTerm=NUMBER 3")
                .then()
                .body("totalItems", equalTo(1))
                .body("items[0].metadata.name", equalTo(names.get(3)));
        query("&fullTextFilterTerm=fivetran&fullTextFilterFields=spec.pipeline.platform")
                .then()
                .body("totalItems", equalTo(4));
        query("&fullTextFilterTerm=fivetran&fullTextFilterFields=metadata.title")
                .then()
                .body("totalItems", equalTo(0));
        query("&fullTextFilterTerm=100%25_").then().body("totalItems", equalTo(0));
    }

    @Test
    void countsFacets() {
        as("bob")
                .get("/api/catalog/entity-facets?facet=spec.type&facet=spec.pipeline.platform&filter=metadata.tags="
                        + tag)
                .then()
                .statusCode(200)
                .body("facets.'spec.type'.find { it.value == 'pipeline' }.count", equalTo(5))
                .body("facets.'spec.type'.find { it.value == 'service' }.count", equalTo(2))
                .body("facets.'spec.pipeline.platform'.find { it.value == 'argo' }.count", equalTo(3));
        as("bob").get("/api/catalog/entity-facets").then().statusCode(400);
    }

    /**
     * Counts are kept per question until the catalog changes; questions that print alike are still told apart: a
     * filter for an empty value from one for any value, in either order, and two facets from one whose name holds a
     * line break.
     */
    @Test
    void countsKeptForOneQuestionAnswerNoOther() {
        query(",spec.system=&limit=1").then().statusCode(200).body("totalItems", equalTo(0));
        query(",spec.system&limit=1").then().statusCode(200).body("totalItems", equalTo(7));
        query(",spec.lifecycle&limit=1").then().statusCode(200).body("totalItems", equalTo(7));
        query(",spec.lifecycle=&limit=1").then().statusCode(200).body("totalItems", equalTo(0));

        String facets = "/api/catalog/entity-facets?facet=kind&filter=metadata.tags=" + tag + ",spec.owner";
        as("bob").get(facets + "=").then().statusCode(200).body("facets.kind", hasSize(0));
        as("bob").get(facets).then().statusCode(200).body("facets.kind[0].count", equalTo(7));

        String both = "/api/catalog/entity-facets?facet=spec.type&facet=kind&filter=metadata.tags=" + tag;
        as("bob").get(both).then().statusCode(200).body("facets.kind[0].count", equalTo(7));
        Map<String, Object> oneFacet = as("bob")
                .queryParam("facet", "spec.type\nkind")
                .queryParam("filter", "metadata.tags=" + tag)
                .get("/api/catalog/entity-facets")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("facets");
        assertEquals(Map.of("spec.type\nkind", List.of()), oneFacet);
    }

    @Test
    void countsFacetsOfEveryFormAskedTogether() {
        as("bob")
                .get("/api/catalog/entity-facets?facet=Spec.Type&facet=relations.ownedBy&facet=spec.pipeline.platform"
                        + "&facet=metadata.namespace&facet=spec.type&filter=metadata.tags=" + tag)
                .then()
                .statusCode(200)
                .body(
                        "facets.keySet()",
                        contains(
                                "Spec.Type",
                                "relations.ownedBy",
                                "spec.pipeline.platform",
                                "metadata.namespace",
                                "spec.type"))
                .body("facets.'Spec.Type'.value", contains("pipeline", "service"))
                .body("facets.'Spec.Type'.count", contains(5, 2))
                .body("facets.'spec.type'.count", contains(5, 2))
                .body("facets.'spec.pipeline.platform'.value", contains("fivetran", "argo"))
                .body("facets.'spec.pipeline.platform'.count", contains(4, 3))
                .body("facets.'relations.ownedBy'.value", contains("group:default/platform", "group:default/revops"))
                .body("facets.'relations.ownedBy'.count", contains(4, 3))
                .body("facets.'metadata.namespace'.count", contains(7));
    }

    @Test
    void countsAsManyFacetsAsOneRequestNames() {
        // More fields than one statement may bind on PostgreSQL (65,535): the fields are counted in batches.
        List<String> facets = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            facets.add("spec.field" + i);
        }
        facets.add("spec.type");
        as("bob")
                .contentType("application/json")
                .body(Map.of("facets", facets))
                .post("/api/catalog/entity-facets")
                .then()
                .statusCode(200)
                .body("facets.size()", equalTo(70_001))
                .body("facets.'spec.field69999'", hasSize(0))
                .body("facets.'spec.type'.value", hasItem("pipeline"));
    }

    @Test
    void facetCountsFollowEveryChange() {
        String name = unique("fc");
        String uid = register(component(name, "group:revops", null).replace("type: service", "type: " + name))
                .statusCode(201)
                .extract()
                .path("entities[0].uid");
        as("bob")
                .get("/api/catalog/entity-facets?facet=spec.type")
                .then()
                .body("facets.'spec.type'.find { it.value == '" + name + "' }.count", equalTo(1));
        as("alice").delete("/api/catalog/entities/by-uid/" + uid).then().statusCode(204);
        as("bob")
                .get("/api/catalog/entity-facets?facet=spec.type")
                .then()
                .body("facets.'spec.type'.find { it.value == '" + name + "' }", nullValue());
    }

    @Test
    void looksUpByRefsInRequestOrder() {
        as("bob")
                .contentType("application/json")
                .body(Map.of(
                        "entityRefs",
                        List.of(
                                "component:default/" + names.get(1),
                                "component:default/nope",
                                "Component:Default/" + names.get(0).toUpperCase()),
                        "fields",
                        List.of("metadata.name")))
                .post("/api/catalog/entities/by-refs")
                .then()
                .statusCode(200)
                .body("items[0].metadata.name", equalTo(names.get(1)))
                .body("items[1]", nullValue())
                .body("items[2].metadata.name", equalTo(names.get(0)));
        // Filters in the query, as Backstage's client sends them: what they do not match is null.
        as("bob")
                .contentType("application/json")
                .body(Map.of("entityRefs", List.of("component:default/" + names.get(1), "group:default/revops")))
                .queryParam("filter", "kind=group")
                .post("/api/catalog/entities/by-refs")
                .then()
                .statusCode(200)
                .body("items[0]", nullValue())
                .body("items[1].metadata.name", equalTo("revops"));
        as("bob")
                .contentType("application/json")
                .body(Map.of("entityRefs", List.of("no-kind")))
                .post("/api/catalog/entities/by-refs")
                .then()
                .statusCode(400)
                .body("error.message", containsString("entityRefs.0"));
    }

    @Test
    void answersUnknownEntitiesWith404InBackstagesShape() {
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/does-not-exist")
                .then()
                .statusCode(404)
                .body("error.name", equalTo("NotFoundError"))
                .body("error.message", equalTo("no entity component:default/does-not-exist in the catalog"))
                .body("request.method", equalTo("GET"))
                .body("request.url", equalTo("/api/catalog/entities/by-name/component/default/does-not-exist"))
                .body("response.statusCode", equalTo(404));
    }

    @Test
    void refusesMalformedQueryParameters() {
        as("bob")
                .queryParam("filter", "=x")
                .get("/api/catalog/entities")
                .then()
                .statusCode(400)
                .body("error.message", containsString("without a key"));
        as("bob")
                .get("/api/catalog/entities/by-query?orderField=metadata.name,sideways")
                .then()
                .statusCode(400);
        as("bob").get("/api/catalog/entities?limit=-1").then().statusCode(400);
        // Backstage requires the direction of an order: a field alone is refused, not read as ascending.
        as("bob")
                .get("/api/catalog/entities?order=metadata.name")
                .then()
                .statusCode(400)
                .body(
                        "error.message",
                        equalTo("order \"metadata.name\" is not valid; expected asc:<field> or desc:<field>"));
    }

    @Test
    void servesRelationsInBackstagesShape() {
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/{n}", names.get(0))
                .then()
                .body("relations.type", hasItem("ownedBy"))
                .body("relations.find { it.type == 'ownedBy' }.targetRef", equalTo("group:default/revops"))
                .body("relations.find { it.type == 'ownedBy' }.target.kind", equalTo("group"))
                .body("relations.target.namespace", everyItem(equalTo("default")));
    }

    @Test
    void servesARelationBothEndsDeclareOnceAndRelationsInOrder() {
        String a = unique("rel-a");
        String b = unique("rel-b");
        register(component(a, "group:revops", "dependsOn: [component:" + b + "]\nsystem: sys-" + tag) + "---\n"
                        + component(b, "group:revops", "dependencyOf: [component:" + a + "]"))
                .statusCode(201);
        // ownedBy, partOf and dependsOn from a's spec; dependsOn again, read backwards, from b's dependencyOf.
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/{n}", a)
                .then()
                .statusCode(200)
                .body("relations.type", contains("dependsOn", "ownedBy", "partOf"))
                .body(
                        "relations.targetRef",
                        contains("component:default/" + b, "group:default/revops", "system:default/sys-" + tag));
        as("bob")
                .get("/api/catalog/entities/by-query?filter=metadata.name=" + b)
                .then()
                .statusCode(200)
                .body("items[0].relations.type", contains("dependencyOf", "ownedBy"));
    }

    @Test
    void servesStoredBodiesAsTheyReadBack() {
        // Pages and by-name write each stored body as its text with the relations added; a projection of every field
        // reads the body back and writes it field by field. Both must give the same entities.
        List<Map<String, Object>> asStored =
                query("&limit=50").then().statusCode(200).extract().path("items");
        List<Map<String, Object>> readBack = query("&limit=50&fields=apiVersion,kind,metadata,spec,relations")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        assertEquals(7, asStored.size());
        assertEquals(readBack, asStored);
        Map<String, Object> one = as("bob")
                .get("/api/catalog/entities/by-name/component/default/" + names.get(2))
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        assertEquals(asStored.get(2), one);
        String uid = (String) ((Map<?, ?>) one.get("metadata")).get("uid");
        Map<String, Object> byUid = as("bob")
                .get("/api/catalog/entities/by-uid/" + uid)
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        assertEquals(one, byUid);
    }
}
