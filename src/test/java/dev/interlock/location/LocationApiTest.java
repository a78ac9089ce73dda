package dev.interlock.location;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.interlock.catalog.LocationRecord;
import dev.interlock.support.FileServer;

/** The Location API against a real HTTP server of the test's own, serving files the test changes. */
@QuarkusTest
@TestProfile(PrivateLocationsProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocationApiTest {

    private final FileServer server;

    LocationApiTest() throws Exception {
        server = new FileServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Points a location at another URL target as alice. */
    static io.restassured.response.Response pointAt(String id, String target) {
        return as("alice")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", target))
                .put("/api/catalog/locations/" + id);
    }

    /** Asserts that the location's target is now this one. */
    static void assertTarget(String id, String target) {
        as("bob")
                .get("/api/catalog/locations/" + id)
                .then()
                .statusCode(200)
                .body("target", org.hamcrest.Matchers.equalTo(target));
    }

    /** Registers a URL location as this user; its id. */
    static String registered(String user, String target) {
        return as(user).contentType("application/json")
                .body(Map.of("type", "url", "target", target))
                .post("/api/catalog/locations")
                .then()
                .statusCode(201)
                .extract()
                .path("location.id");
    }

    static String component(String name, String extra) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  description: first
                spec:
                  type: service
                  lifecycle: production
                  owner: revops
                """.formatted(name) + (extra == null ? "" : extra);
    }

    static String location(String name, String... targets) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Location
                metadata:
                  name: %s
                spec:
                  targets: [%s]
                """.formatted(name, String.join(", ", targets));
    }

    private Response post(String target, boolean dryRun) {
        return as("alice")
                .contentType("application/json; charset=UTF-8")
                .body(Map.of("type", "url", "target", target))
                .post("/api/catalog/locations" + (dryRun ? "?dryRun=true" : ""));
    }

    private Map<String, Object> entity(String name) {
        return as("bob")
                .get("/api/catalog/entities/by-name/component/default/" + name)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
    }

    /**
     * Each file may be under the limit of one file and the location still too large: what it reads is held until it is
     * applied, so the total is bounded too (a location of 150 files of 4 MB ran the server out of memory).
     */
    @Test
    void aLocationReadingMoreThanItsTotalIsRefusedWithNothingStored() {
        String dir = "/" + unique("repo");
        String big = "x".repeat(900) + "\n";
        List<String> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = unique("part");
            names.add(name);
            parts.add("./part" + i + ".yaml");
            // 0.85 MB each: four of them pass the 3 MB of the test profile, none passes the 1 MB of one file.
            server.put(
                    dir + "/part" + i + ".yaml",
                    component(name, null)
                            .replace("description: first", "description: |\n" + ("    " + big).repeat(950)));
        }
        server.put(dir + "/index.yaml", location(unique("loc"), parts.toArray(String[]::new)));

        post(server.url(dir + "/index.yaml"), false)
                .then()
                .statusCode(400)
                .body("error.message", containsString("interlock.locations.max-total-size"))
                .body("error.message", containsString("part3.yaml was not read"));
        for (String name : names) {
            as("bob")
                    .get("/api/catalog/entities/by-name/component/default/" + name)
                    .then()
                    .statusCode(404);
        }
    }

    @Test
    void registersReadsNestedLocationsAndPlaceholdersWithAnnotations() {
        String a = unique("svc"), b = unique("svc"), api = unique("api"), dir = "/" + unique("repo");
        server.put(dir + "/catalog-info.yaml", component(a, null) + "---\n" + location(unique("loc"), "./more/b.yaml"));
        server.put(dir + "/more/b.yaml", component(b, null) + "---\n" + """
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata:
                  name: %s
                spec:
                  type: openapi
                  lifecycle: production
                  owner: revops
                  definition:
                    $text: ../openapi.yaml
                """.formatted(api));
        server.put(dir + "/openapi.yaml", "openapi: 3.0.0\ninfo: {title: x}\n");
        String target = server.url(dir + "/catalog-info.yaml");

        Response dry = post(target, true);
        dry.then().statusCode(201).body("exists", equalTo(false)).body("entities", hasSize(4));
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/" + a)
                .then()
                .statusCode(404);

        Response created = post(target, false);
        created.then()
                .statusCode(201)
                .body("location.target", equalTo(target))
                .body("location.type", equalTo("url"))
                .body("entities.metadata.name", hasItem(b));
        String id = created.jsonPath().getString("location.id");

        Map<String, Object> entityB = entity(b);
        @SuppressWarnings("unchecked")
        Map<String, Object> annotations =
                (Map<String, Object>) ((Map<String, Object>) entityB.get("metadata")).get("annotations");
        assertEquals("url:" + server.url(dir + "/more/b.yaml"), annotations.get("backstage.io/managed-by-location"));
        assertEquals("url:" + target, annotations.get("backstage.io/managed-by-origin-location"));
        as("bob")
                .get("/api/catalog/entities/by-name/api/default/" + api)
                .then()
                .statusCode(200)
                .body("spec.definition", equalTo("openapi: 3.0.0\ninfo: {title: x}\n"));
        assertEquals(
                PrivateLocationsProfile.TOKEN,
                server.authorization(dir + "/catalog-info.yaml").substring("Bearer ".length()));
        assertFalse(created.asString().contains(PrivateLocationsProfile.TOKEN));

        post(target, false).then().statusCode(409).body("error.name", equalTo("ConflictError"));
        post(target, true).then().statusCode(201).body("exists", equalTo(true));

        as("bob").get("/api/catalog/locations").then().statusCode(200).body("data.id", hasItem(id));
        as("bob").get("/api/catalog/locations/" + id).then().statusCode(200).body("target", equalTo(target));
        as("bob").get("/api/catalog/locations/" + unique("nope")).then().statusCode(404);
        as("bob")
                .get("/api/catalog/locations/by-entity/component/default/" + b)
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        as("bob")
                .get("/api/catalog/locations/by-entity/component/default/" + unique("nope"))
                .then()
                .statusCode(404)
                .body("error.message", containsString("in the catalog"));
        String direct = unique("svc");
        as("alice")
                .contentType("application/yaml")
                .body(component(direct, null))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201);
        as("bob")
                .get("/api/catalog/locations/by-entity/component/default/" + direct)
                .then()
                .statusCode(404)
                .body("error.message", containsString("does not come from a location"));
        as("bob")
                .contentType("application/json")
                .body(Map.of("limit", 50, "query", Map.of("target", Map.of("$hasPrefix", server.url(dir)))))
                .post("/api/catalog/locations/by-query")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(id)))
                .body("totalItems", equalTo(1));

        Response ancestry = as("bob").get("/api/catalog/entities/by-name/component/default/" + b + "/ancestry");
        ancestry.then()
                .statusCode(200)
                .body("rootEntityRef", equalTo("component:default/" + b))
                .body("items", hasSize(3))
                .body("items[1].entity.kind", equalTo("Location"))
                .body("items[2].entity.spec.target", equalTo(target));
    }

    /**
     * An entity a location produces, changed through the API: stored, with a warning that the file stays what the
     * location follows; its page says who changed it since the file was read, until a refresh puts the file's version
     * back.
     */
    @Test
    void aDirectWriteToAnEntityALocationProducesIsStoredWithAWarningUntilItsFileComesBack() {
        String name = unique("synced"), dir = "/" + unique("repo");
        server.put(dir + "/catalog-info.yaml", component(name, null));
        post(server.url(dir + "/catalog-info.yaml"), false).then().statusCode(201);
        String page = "/catalog/default/component/" + name;
        assertTrue(
                dev.interlock.support.Api.page(page).select(".origin .notice").isEmpty());

        as("alice")
                .contentType("application/yaml")
                .body(component(name, null).replace("first", "overwritten"))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201)
                .body("entities[0].warnings", hasSize(1))
                .body(
                        "entities[0].warnings[0]",
                        containsString("component:default/" + name + " is produced by location url:"))
                .body("entities[0].warnings[0]", containsString("puts the file's version back"));
        assertEquals("overwritten", ((Map<?, ?>) entity(name).get("metadata")).get("description"));
        assertTrue(
                dev.interlock.support.Api.page(page)
                        .select(".origin .notice")
                        .text()
                        .contains("Changed by alice through the API"),
                dev.interlock.support.Api.page(page).select(".origin").html());
        // An entity no location produces gets no such warning.
        as("alice")
                .contentType("application/yaml")
                .body(component(unique("direct"), null))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201)
                .body("entities[0].warnings", hasSize(0));

        as("alice")
                .contentType("application/json")
                .body(Map.of("entityRef", "component:default/" + name))
                .post("/api/catalog/refresh")
                .then()
                .statusCode(200);
        assertEquals("first", ((Map<?, ?>) entity(name).get("metadata")).get("description"));
        assertTrue(
                dev.interlock.support.Api.page(page).select(".origin .notice").isEmpty());
    }

    @Test
    void refreshAppliesChangesOrphansAndKeepsTheLastGoodEntitiesOnErrors() {
        String a = unique("svc"), b = unique("svc"), dir = "/" + unique("repo");
        server.put(
                dir + "/one.yaml",
                component(a, null) + "---\n" + location(unique("loc"), "./two.yaml", "./three.yaml"));
        server.put(dir + "/two.yaml", component(b, null));
        server.put(dir + "/three.yaml", "# nothing yet\n");
        post(server.url(dir + "/one.yaml"), false).then().statusCode(201);

        // A change is applied by POST /refresh, which answers once the location has been read.
        server.put(dir + "/two.yaml", component(b, null).replace("first", "second"));
        as("alice")
                .contentType("application/json")
                .body(Map.of("entityRef", "component:default/" + a))
                .post("/api/catalog/refresh")
                .then()
                .statusCode(200)
                .body("state", equalTo("applied"))
                .body("changes.ref", hasItem("component:default/" + b));
        assertEquals("second", ((Map<?, ?>) entity(b).get("metadata")).get("description"));

        // Invalid YAML in one of three files: nothing changes, the error is on the entities and the location.
        server.put(dir + "/three.yaml", "apiVersion: [unclosed\n");
        server.put(dir + "/two.yaml", component(b, null).replace("first", "third"));
        as("alice")
                .contentType("application/json")
                .body(Map.of("entityRef", "component:default/" + b))
                .post("/api/catalog/refresh")
                .then()
                .statusCode(200)
                .body("state", equalTo("failed"))
                .body("problems[0]", containsString("three.yaml"));
        Map<String, Object> kept = entity(b);
        assertEquals("second", ((Map<?, ?>) kept.get("metadata")).get("description"));
        assertTrue(String.valueOf(kept.get("status")).contains("three.yaml"), String.valueOf(kept.get("status")));
        as("bob")
                .get("/api/catalog/entities?filter=status.items.level=error,metadata.name=" + a)
                .then()
                .body("metadata.name", hasItem(a));

        // Fixed: applied, the error is gone; b removed from its file: an orphan, listed by the orphan filter.
        server.put(dir + "/three.yaml", "# nothing\n");
        server.put(dir + "/two.yaml", "# b moved away\n");
        as("alice")
                .contentType("application/json")
                .body(Map.of("entityRef", "component:default/" + a))
                .post("/api/catalog/refresh")
                .then()
                .statusCode(200)
                .body("orphaned", hasItem("component:default/" + b));
        assertFalse(String.valueOf(entity(a).get("status")).contains("three.yaml"));
        as("bob")
                .get("/api/catalog/entities?filter=metadata.annotations.backstage.io/orphan=true")
                .then()
                .body("metadata.name", hasItem(b));

        // Deleting an entity its location still produces is refused; an orphan may be deleted.
        String uidA = (String) ((Map<?, ?>) entity(a).get("metadata")).get("uid");
        as("admin")
                .delete("/api/catalog/entities/by-uid/" + uidA)
                .then()
                .statusCode(409)
                .body("error.message", containsString("Remove it from that file"));
        String uidB = (String) ((Map<?, ?>) entity(b).get("metadata")).get("uid");
        as("admin").delete("/api/catalog/entities/by-uid/" + uidB).then().statusCode(204);
    }

    @Test
    void conflictsAreNamedInTheDryRunAndRecordedOnBothSides() {
        String shared = unique("svc"), dir = "/" + unique("repo");
        server.put(dir + "/first.yaml", component(shared, null));
        server.put(dir + "/second.yaml", component(shared, null).replace("first", "other"));
        String first = post(server.url(dir + "/first.yaml"), false)
                .then()
                .statusCode(201)
                .extract()
                .path("location.id");
        post(server.url(dir + "/second.yaml"), true)
                .then()
                .statusCode(201)
                .body("conflicts[0].entityRef", equalTo("component:default/" + shared))
                .body("conflicts[0].locationId", equalTo(first));
        String second = post(server.url(dir + "/second.yaml"), false)
                .then()
                .statusCode(201)
                .body("entities", hasSize(0))
                .body("conflicts", hasSize(1))
                .extract()
                .path("location.id");
        Map<String, Object> e = entity(shared);
        assertEquals("first", ((Map<?, ?>) e.get("metadata")).get("description"));
        assertTrue(String.valueOf(e.get("status")).contains("second.yaml"), String.valueOf(e.get("status")));
        // The location that keeps it shows the conflict too, naming the other location.
        org.jsoup.nodes.Document keeper = dev.interlock.support.Api.page("/locations/" + first);
        assertTrue(keeper.text().contains("Also produced elsewhere"), keeper.text());
        assertEquals(
                List.of("/catalog/default/component/" + shared, "/locations/" + second),
                keeper.select("ul.problems li a").eachAttr("href"),
                keeper.select("main").html());
        // The list of locations marks the one that lost, not the one that keeps it.
        org.jsoup.nodes.Document list = dev.interlock.support.Api.page("/locations");
        assertEquals(
                "conflict: 1 entity another location keeps",
                list.selectFirst("tr:has(a[href=\"/locations/" + second + "\"]) td:last-child")
                        .text());
        assertEquals(
                "ok",
                list.selectFirst("tr:has(a[href=\"/locations/" + first + "\"]) td:last-child")
                        .text());

        // Deleting the first location lets go of the entity; the second's next scheduled read (every 3 s here) takes
        // it over. Whether the orphan mark is seen in between depends on when that read comes, so it is not asserted.
        as("alice").delete("/api/catalog/locations/" + first).then().statusCode(204);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<?, ?> metadata = (Map<?, ?>) entity(shared).get("metadata");
            assertEquals("other", metadata.get("description"));
            Map<?, ?> annotations = (Map<?, ?>) metadata.get("annotations");
            assertFalse(annotations.containsKey("backstage.io/orphan"), annotations.toString());
            assertEquals(
                    "url:" + server.url(dir + "/second.yaml"),
                    annotations.get("backstage.io/managed-by-location"),
                    annotations.toString());
        });
        // An entity registered by the API is no location's: a refresh of it says so.
        String direct = unique("svc");
        as("alice")
                .contentType("application/yaml")
                .body(component(direct, null))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201);
        as("alice")
                .contentType("application/json")
                .body(Map.of("entityRef", "component:default/" + direct))
                .post("/api/catalog/refresh")
                .then()
                .statusCode(200)
                .body("state", equalTo("not-from-a-location"));
    }

    /**
     * The scheduled rounds read unchanged files conditionally; a location kept from an entity by another still reads in
     * full, so that when the other lets go of it, it takes it over without any of its own files changing.
     */
    @Test
    void aLocationTakesOverWhatAnotherLetGoOfOnItsNextRound() {
        String shared = unique("svc"), own = unique("svc"), dir = "/" + unique("repo");
        server.put(dir + "/first.yaml", component(shared, null) + "---\n" + component(own, null));
        server.put(dir + "/second.yaml", component(shared, null).replace("first", "second"));
        post(server.url(dir + "/first.yaml"), false).then().statusCode(201);
        post(server.url(dir + "/second.yaml"), false).then().statusCode(201).body("conflicts", hasSize(1));

        server.put(dir + "/first.yaml", component(own, null));
        as("alice")
                .contentType("application/json")
                .body(Map.of("entityRef", "component:default/" + own))
                .post("/api/catalog/refresh")
                .then()
                .statusCode(200)
                .body("state", equalTo("applied"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<?, ?> metadata = (Map<?, ?>) entity(shared).get("metadata");
            Map<?, ?> annotations = (Map<?, ?>) metadata.get("annotations");
            assertEquals("second", metadata.get("description"));
            assertEquals(
                    "url:" + server.url(dir + "/second.yaml"), annotations.get("backstage.io/managed-by-location"));
            assertFalse(annotations.containsKey("backstage.io/orphan"), annotations.toString());
        });
    }

    /**
     * Backstage's {@code PUT /locations/{id}}: the location reads its new target at once, what only the old one produced
     * becomes an orphan; only its registrant or a catalog-admin may, and a target that cannot be read changes nothing.
     */
    @Test
    void aLocationIsPointedAtAnotherTargetByItsRegistrant() {
        String old = unique("svc"), kept = unique("svc"), added = unique("svc"), dir = "/" + unique("repo");
        server.put(dir + "/a.yaml", component(old, null) + "---\n" + component(kept, null));
        server.put(dir + "/b.yaml", component(kept, null) + "---\n" + component(added, null));
        String id = post(server.url(dir + "/a.yaml"), false)
                .then()
                .statusCode(201)
                .extract()
                .path("location.id");

        as("admin")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", server.url(dir + "/missing.yaml")))
                .put("/api/catalog/locations/" + id)
                .then()
                .statusCode(400)
                .body("error.message", containsString("404"));
        as("bob")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", server.url(dir + "/b.yaml")))
                .put("/api/catalog/locations/" + id)
                .then()
                .statusCode(403);
        as("alice")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", server.url(dir + "/b.yaml")))
                .put("/api/catalog/locations/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404);
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/" + added)
                .then()
                .statusCode(404);

        as("alice")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", server.url(dir + "/b.yaml")))
                .put("/api/catalog/locations/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("target", equalTo(server.url(dir + "/b.yaml")));
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/" + added)
                .then()
                .statusCode(200);
        Map<?, ?> annotations = (Map<?, ?>) ((Map<?, ?>) entity(old).get("metadata")).get("annotations");
        assertEquals("true", annotations.get("backstage.io/orphan"), annotations.toString());
        Map<?, ?> keptAnnotations = (Map<?, ?>) ((Map<?, ?>) entity(kept).get("metadata")).get("annotations");
        assertEquals(
                "url:" + server.url(dir + "/b.yaml"),
                keptAnnotations.get("backstage.io/managed-by-location"),
                keptAnnotations.toString());
    }

    /** A file added under a glob target is read on the next round, although no file read before has changed. */
    @Test
    void aGlobTargetPicksUpANewFileOnTheNextRound() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(PrivateLocationsProfile.FILE_ROOT, unique("files"));
        java.nio.file.Files.createDirectories(root.resolve("parts"));
        String one = unique("svc"), two = unique("svc");
        java.nio.file.Files.writeString(root.resolve("parts/one.yaml"), component(one, null));
        java.nio.file.Files.writeString(root.resolve("catalog-info.yaml"), location(unique("loc"), "./parts/*.yaml"));
        as("alice")
                .contentType("application/json")
                .body(Map.of(
                        "type",
                        "file",
                        "target",
                        root.resolve("catalog-info.yaml").toString()))
                .post("/api/catalog/locations")
                .then()
                .statusCode(201);
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/" + one)
                .then()
                .statusCode(200);

        java.nio.file.Files.writeString(root.resolve("parts/two.yaml"), component(two, null));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as("bob")
                        .get("/api/catalog/entities/by-name/component/default/" + two)
                        .then()
                        .statusCode(200));
    }

    @Test
    void badLocationsGetClearErrorsAndStoreNothing() {
        String dir = "/" + unique("repo");
        post(server.url(dir + "/missing.yaml"), false)
                .then()
                .statusCode(400)
                .body("error.message", containsString("404"));
        post(server.url("/loop"), false).then().statusCode(400).body("error.message", containsString("redirects"));
        post(server.url("/big"), false).then().statusCode(400).body("error.message", containsString("larger than"));
        // The timeout is for the whole answer: a server that sends its headers and then stalls is not waited for.
        post(server.url("/stall"), false)
                .then()
                .statusCode(400)
                .body("error.message", containsString("did not send the whole file within 5 s"));
        post("http://127.0.0.1:1/nothing-listens.yaml", false)
                .then()
                .statusCode(400)
                .body("error.message", containsString("could not be reached"));
        post("ftp://127.0.0.1/x.yaml", false).then().statusCode(400).body("error.message", containsString("http"));
        // A port outside 1 to 65535 is named, written or redirected to (the JDK's client refuses it with an unchecked
        // error, which was a 500).
        for (String port : List.of("0", "65536", "99999")) {
            post("http://127.0.0.1:" + port + "/x.yaml", false)
                    .then()
                    .statusCode(400)
                    .body(
                            "error.message",
                            containsString("names port " + port + "; a port is a number from 1 to 65535"));
        }
        post(server.url("/redirect?to=http://127.0.0.1:99999/x.yaml"), false)
                .then()
                .statusCode(400)
                .body("error.message", containsString("names port 99999"));
        // Each redirect is checked again: localhost is not an allowed host here.
        post(server.url("/redirect?to=http://localhost:" + server.url("").split(":")[2] + "/x.yaml"), false)
                .then()
                .statusCode(400)
                .body("error.message", containsString("allowed-hosts"));
        // An allowed host written in Unicode is allowed in its ASCII form, the one it is read by (then not found).
        post("https://ñandú.example/x.yaml", false)
                .then()
                .statusCode(400)
                .body("error.message", containsString("could not be reached"));

        String name = unique("svc");
        server.put(
                dir + "/other-host.yaml",
                component(name, """
                  definition:
                    $text: http://localhost/etc/passwd
                """).replace("kind: Component", "kind: API").replace("type: service", "type: openapi"));
        post(server.url(dir + "/other-host.yaml"), false)
                .then()
                .statusCode(400)
                .body("error.message", containsString("another host"));
        // Nor through a redirect of its own host: here to this application's OpenAPI document, on another port.
        server.put(
                dir + "/redirected-host.yaml",
                component(name, """
                  definition:
                    $text: /redirect?to=http://127.0.0.1:%d/q/openapi
                """.formatted(io.restassured.RestAssured.port))
                        .replace("kind: Component", "kind: API")
                        .replace("type: service", "type: openapi"));
        post(server.url(dir + "/redirected-host.yaml"), false)
                .then()
                .statusCode(400)
                // Where to, without the path or query (a presigned URL's signature would be there).
                .body(
                        "errors[0].message",
                        containsString("redirects to http://127.0.0.1:" + io.restassured.RestAssured.port
                                + ", another host than its file"));
        // A redirect on the file's own host is followed.
        server.put(dir + "/spec.txt", "openapi: 3.0.0");
        server.put(
                dir + "/redirected-here.yaml",
                component(unique("svc"), """
                  definition:
                    $text: /redirect?to=%s/spec.txt
                """.formatted(dir))
                        .replace("kind: Component", "kind: API")
                        .replace("type: service", "type: openapi"));
        post(server.url(dir + "/redirected-here.yaml"), true)
                .then()
                .statusCode(201)
                .body("entities[0].spec.definition", equalTo("openapi: 3.0.0"));
        // A Location header that is no URL is a clear refusal, its password masked.
        post(server.url("/redirect?to=http://bot:pa%20ss@127.0.0.1/x%7Cy%20z"), false)
                .then()
                .statusCode(400)
                .body("error.message", containsString("with a Location that is no valid URL: \"http://***@127.0.0.1/x"))
                .body(not(containsString("pa ss")));
        server.put(
                dir + "/passwd.yaml",
                component(name, """
                  definition:
                    $text: ../../etc/passwd
                """).replace("kind: Component", "kind: API").replace("type: service", "type: openapi"));
        post(server.url(dir + "/passwd.yaml"), false)
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("etc/passwd"));
        server.put(dir + "/invalid.yaml", component(name, null).replace("name: " + name, "name: Not Valid!"));
        post(server.url(dir + "/invalid.yaml"), false)
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("invalid.yaml (line"));

        // Targets that point at each other are read once each, with a warning; the entities are registered.
        server.put(dir + "/a.yaml", location(unique("la"), "./b.yaml") + "---\n" + component(name, null));
        server.put(dir + "/b.yaml", location(unique("lb"), "./a.yaml"));
        post(server.url(dir + "/a.yaml"), false).then().statusCode(201).body("warnings[0]", containsString("cycle"));
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/" + name)
                .then()
                .statusCode(200);
        as("bob").get("/q/health/ready").then().statusCode(200);
    }

    /**
     * A password written into a URL (typed, in a file's targets, or in a server's redirect) is never shown back: every
     * answer masks it, and so do the location's error and the log that quote the same message.
     */
    @Test
    void credentialsWrittenIntoAUrlAreNeverShownBack() {
        String host = URI.create(server.url("/")).getAuthority();
        String typed = post("http://ci-bot:Typed5ecret@" + host + "/x.yaml", false)
                .then()
                .statusCode(400)
                .body("error.message", containsString("http://***@" + host + "/x.yaml\" holds credentials"))
                .extract()
                .asString();
        assertFalse(typed.contains("Typed5ecret"), typed);
        String redirected = post(server.url("/redirect?to=http://artifact:Server5ecret@" + host + "/x.yaml"), true)
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertFalse(redirected.contains("Server5ecret"), redirected);
        assertTrue(redirected.contains("http://***@" + host), redirected);
        String dir = "/" + unique("repo");
        server.put(dir + "/root.yaml", location(unique("ln"), "http://ci-bot:Nested5ecret@" + host + "/y.yaml"));
        String nested = post(server.url(dir + "/root.yaml"), false)
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertFalse(nested.contains("Nested5ecret"), nested);
        assertTrue(nested.contains("http://***@" + host + "/y.yaml"), nested);
        // A target that is no valid URL (a space in its password), and a placeholder's scheme-relative URL.
        server.put(dir + "/spaced.yaml", location(unique("ln"), "http://ci-bot:Spaced 5ecret@" + host + "/y.yaml"));
        String spaced = post(server.url(dir + "/spaced.yaml"), false)
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertFalse(spaced.contains("5ecret"), spaced);
        assertTrue(spaced.contains("http://***@" + host + "/y.yaml"), spaced);
        server.put(
                dir + "/relative.yaml",
                component(unique("svc"), "  notes: {$text: \"//scott:Relative5ecret@" + host + "/none.txt\"}\n"));
        String relative = post(server.url(dir + "/relative.yaml"), false)
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertFalse(relative.contains("Relative5ecret"), relative);
        assertTrue(relative.contains("//***@" + host + "/none.txt"), relative);
    }

    /**
     * An editor may register a location that creates another team's entity, but its refreshes act as her and could
     * not change that entity later: the dry run and the registration say so, for that entity only.
     */
    @Test
    void aLocationWhoseRefreshesCouldNotChangeAnEntityWarnsOfIt() {
        String dir = "/" + unique("repo");
        String ours = unique("svc"), theirs = unique("svc");
        server.put(
                dir + "/catalog-info.yaml",
                component(ours, null) + "---\n" + component(theirs, null).replace("owner: revops", "owner: platform"));
        for (boolean dryRun : new boolean[] {true, false}) {
            post(server.url(dir + "/catalog-info.yaml"), dryRun)
                    .then()
                    .statusCode(201)
                    .body("warnings", hasSize(1))
                    .body("warnings[0]", containsString("component:default/" + theirs))
                    .body("warnings[0]", containsString("(line 19)"))
                    .body("warnings[0]", containsString("cannot apply later changes"));
        }
        // A team the file itself starts, with her in it, is hers: no warning, in the dry run (which stores nothing)
        // as in the registration.
        String team = unique("team"), teams = "/" + unique("repo");
        server.put(
                teams + "/catalog-info.yaml",
                """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: %s
                spec:
                  type: team
                  children: []
                  members: [alice]
                ---
                """.formatted(team) + component(unique("svc"), null).replace("owner: revops", "owner: " + team));
        for (boolean dryRun : new boolean[] {true, false}) {
            post(server.url(teams + "/catalog-info.yaml"), dryRun)
                    .then()
                    .statusCode(201)
                    .body("warnings", hasSize(0))
                    // A dry run shows the entities as registering stores them: managed by their file.
                    .body(
                            "entities[1].metadata.annotations.'backstage.io/managed-by-location'",
                            equalTo("url:" + server.url(teams + "/catalog-info.yaml")));
        }
        // An owner that is no reference (a kind Interlock does not interpret is not checked for one) is no 500: only a
        // catalog-admin could change the entity, which the warning says.
        String odd = "/" + unique("repo"), template = unique("tpl");
        server.put(odd + "/catalog-info.yaml", """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata:
                  name: %s
                spec:
                  type: service
                  owner: "a:b:c"
                """.formatted(template));
        for (boolean dryRun : new boolean[] {true, false}) {
            post(server.url(odd + "/catalog-info.yaml"), dryRun)
                    .then()
                    .statusCode(201)
                    .body(
                            "warnings",
                            org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.allOf(
                                    containsString("(line 7): template:default/" + template),
                                    containsString("spec.owner that is no entity reference"))));
        }
    }

    /**
     * A location of many slow files is cut off as a whole (interlock.locations.location-timeout, 12 s here), not only
     * file by file (5 s each): no file is asked for after it, and nothing is applied.
     */
    @Test
    void aLocationOfManySlowFilesIsCutOffAsAWhole() {
        String dir = "/" + unique("repo");
        int before = server.requests("/stall");
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            targets.add("\"" + server.url("/stall?" + dir.substring(1) + "-" + i) + "\"");
        }
        server.put(dir + "/slow.yaml", location(unique("ls"), targets.toArray(String[]::new)));
        post(server.url(dir + "/slow.yaml"), false)
                .then()
                .statusCode(400)
                .body("error.message", containsString("interlock.locations.location-timeout"));
        int asked = server.requests("/stall") - before;
        assertTrue(asked >= 2 && asked <= 4, "stalled files asked for: " + asked);
    }

    /**
     * A refresh's check whether the files changed is within the location's time too: files that each answer within
     * their own timeout (4 s of 5) but all together not within the location's (12 s) fail the refresh, which says so.
     */
    @Test
    void aRefreshOfManySlowUnchangedFilesIsCutOffAsAWhole() {
        String name = unique("svc"), dir = "/" + unique("repo");
        List<String> files = List.of("/a.yaml", "/b.yaml", "/c.yaml", "/d.yaml");
        server.put(dir + "/root.yaml", location(unique("lr"), "./a.yaml", "./b.yaml", "./c.yaml", "./d.yaml"));
        server.put(dir + "/a.yaml", component(name, null));
        for (String f : files.subList(1, 4)) {
            server.put(dir + f, "# nothing yet\n");
        }
        post(server.url(dir + "/root.yaml"), false).then().statusCode(201);
        server.delay(dir + "/root.yaml", Duration.ofSeconds(4));
        files.forEach(f -> server.delay(dir + f, Duration.ofSeconds(4)));
        as("alice")
                .contentType("application/json")
                .body(Map.of("entityRef", "component:default/" + name))
                .post("/api/catalog/refresh")
                .then()
                .statusCode(200)
                .body("state", equalTo("failed"))
                .body("problems[0]", containsString("interlock.locations.location-timeout"));
    }

    /**
     * A relative target climbing above the host's root stops there, as in a browser, curl or Backstage: {@code ..}
     * segments are never sent on the wire, where a naive file server could follow them out of its folder.
     */
    @Test
    void aRelativeTargetStopsAtTheHostsRoot() {
        String name = unique("svc");
        String dir = "/" + unique("repo");
        server.put("/etc/" + name + ".yaml", component(name, null));
        server.put(dir + "/deep/root.yaml", location(unique("ld"), "../../../../etc/" + name + ".yaml"));
        post(server.url(dir + "/deep/root.yaml"), false).then().statusCode(201);
        assertEquals(1, server.requests("/etc/" + name + ".yaml"));
        entity(name);
    }

    @Test
    void aTargetWrittenInUnicodeIsReadAsBrowsersSendIt() {
        String name = unique("svc");
        String dir = "/" + unique("catálogo") + "/服务";
        server.put(dir + "/catalog-info.yaml", location(unique("lu"), "./" + name + "-é.yaml"));
        server.put(dir + "/" + name + "-é.yaml", component(name, null));
        String target = server.url(dir + "/catalog-info.yaml");
        String id = post(target, false)
                .then()
                .statusCode(201)
                .body("location.target", equalTo(target))
                .extract()
                .path("location.id");
        // The server was asked for each file, percent-encoded as UTF-8, and decoded the paths it was written with.
        assertEquals(1, server.requests(dir + "/" + name + "-é.yaml"));
        entity(name);
        assertTarget(id, target);
    }

    @Test
    void scheduledRefreshUsesConditionalRequestsAndPicksUpChangesWithinTheInterval() {
        String name = unique("svc"), dir = "/" + unique("repo");
        server.put(dir + "/c.yaml", component(name, null) + "  system: $SYSTEM\n".replace("$SYSTEM", "s1"));
        post(server.url(dir + "/c.yaml"), false).then().statusCode(201);
        int before = server.notModified(dir + "/c.yaml");
        // Nothing changed: each round asks with If-None-Match and gets 304.
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> server.notModified(dir + "/c.yaml") > before);
        Response round =
                as("admin").contentType("application/json").body("{}").post("/api/catalog/locations/refresh-all");
        round.then().statusCode(200).body("unchanged", org.hamcrest.Matchers.greaterThan(0));
        server.put(dir + "/c.yaml", component(name, null) + "  system: s2\n");
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "s2".equals(((Map<?, ?>) entity(name).get("spec")).get("system")));
    }

    @Test
    void deletingALocationNeedsTheRightToChangeWhatItProduces() {
        String name = unique("svc"), dir = "/" + unique("repo");
        server.put(dir + "/p.yaml", component(name, null).replace("owner: revops", "owner: platform"));
        String target = server.url(dir + "/p.yaml");
        // A flag that is neither true nor false is refused: a write never happens by mistake.
        as("admin")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", target))
                .post("/api/catalog/locations?dryRun=yes")
                .then()
                .statusCode(400)
                .body("error.message", containsString("dryRun must be true or false"));
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/" + name)
                .then()
                .statusCode(404);
        // alice may create platform's entity (with a warning that her location's refreshes cannot change it)...
        String id = registered("alice", target);
        // ...but, revops, she may not change it, so she may not orphan it by deleting her location.
        as("alice")
                .delete("/api/catalog/locations/" + id)
                .then()
                .statusCode(403)
                .body("error.message", containsString("platform"));
        as("bob").get("/api/catalog/locations/" + id).then().statusCode(200);
        assertFalse(((Map<?, ?>) ((Map<?, ?>) entity(name).get("metadata")).get("annotations"))
                .containsKey("backstage.io/orphan"));
        as("admin").delete("/api/catalog/locations/" + id).then().statusCode(204);
        assertEquals(
                "true",
                ((Map<?, ?>) ((Map<?, ?>) entity(name).get("metadata")).get("annotations")).get("backstage.io/orphan"));
    }

    @Test
    void rePointingALocationOrEditingItsFileOrphansNoEntityItsRegistrantMayNotChange() {
        String name = unique("svc"), dir = "/" + unique("repo");
        // alice (revops) registers a file that gives the platform team a component, as anyone may.
        server.put(dir + "/p.yaml", component(name, null).replace("owner: revops", "owner: platform"));
        server.put(dir + "/empty.yaml", "# nothing here\n");
        String target = server.url(dir + "/p.yaml");
        String id = post(target, false).then().statusCode(201).extract().path("location.id");
        // Pointing it at a file without the component would orphan platform's entity: refused, as deleting it is.
        as("alice")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", server.url(dir + "/empty.yaml")))
                .put("/api/catalog/locations/" + id)
                .then()
                .statusCode(403)
                .body("error.message", containsString("platform"));
        as("bob").get("/api/catalog/locations/" + id).then().body("target", equalTo(target));
        // Emptying the file does not orphan it either: the refresh fails and says why.
        server.put(dir + "/p.yaml", "# moved away\n");
        as("alice")
                .contentType("application/json")
                .body(Map.of("entityRef", "component:default/" + name))
                .post("/api/catalog/refresh")
                .then()
                .statusCode(200)
                .body("state", equalTo("failed"))
                .body("problems[0]", containsString("platform"));
        assertFalse(((Map<?, ?>) ((Map<?, ?>) entity(name).get("metadata")).get("annotations"))
                .containsKey("backstage.io/orphan"));
        // A catalog-admin may do both.
        as("admin")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", server.url(dir + "/empty.yaml")))
                .put("/api/catalog/locations/" + id)
                .then()
                .statusCode(200);
        assertEquals(
                "true",
                ((Map<?, ?>) ((Map<?, ?>) entity(name).get("metadata")).get("annotations")).get("backstage.io/orphan"));
    }

    @Test
    void whoRegisteredALocationChangesAndReleasesItsNestedLocations() {
        String a = unique("svc"), b = unique("svc"), nested = unique("loc"), dir = "/" + unique("repo");
        server.put(dir + "/catalog-info.yaml", component(a, null) + "---\n" + location(nested, "./b.yaml"));
        server.put(dir + "/b.yaml", component(b, null));
        server.put(dir + "/c.yaml", component(b, null));
        String id = post(server.url(dir + "/catalog-info.yaml"), false)
                .then()
                .statusCode(201)
                .extract()
                .path("location.id");
        // The nested Location has no owner: alice's refresh may still change it, since her location produces it.
        server.put(dir + "/catalog-info.yaml", component(a, null) + "---\n" + location(nested, "./c.yaml"));
        as("alice")
                .contentType("application/json")
                .body(Map.of("entityRef", "component:default/" + a))
                .post("/api/catalog/refresh")
                .then()
                .statusCode(200)
                .body("state", equalTo("applied"));
        as("bob")
                .get("/api/catalog/entities/by-name/location/default/" + nested)
                .then()
                .statusCode(200)
                .body("spec.targets", hasItem("./c.yaml"));
        // A viewer may delete nothing; alice may delete the location she registered, nested Location and all.
        as("bob").delete("/api/catalog/locations/" + id).then().statusCode(403);
        as("alice").delete("/api/catalog/locations/" + id).then().statusCode(204);
        as("bob")
                .get("/api/catalog/entities/by-name/location/default/" + nested)
                .then()
                .statusCode(200)
                .body("metadata.annotations.'backstage.io/orphan'", equalTo("true"));
        // Anyone else's nested Location stays a catalog-admin's: alice's right comes from having registered it.
        String other = unique("loc"), otherDir = "/" + unique("repo");
        server.put(otherDir + "/catalog-info.yaml", location(other, "./x.yaml"));
        server.put(otherDir + "/x.yaml", component(unique("svc"), null));
        String adminsLocation = as("admin")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", server.url(otherDir + "/catalog-info.yaml")))
                .post("/api/catalog/locations")
                .then()
                .statusCode(201)
                .extract()
                .path("location.id");
        as("alice")
                .delete("/api/catalog/locations/" + adminsLocation)
                .then()
                .statusCode(403)
                .body("error.message", containsString("was registered by admin; only that account or a catalog-admin"));
        as("bob")
                .get("/api/catalog/entities/by-name/location/default/" + other)
                .then()
                .statusCode(200)
                .body("metadata.annotations", not(hasKey("backstage.io/orphan")));
    }

    @Test
    void onlyItsRegistrantOrACatalogAdminChangesOrDeletesALocation() {
        String name = unique("svc"), dir = "/" + unique("repo");
        server.put(dir + "/mine.yaml", component(name, null));
        server.put(dir + "/admins.yaml", component(name, null));
        server.put(dir + "/admins-too.yaml", component(unique("svc"), null));
        post(server.url(dir + "/mine.yaml"), false).then().statusCode(201);
        // An admin's location that produces nothing (its one entity is alice's location's), and one producing an
        // entity alice (revops) may change: neither is hers to delete.
        String empty = as("admin")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", server.url(dir + "/admins.yaml")))
                .post("/api/catalog/locations")
                .then()
                .statusCode(201)
                .body("entities", hasSize(0))
                .extract()
                .path("location.id");
        String producing = as("admin")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", server.url(dir + "/admins-too.yaml")))
                .post("/api/catalog/locations")
                .then()
                .statusCode(201)
                .extract()
                .path("location.id");
        for (String id : List.of(empty, producing)) {
            String target = as("bob")
                    .get("/api/catalog/locations/" + id)
                    .then()
                    .extract()
                    .path("target");
            as("alice")
                    .contentType("application/json")
                    .body(Map.of("type", "url", "target", server.url(dir + "/mine.yaml")))
                    .put("/api/catalog/locations/" + id)
                    .then()
                    .statusCode(403)
                    .body("error.message", containsString("was registered by admin"))
                    .body("error.message", containsString("only that account or a catalog-admin may change it"));
            as("bob").get("/api/catalog/locations/" + id).then().body("target", equalTo(target));
            as("alice")
                    .delete("/api/catalog/locations/" + id)
                    .then()
                    .statusCode(403)
                    .body("error.message", containsString("was registered by admin"))
                    .body("error.message", containsString("only that account or a catalog-admin may delete it"));
            as("bob").get("/api/catalog/locations/" + id).then().statusCode(200);
            as("admin").delete("/api/catalog/locations/" + id).then().statusCode(204);
        }
    }

    @Test
    void aRefreshWritesWithTheRightsOfWhoRegisteredTheLocation() {
        String name = unique("svc"), user = unique("user"), dir = "/" + unique("repo");
        server.put(dir + "/r.yaml", component(name, null));
        post(server.url(dir + "/r.yaml"), false).then().statusCode(201);
        // alice (revops) may not add someone to the platform team, not through a location either.
        server.put(dir + "/r.yaml", component(name, null) + """
                ---
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata:
                  name: %s
                spec:
                  memberOf: [platform]
                """.formatted(user));
        as("alice")
                .contentType("application/json")
                .body(Map.of("entityRef", "component:default/" + name))
                .post("/api/catalog/refresh")
                .then()
                .statusCode(200)
                .body("state", equalTo("failed"))
                .body("problems[0]", containsString("platform"));
        as("bob")
                .get("/api/catalog/entities/by-name/user/default/" + user)
                .then()
                .statusCode(404);
        // Registered by someone who may: applied.
        String dir2 = "/" + unique("repo");
        server.put(dir2 + "/r.yaml", component(unique("svc"), null).replace("owner: revops", "owner: platform"));
        as("admin")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", server.url(dir2 + "/r.yaml")))
                .post("/api/catalog/locations")
                .then()
                .statusCode(201);
    }

    /**
     * Registers a file holding {@code first} as alice, then makes the location's stored registrant {@code registrant}
     * with {@code roles}, puts {@code then} in the file and refreshes it as an admin.
     */
    private io.restassured.response.ValidatableResponse refreshedFor(
            String registrant, String roles, String entityRef, String first, String then) {
        String dir = "/" + unique("repo");
        server.put(dir + "/r.yaml", first);
        String id = post(server.url(dir + "/r.yaml"), false)
                .then()
                .statusCode(201)
                .extract()
                .path("location.id");
        QuarkusTransaction.requiringNew().run(() -> {
            LocationRecord record = LocationRecord.findById(id);
            record.registeredBy = registrant;
            record.registeredRoles = roles;
        });
        server.put(dir + "/r.yaml", then);
        return as("admin")
                .contentType("application/json")
                .body(Map.of("entityRef", entityRef))
                .post("/api/catalog/refresh")
                .then()
                .statusCode(200);
    }

    @Test
    void aRefreshWritesWithTheRolesItsRegistrantHasNowNotThoseSheHadThen() {
        // Locations registered by bob (a viewer now) and by an account since removed, while both were catalog-admins:
        // what their registration stored says catalog-admin, the configuration no longer does.
        for (String registrant : List.of("bob", unique("removed"))) {
            String name = unique("svc");
            refreshedFor(
                            registrant,
                            "catalog-admin",
                            "component:default/" + name,
                            component(name, null),
                            component(name, null).replace("description: first", "description: second"))
                    .body("state", equalTo("failed"))
                    .body("problems[0]", containsString(registrant));
            as("bob")
                    .get("/api/catalog/entities/by-name/component/default/" + name)
                    .then()
                    .body("metadata.description", equalTo("first"));
        }
    }

    @Test
    void aRegistrantWhoMayNoLongerWriteCreatesNothingThroughARefresh() {
        // Registered by bob (a viewer now) and by an account since removed: a refresh that would only create entities
        // (no owner to check) must still need catalog-editor, as registering them by hand does.
        for (String registrant : List.of("bob", unique("removed"))) {
            String name = unique("svc"), added = unique("svc");
            refreshedFor(
                            registrant,
                            "catalog-editor",
                            "component:default/" + name,
                            component(name, null),
                            component(name, null) + "---\n" + component(added, null))
                    .body("state", equalTo("failed"))
                    .body("problems[0]", containsString(registrant))
                    .body("problems[0]", containsString("catalog-editor"));
            as("bob")
                    .get("/api/catalog/entities/by-name/component/default/" + added)
                    .then()
                    .statusCode(404);
        }
    }

    /** An account that happens to bear the example loader's history name ("system") is not its locations' registrant. */
    @Test
    @io.quarkus.test.security.TestSecurity(user = "system", roles = "catalog-editor", authMechanism = "basic")
    void theExampleLocationsAreTheSystemsNotAnAccountsNamedSystem() {
        String id = io.restassured.RestAssured.given()
                .get("/api/catalog/locations")
                .jsonPath()
                .getString("find { it.data.target == 'catalog-examples/apis.yaml' }.data.id");
        String dir = "/" + unique("repo");
        server.put(dir + "/r.yaml", component(unique("svc"), null));
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .body(Map.of("type", "url", "target", server.url(dir + "/r.yaml")))
                .put("/api/catalog/locations/" + id)
                .then()
                .statusCode(403)
                .body(
                        "error.message",
                        containsString("was registered by the system; only a catalog-admin may change it"));
        io.restassured.RestAssured.given()
                .delete("/api/catalog/locations/" + id)
                .then()
                .statusCode(403);
        // The payments team's API is still the example file's, not an orphan.
        io.restassured.RestAssured.given()
                .get("/api/catalog/entities/by-name/api/default/checkout-api")
                .then()
                .statusCode(200)
                .body(
                        "metadata.annotations",
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("backstage.io/orphan")));
    }

    @Test
    void optionalTargetsThatAreMissingAreNoError() {
        String name = unique("svc"), dir = "/" + unique("repo");
        server.put(
                dir + "/root.yaml",
                component(name, null) + "---\n"
                        + location(unique("opt"), "./missing.yaml")
                                .replace("spec:\n", "spec:\n  presence: optional\n"));
        post(server.url(dir + "/root.yaml"), false)
                .then()
                .statusCode(201)
                .body("warnings[0]", containsString("optional target"));
        server.put(dir + "/req.yaml", location(unique("req"), "./missing.yaml"));
        post(server.url(dir + "/req.yaml"), false).then().statusCode(400).body("error.message", containsString("404"));
    }

    @Test
    void analyzeLocationSaysWhatWouldBeRegistered() {
        String name = unique("svc"), dir = "/" + unique("repo");
        server.put(dir + "/catalog-info.yaml", component(name, null));
        as("alice")
                .contentType("application/json")
                .body(Map.of("location", Map.of("type", "url", "target", server.url(dir + "/catalog-info.yaml"))))
                .post("/api/catalog/analyze-location")
                .then()
                .statusCode(200)
                .body("existingEntityFiles[0].entity.metadata.name", equalTo(name))
                .body("existingEntityFiles[0].isRegistered", equalTo(false))
                .body("generateEntities", hasSize(0));
    }

    @Test
    void fileLocationsOnlyUnderTheFileRoots() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(PrivateLocationsProfile.FILE_ROOT, unique("files"));
        java.nio.file.Files.createDirectories(root);
        String name = unique("svc");
        java.nio.file.Files.writeString(root.resolve("catalog-info.yaml"), component(name, null));
        as("alice")
                .contentType("application/json")
                .body(Map.of(
                        "type",
                        "file",
                        "target",
                        root.resolve("catalog-info.yaml").toString()))
                .post("/api/catalog/locations")
                .then()
                .statusCode(201);
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/" + name)
                .then()
                .statusCode(200);
        // A glob that does not compile is the target's fault, not a server error.
        for (String glob : List.of("[a-", "**/{a,b")) {
            as("alice")
                    .contentType("application/json")
                    .body(Map.of("type", "file", "target", root.resolve(glob).toString()))
                    .post("/api/catalog/locations?dryRun=true")
                    .then()
                    .statusCode(400)
                    .body("error.message", containsString("not a valid glob"));
        }
        as("alice")
                .contentType("application/json")
                .body(Map.of("type", "file", "target", "/etc/passwd"))
                .post("/api/catalog/locations")
                .then()
                .statusCode(400)
                .body("error.message", containsString("file-roots"));
        java.nio.file.Files.writeString(
                root.resolve("escape.yaml"),
                component(unique("svc"), """
                  definition:
                    $text: ../../../../../../etc/passwd
                """)
                        .replace("kind: Component", "kind: API")
                        .replace("type: service", "type: openapi"));
        as("alice")
                .contentType("application/json")
                .body(Map.of(
                        "type", "file", "target", root.resolve("escape.yaml").toString()))
                .post("/api/catalog/locations")
                .then()
                .statusCode(400)
                .body("error.message", containsString("outside"));
    }
}
