package dev.interlock.registration;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistrationApiTest {

    private static JsonPath entity(String kind, String name) {
        return as("bob")
                .get("/api/catalog/entities/by-name/{k}/default/{n}", kind, name)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void createsThenReportsUnchangedThenUpdatesKeepingTheUid() {
        String name = unique("svc");
        String uid = register(component(name, "group:revops", null))
                .statusCode(201)
                .body("entities[0].action", equalTo("created"))
                .body("entities[0].ref", equalTo("component:default/" + name))
                .extract()
                .path("entities[0].uid");
        JsonPath first = entity("component", name);
        assertEquals(uid, first.getString("metadata.uid"));
        assertEquals(1, first.getInt("metadata.generation"));
        assertEquals("api:alice", first.getString("metadata.annotations.'backstage.io/managed-by-location'"));

        register(component(name, "group:revops", null))
                .statusCode(201)
                .body("entities[0].action", equalTo("unchanged"))
                .body("entities[0].uid", equalTo(uid));
        assertEquals(first.getString("metadata.etag"), entity("component", name).getString("metadata.etag"));

        register(component(name, "group:revops", null).replace("production", "deprecated"))
                .statusCode(201)
                .body("entities[0].action", equalTo("updated"))
                .body("entities[0].uid", equalTo(uid));
        JsonPath second = entity("component", name);
        assertEquals(uid, second.getString("metadata.uid"));
        assertNotEquals(first.getString("metadata.etag"), second.getString("metadata.etag"));
        assertEquals(2, second.getInt("metadata.generation"));
        assertEquals("deprecated", second.getString("spec.lifecycle"));

        as("bob")
                .get("/api/catalog/entities/by-name/component/default/{n}/history", name)
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].action", equalTo("updated"))
                .body("items[0].actor", equalTo("alice"))
                .body("items[0].changedFields", contains("spec.lifecycle"))
                .body("items[1].action", equalTo("created"));
    }

    @Test
    void aStaleEtagIsAConflictAndChangesNothing() {
        String name = unique("svc");
        register(component(name, "group:revops", null)).statusCode(201);
        String etag = entity("component", name).getString("metadata.etag");
        register(component(name, "group:revops", null).replace("production", "experimental"))
                .statusCode(201);

        String stale = component(name, "group:revops", null)
                .replace("production", "deprecated")
                .replace("  name: " + name, "  name: " + name + "\n  etag: " + etag);
        register(stale)
                .statusCode(409)
                .body("error.name", equalTo("ConflictError"))
                .body("error.message", containsString(etag))
                .body("response.statusCode", equalTo(409));
        as("alice")
                .contentType("application/yaml")
                .header("If-Match", "\"" + etag + "\"")
                .body(component(name, "group:revops", null))
                .post("/api/catalog/entities")
                .then()
                .statusCode(409);
        assertEquals("experimental", entity("component", name).getString("spec.lifecycle"));

        String current = entity("component", name).getString("metadata.etag");
        register(component(name, "group:revops", null)
                        .replace("  name: " + name, "  name: " + name + "\n  etag: " + current))
                .statusCode(201)
                .body("entities[0].action", equalTo("updated"));
    }

    @Test
    void aDryRunSaysWhatWouldHappenAndStoresNothing() {
        String name = unique("svc");
        as("alice")
                .contentType("application/yaml")
                .body(component(name, "group:revops", null))
                .post("/api/catalog/entities?dryRun=true")
                .then()
                .statusCode(200)
                .body("dryRun", equalTo(true))
                .body("entities[0].action", equalTo("created"))
                .body("entities[0].uid", nullValue());
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/{n}", name)
                .then()
                .statusCode(404);
    }

    /** {@code ?dryRun} and {@code ?dryRun=} ask for a dry run too: a write must not happen by a reading mistake. */
    @Test
    void aDryRunFlagWithoutAValueIsADryRun() {
        String name = unique("svc");
        for (String query : List.of("dryRun", "dryRun=")) {
            as("alice")
                    .contentType("application/yaml")
                    .body(component(name, "group:revops", null))
                    .post("/api/catalog/entities?" + query)
                    .then()
                    .statusCode(200)
                    .body("dryRun", equalTo(true));
        }
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/{n}", name)
                .then()
                .statusCode(404);
    }

    @Test
    void aDeletionWithAStaleIfMatchIsAConflictAndDeletesNothing() {
        String name = unique("svc");
        register(component(name, "group:revops", null)).statusCode(201);
        JsonPath stored = entity("component", name);
        String uid = stored.getString("metadata.uid");
        as("alice")
                .header("If-Match", "\"stale\"")
                .delete("/api/catalog/entities/by-uid/{uid}", uid)
                .then()
                .statusCode(409)
                .body("error.name", equalTo("ConflictError"))
                .body("error.message", containsString(stored.getString("metadata.etag")))
                .body("error.message", containsString("nothing was deleted"));
        assertEquals(uid, entity("component", name).getString("metadata.uid"));
        as("alice")
                .header("If-Match", "\"" + stored.getString("metadata.etag") + "\"")
                .delete("/api/catalog/entities/by-uid/{uid}", uid)
                .then()
                .statusCode(204);
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/{n}", name)
                .then()
                .statusCode(404);
    }

    @Test
    void oneInvalidDocumentRefusesTheWholeBody() {
        String good = unique("good");
        String body = component(good, "group:revops", null) + "---\n" + """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: bad name
                spec:
                  type: service
                  owner: group:payments
                """;
        register(body)
                .statusCode(400)
                .body("error.name", equalTo("InputError"))
                .body("errors", hasSize(2))
                .body("errors[0].document", equalTo(2))
                .body("errors[0].line", equalTo(13))
                .body("errors[0].field", equalTo("metadata.name"))
                .body("errors[0].message", containsString("but found \"bad name\""))
                .body("errors[1].field", equalTo("spec.lifecycle"));
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/{n}", good)
                .then()
                .statusCode(404);
    }

    @Test
    void theSameNameTwiceInOneBodyIsRefused() {
        String name = unique("twice");
        register(component(name, "group:a", null) + "---\n" + component(name.toUpperCase(), "group:b", null))
                .statusCode(400)
                .body("errors[0].document", equalTo(2))
                .body("errors[0].message", containsString("already defined in document 1 (line 4)"));
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/{n}", name)
                .then()
                .statusCode(404);
    }

    @Test
    void acceptsJsonObjectsAndArrays() {
        String a = unique("json");
        String b = unique("json");
        Map<String, Object> one = Map.of(
                "apiVersion",
                "backstage.io/v1alpha1",
                "kind",
                "Component",
                "metadata",
                Map.of("name", a),
                "spec",
                Map.of("type", "service", "lifecycle", "production", "owner", "team-x"));
        as("alice")
                .contentType("application/json")
                .body(one)
                .post("/api/catalog/entities")
                .then()
                .statusCode(201)
                .body("entities[0].action", equalTo("created"));
        Map<String, Object> two = Map.of(
                "apiVersion",
                "backstage.io/v1alpha1",
                "kind",
                "Group",
                "metadata",
                Map.of("name", b),
                "spec",
                Map.of("type", "team", "children", List.of()));
        as("alice")
                .contentType("application/json")
                .body(List.of(two, one))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201)
                .body("entities.action", contains("created", "unchanged"));
    }

    @Test
    void deletesByUidAndRecordsIt() {
        String name = unique("gone");
        String uid = register(component(name, "group:revops", null))
                .statusCode(201)
                .extract()
                .path("entities[0].uid");
        as("bob").delete("/api/catalog/entities/by-uid/{u}", uid).then().statusCode(403);
        as("alice").delete("/api/catalog/entities/by-uid/{u}", uid).then().statusCode(204);
        as("bob")
                .get("/api/catalog/entities/by-uid/{u}", uid)
                .then()
                .statusCode(404)
                .body("error.name", equalTo("NotFoundError"));
        as("alice").delete("/api/catalog/entities/by-uid/{u}", uid).then().statusCode(404);
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/{n}/history", name)
                .then()
                .body("items[0].action", equalTo("deleted"))
                .body("items[0].actor", equalTo("alice"));
    }

    @Test
    void validatesOneEntityLikeBackstage() {
        Map<String, Object> ok = Map.of(
                "entity",
                Map.of(
                        "apiVersion",
                        "backstage.io/v1alpha1",
                        "kind",
                        "Component",
                        "metadata",
                        Map.of("name", "x"),
                        "spec",
                        Map.of("type", "a", "lifecycle", "b", "owner", "c")),
                "location",
                "url:https://example.com/catalog-info.yaml");
        as("bob")
                .contentType("application/json")
                .body(ok)
                .post("/api/catalog/validate-entity")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true));
        Map<String, Object> bad = Map.of(
                "entity",
                Map.of(
                        "apiVersion",
                        "backstage.io/v1alpha1",
                        "kind",
                        "Component",
                        "metadata",
                        Map.of("name", "x"),
                        "spec",
                        Map.of("type", "a", "lifecycle", "b")),
                "location",
                "url:x");
        as("bob")
                .contentType("application/json")
                .body(bad)
                .post("/api/catalog/validate-entity")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("spec.owner"))
                .body("errors[0].message", containsString("\"spec.owner\" must have a value"));
        // The location is a url:<target> reference, as Backstage requires; anything else is refused in its words.
        as("bob")
                .contentType("application/json")
                .body(Map.of("entity", ok.get("entity"), "location", " url: https://example.com/x.yaml "))
                .post("/api/catalog/validate-entity")
                .then()
                .statusCode(200);
        for (Object location : Arrays.asList("garbage", "file:/x", "url:  ", ":x", "https://x/y.yaml", 42, null)) {
            Map<String, Object> body = new HashMap<>(ok);
            body.put("location", location);
            as("bob")
                    .contentType("application/json")
                    .body(body)
                    .post("/api/catalog/validate-entity")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("location"))
                    .body(
                            "errors[0].message",
                            location instanceof String
                                    ? containsString("url:")
                                    : containsString("\"location\" must be a location reference"));
        }
    }

    @Test
    void referencesToMissingEntitiesResolveWhenTheyArrive() {
        String pipeline = unique("pipe");
        String table = unique("table");
        register(component(pipeline, "group:revops", """
                type: pipeline
                pipeline:
                  family: data
                  inputs: [resource:%s]
                  maintainers: [user:ana]
                """.formatted(table)).replace("  type: service\n", ""))
                .statusCode(201);
        assertEquals(
                List.of("resource:default/" + table),
                entity("component", pipeline).getList("relations.findAll { it.type == 'readsFrom' }.targetRef"));
        as("bob")
                .get("/api/catalog/entities/by-name/resource/default/{n}", table)
                .then()
                .statusCode(404);

        register("""
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: {name: %s}
                spec: {type: warehouse-table, owner: group:data-engineering}
                """.formatted(table)).statusCode(201);
        as("bob")
                .get("/api/catalog/entities/by-name/resource/default/{n}", table)
                .then()
                .statusCode(200)
                .body("relations.findAll { it.type == 'readBy' }.targetRef", contains("component:default/" + pipeline))
                .body("relations.type", hasItem("ownedBy"));
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/{n}", pipeline)
                .then()
                .body("relations.findAll { it.type == 'readsFrom' }.targetRef", contains("resource:default/" + table))
                .body("relations.findAll { it.type == 'maintainedBy' }.target.kind", contains("user"))
                .body("relations.type", not(hasItem("writesTo")));
    }

    @Test
    void unknownKindsAreStoredWithAWarning() {
        String name = unique("env");
        register("""
                apiVersion: backstage.io/v1alpha1
                kind: Environment
                metadata: {name: %s}
                spec: {lifecycle: production}
                """.formatted(name))
                .statusCode(201)
                .body("entities[0].action", equalTo("created"))
                .body("entities[0].warnings[0]", containsString("not one Interlock interprets"));
        JsonPath stored = entity("environment", name);
        assertEquals("production", stored.getString("spec.lifecycle"));
        assertEquals("warning", stored.getString("status.items[0].level"));
        as("bob")
                .get("/api/catalog/entities/by-query?filter=status.items.level=warning,metadata.name=" + name)
                .then()
                .body("totalItems", equalTo(1));
    }

    @Test
    void everyBackstageExampleFileRegisters() {
        // As admin: several files define the same entities again (the legacy acme-corp.yaml), which updates them.
        for (java.nio.file.Path file : dev.interlock.support.Corpus.exampleFiles()) {
            if (file.toString().endsWith(".oas.yaml")) {
                continue;
            }
            as("admin")
                    .contentType("application/yaml")
                    .body(dev.interlock.support.Corpus.read(file))
                    .post("/api/catalog/entities")
                    .then()
                    .statusCode(201)
                    .body("entities", notNullValue());
        }
    }
}
