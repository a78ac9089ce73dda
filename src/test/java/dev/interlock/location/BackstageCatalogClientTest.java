package dev.interlock.location;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.interlock.support.FileServer;

/**
 * Backstage's own {@code @backstage/catalog-client}, installed from npm into {@code target/catalog-client-test} as
 * CI would, calls every public method of {@code CatalogClient} against Interlock; a node script prints the results as
 * JSON and they are checked here. Skipped, with a message, only where node is not installed.
 */
@QuarkusTest
@TestProfile(PrivateLocationsProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackstageCatalogClientTest {

    private static final Path FOLDER = Path.of("target/catalog-client-test");

    @TestHTTPResource("/api/catalog")
    String base;

    private final FileServer server;

    BackstageCatalogClientTest() throws IOException {
        server = new FileServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String component(String name) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                spec: {type: service, lifecycle: production, owner: revops}
                """.formatted(name);
    }

    @Test
    void everyMethodOfBackstagesCatalogClientWorks() throws Exception {
        Assumptions.assumeTrue(
                run(List.of("node", "--version"), 30).exit() == 0,
                "node is not installed: Backstage's catalog client cannot be run here (CI has node)");
        install();
        String name = unique("client");
        server.put("/repo/catalog-info.yaml", component(name));
        String spare = unique("spare");
        String spareUid = as("admin")
                .contentType("application/yaml")
                .body(component(spare))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201)
                .extract()
                .path("entities[0].uid");

        // A second location in the folder, so streamLocations has a second page to reach with its cursor.
        server.put("/repo/other.yaml", component(unique("other")));
        String otherId = as("admin")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", server.url("/repo/other.yaml")))
                .post("/api/catalog/locations")
                .then()
                .statusCode(201)
                .extract()
                .path("location.id");
        String target = server.url("/repo/catalog-info.yaml");
        Result result = run(
                List.of("node", "client.js"),
                180,
                "BASE",
                base.replaceAll("/$", ""),
                "TARGET",
                target,
                "NAME",
                name,
                "SPARE_UID",
                spareUid,
                "USER",
                "admin",
                "PASSWORD",
                "admin");
        assertEquals(0, result.exit(), result.output());
        JsonNode out = new ObjectMapper().readTree(result.output());
        String ref = "component:default/" + name;

        assertFalse(out.at("/addLocationDryRun/exists").asBoolean(true), out.toPrettyString());
        assertEquals(name, out.at("/addLocationDryRun/entities/0/metadata/name").asText());
        String id = out.at("/addLocation/location/id").asText();
        assertEquals(target, out.at("/addLocation/location/target").asText());
        assertEquals(name, out.at("/addLocation/entities/0/metadata/name").asText());
        assertTrue(out.get("getLocations").get("items").findValuesAsText("id").contains(id));
        assertEquals(id, out.at("/queryLocations/items/0/id").asText());
        assertEquals(1, out.at("/queryLocations/totalItems").asInt());
        // Two pages of one, each location once (by type and target: catalog-info.yaml before other.yaml).
        assertEquals(
                2, out.at("/streamLocations").size(), out.get("streamLocations").toString());
        assertEquals(
                List.of(id, otherId),
                List.of(
                        out.at("/streamLocations/0/0/id").asText(),
                        out.at("/streamLocations/1/0/id").asText()));
        assertEquals(target, out.at("/getLocationById/target").asText());
        assertTrue(out.at("/getLocationByIdMissing/undefined").asBoolean());
        assertEquals(id, out.at("/getLocationByEntity/id").asText());
        assertEquals(id, out.at("/getLocationByRef/id").asText());
        assertEquals(name, out.at("/getEntities/items/0/metadata/name").asText());
        assertEquals("revops", out.at("/getEntities/items/0/spec/owner").asText());
        assertTrue(out.at("/getEntities/items/0/metadata/uid").isMissingNode());
        assertEquals(name, out.at("/getEntitiesByRefs/items/0/metadata/name").asText());
        assertEquals(2, out.at("/getEntitiesByRefs/items").size());
        assertTrue(out.at("/getEntitiesByRefs/items/1").isNull()
                || out.at("/getEntitiesByRefs/items/1").isMissingNode());
        assertEquals(
                "revops",
                out.at("/getEntitiesByRefsQuery/items/1/metadata/name").asText());
        assertTrue(out.at("/getEntitiesByRefsQuery/items/0").isNull());
        // The client sends a filter as query parameters: the entity it does not match is null, as from Backstage.
        assertEquals(
                "revops",
                out.at("/getEntitiesByRefsFilter/items/1/metadata/name").asText(),
                out.toPrettyString());
        assertTrue(out.at("/getEntitiesByRefsFilter/items/0").isNull(), out.toPrettyString());
        assertEquals(2, out.at("/queryEntitiesFilter/items").size());
        assertTrue(out.at("/queryEntitiesFilter/totalItems").asInt() > 2);
        assertEquals(2, out.at("/queryEntitiesFilterNext/items").size());
        assertFalse(out.at("/queryEntitiesFilter/items/0/metadata/name")
                .asText()
                .equals(out.at("/queryEntitiesFilterNext/items/0/metadata/name").asText()));
        assertEquals(
                name, out.at("/queryEntitiesFullText/items/0/metadata/name").asText());
        assertEquals(2, out.at("/queryEntitiesPredicate/items").size());
        assertEquals("Group", out.at("/queryEntitiesPredicateNext/items/0/kind").asText(), out.toPrettyString());
        assertFalse(out.get("queryEntitiesPredicateNext").toString().contains("\"name\":\"revops\""));
        // Streams hold every entity the filter or query matches once, over several pages of the size asked.
        JsonNode groups = out.at("/streamEntitiesFilter/names");
        assertEquals(out.at("/queryEntitiesFilter/totalItems").asInt(), groups.size(), out.toPrettyString());
        assertEquals(groups.size(), texts(groups).size(), groups.toString());
        assertTrue(out.at("/streamEntitiesFilter/pages").asInt() >= groups.size() / 2, out.toPrettyString());
        JsonNode groupsAndPeople = out.at("/streamEntitiesQuery/names");
        assertTrue(groupsAndPeople.size() > groups.size(), out.toPrettyString());
        assertEquals(groupsAndPeople.size(), texts(groupsAndPeople).size(), groupsAndPeople.toString());
        assertEquals(
                Set.of("Group", "User"),
                texts(groupsAndPeople).stream()
                        .map(n -> n.substring(0, n.indexOf(':')))
                        .collect(Collectors.toSet()));
        assertEquals("revops", out.at("/getEntityByName/metadata/name").asText(), out.toPrettyString());
        assertEquals(
                ref,
                "component:default/" + out.at("/getEntityByRef/metadata/name").asText());
        assertTrue(out.at("/getEntityByRefMissing/undefined").asBoolean());
        assertEquals("Group", out.at("/getEntityFacets/facets/kind/0/value").asText());
        assertEquals(2, out.at("/getEntityFacetsQuery/facets/kind").size());
        assertTrue(
                out.at("/validateEntity/valid").asBoolean(),
                out.get("validateEntity").toString());
        assertFalse(out.at("/validateEntityInvalid/valid").asBoolean(true));
        assertTrue(out.at("/validateEntityInvalid/errors").size() > 0);
        assertEquals(ref, out.at("/getEntityAncestors/rootEntityRef").asText());
        assertEquals(
                "Location", out.at("/getEntityAncestors/items/1/entity/kind").asText());
        assertTrue(
                out.at("/refreshEntity/undefined").asBoolean(),
                out.get("refreshEntity").toString());
        assertEquals(
                name,
                out.at("/analyzeLocation/existingEntityFiles/0/entity/metadata/name")
                        .asText());
        assertTrue(
                out.at("/removeEntityByUid/undefined").asBoolean(),
                out.get("removeEntityByUid").toString());
        as("bob").get("/api/catalog/entities/by-uid/" + spareUid).then().statusCode(404);
        // updateLocation (PUT /locations/{id}) answers the location, read again from its target.
        assertTrue(out.at("/updateLocation/id").asText().length() > 0, out.toPrettyString());
        assertEquals(
                out.at("/addLocation/location/id").asText(),
                out.at("/updateLocation/id").asText(),
                out.get("updateLocation").toString());
        assertTrue(
                out.at("/removeLocationById/undefined").asBoolean(),
                out.get("removeLocationById").toString());
        assertTrue(out.at("/getLocationByIdAfterRemove/undefined").asBoolean());
        // The location's entity stays, annotated as an orphan.
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/" + name)
                .then()
                .statusCode(200)
                .body("metadata.annotations.'backstage.io/orphan'", org.hamcrest.Matchers.equalTo("true"));
        assertNotNull(out.get("entityUid"));
        assertNull(out.get("addLocation").get("error"));
    }

    /** The distinct texts of a JSON array. */
    private static Set<String> texts(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Installs the client with npm (once per build folder), as CI does. */
    private static void install() throws Exception {
        Files.createDirectories(FOLDER);
        for (String file : List.of("package.json", "client.js")) {
            try (var in = BackstageCatalogClientTest.class.getResourceAsStream("/catalog-client/" + file)) {
                Files.write(FOLDER.resolve(file), in.readAllBytes());
            }
        }
        if (!Files.isDirectory(FOLDER.resolve("node_modules/@backstage/catalog-client"))) {
            Result npm = run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), 540);
            assertEquals(0, npm.exit(), "npm install failed: " + npm.output());
        }
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command, int seconds, String... env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(FOLDER.toFile().exists() ? FOLDER.toFile() : null)
                .redirectErrorStream(false);
        Map<String, String> environment = pb.environment();
        for (int i = 0; i < env.length; i += 2) {
            environment.put(env[i], env[i + 1]);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        var stderr = new java.io.ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(stderr);
            } catch (IOException e) {
                // ignored
            }
        });
        drain.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out: " + stdout);
        }
        drain.join(5_000);
        return new Result(p.exitValue(), p.exitValue() == 0 ? stdout : stdout + "\n" + stderr);
    }
}
