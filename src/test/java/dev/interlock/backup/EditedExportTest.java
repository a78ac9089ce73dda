package dev.interlock.backup;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import dev.interlock.scorecard.ScorecardService;
import dev.interlock.support.Api;

/**
 * An export's entity file edited before it is imported again (in Git, say) is a change the import makes: a new etag,
 * so that a client holding the exported one must read the entity again; the generation moved on when its spec
 * changed; the edit recorded as the entity's newest change. Files not edited keep what the export gave them.
 */
@QuarkusTest
@TestProfile(BackupResourceTest.Profile.class)
class EditedExportTest {

    @Inject
    ScorecardService scorecards;

    private static JsonPath entity(String kind, String name) {
        return Api.as("admin")
                .get("/api/catalog/entities/by-name/" + kind + "/default/" + name)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath history(String kind, String name) {
        return Api.as("admin")
                .get("/api/catalog/entities/by-name/" + kind + "/default/" + name + "/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The service's level on the fixtures' scorecard. */
    private String level() {
        return scorecards.results("scorecard:default/bk-basics", null).stream()
                .filter(r -> r.entityRef().equals("component:default/bk-svc"))
                .findFirst()
                .orElseThrow()
                .level();
    }

    @Test
    void anEditedFileGetsANewEtagAndItsEditIsRecorded() {
        BackupFixtures.register();
        await().atMost(Duration.ofSeconds(20)).until(() -> scorecards.idle());
        JsonPath svc = entity("component", "bk-svc");
        JsonPath table = entity("resource", "bk-table");
        JsonPath etl = entity("component", "bk-etl");
        int etlChanges = history("component", "bk-etl").getList("items").size();
        byte[] zip = BackupFixtures.export();
        Map<String, String> files = new TreeMap<>(BackupFixtures.unzip(zip));
        String svcFile = files.get("component/default/bk-svc.yaml");
        assertTrue(svcFile.startsWith("# Exported by Interlock"), svcFile);
        assertTrue(svcFile.contains("lifecycle: production") && svcFile.contains("owner: group:bk-team"), svcFile);
        assertEquals("bronze", level(), "owned by a team");
        // The spec of one edited, the description of another, a third left as it was.
        files.put(
                "component/default/bk-svc.yaml",
                svcFile.replace("lifecycle: production", "lifecycle: retired")
                        .replace("owner: group:bk-team", "owner: user:bk-ann"));
        String tableFile = files.get("resource/default/bk-table.yaml");
        files.put("resource/default/bk-table.yaml", tableFile.replace("stay strings", "stay strings, edited"));
        assertTrue(!tableFile.equals(files.get("resource/default/bk-table.yaml")), tableFile);

        Api.as("admin")
                .contentType(BackupResource.ZIP)
                .body(BackupFixtures.zip(files))
                .post("/api/catalog/import")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200);

        JsonPath svcAfter = entity("component", "bk-svc");
        assertEquals("retired", svcAfter.getString("spec.lifecycle"));
        assertEquals(svc.getString("metadata.uid"), svcAfter.getString("metadata.uid"));
        assertTrue(!svc.getString("metadata.etag").equals(svcAfter.getString("metadata.etag")), "a new etag");
        assertEquals(svc.getLong("metadata.generation") + 1, svcAfter.getLong("metadata.generation"));
        JsonPath svcHistory = history("component", "bk-svc");
        assertEquals("updated", svcHistory.getString("items[0].action"));
        assertEquals("admin", svcHistory.getString("items[0].actor"));
        assertEquals(List.of("spec"), svcHistory.getList("items[0].changedFields"));
        assertEquals(svcAfter.getString("metadata.etag"), svcHistory.getString("items[0].etag"));

        JsonPath tableAfter = entity("resource", "bk-table");
        assertTrue(tableAfter.getString("metadata.description").endsWith("stay strings, edited"));
        assertTrue(!table.getString("metadata.etag").equals(tableAfter.getString("metadata.etag")), "a new etag");
        assertEquals(table.getLong("metadata.generation"), tableAfter.getLong("metadata.generation"));
        assertEquals(List.of("metadata"), history("resource", "bk-table").getList("items[0].changedFields"));

        JsonPath etlAfter = entity("component", "bk-etl");
        assertEquals(etl.getString("metadata.etag"), etlAfter.getString("metadata.etag"));
        assertEquals(etl.getLong("metadata.generation"), etlAfter.getLong("metadata.generation"));
        assertEquals(etlChanges, history("component", "bk-etl").getList("items").size(), "no change recorded");

        // A client holding the exported etag is told the entity changed, not let to overwrite the edit.
        Api.as("admin")
                .contentType("application/yaml")
                .header("If-Match", "\"" + svc.getString("metadata.etag") + "\"")
                .body(BackupFixtures.service("third"))
                .post("/api/catalog/entities")
                .then()
                .statusCode(409)
                .body("error.message", not(equalTo(null)));
        // The edited entity's results are computed again, from what it is now: owned by a person, no level.
        await().atMost(Duration.ofSeconds(20)).until(() -> scorecards.idle() && level() == null);
    }

    /**
     * A file as the export wrote it is not an edit, whatever values its entity holds: numbers that YAML could read as
     * another type, strings that look like numbers, booleans or dates, line breaks, Unicode, empty maps and lists.
     */
    @Test
    void aFileAsExportedIsNotAnEditWhateverItsValues() {
        String name = "bk-odd-values";
        Api.registerAs("admin", """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  description: "line one\nline two: with a colon # and a hash"
                  labels: {version: "1.0", flag: "true", nothing: "null", hex: "0x1F", date: "2026-01-01"}
                  annotations:
                    example.com/unicode: "caf\\u00e9 \\u2013 \\u6771\\u4eac \\U0001F680"
                    example.com/empty: ""
                    example.com/spaced: "  spaced  "
                  tags: [a, b-c]
                  links: [{url: "https://example.com/a?b=c&d=e", title: "Odd: link"}]
                spec:
                  type: service
                  lifecycle: production
                  owner: group:bk-team
                  extra:
                    float: 1.5
                    whole: 1.0
                    big: 9223372036854775807
                    exp: 1.0e20
                    date: 2026-01-01
                    bools: [true, false]
                    nested: {empty: {}, list: [], deep: [[1, 2], {k: v}]}
                    tilde: ~
                """.formatted(name)).log().ifValidationFails().statusCode(201);
        JsonPath before = entity("component", name);
        int changes = history("component", name).getList("items").size();

        Api.as("admin")
                .contentType(BackupResource.ZIP)
                .body(BackupFixtures.export())
                .post("/api/catalog/import")
                .then()
                .statusCode(200);

        JsonPath after = entity("component", name);
        assertEquals(before.getString("metadata.etag"), after.getString("metadata.etag"), "not taken for an edit");
        assertEquals(before.getLong("metadata.generation"), after.getLong("metadata.generation"));
        assertEquals(before.getMap("spec"), after.getMap("spec"));
        assertEquals(before.getMap("metadata.annotations"), after.getMap("metadata.annotations"));
        assertEquals(changes, history("component", name).getList("items").size(), "no change recorded");
    }
}
