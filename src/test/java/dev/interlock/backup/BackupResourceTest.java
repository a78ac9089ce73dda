package dev.interlock.backup;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.interlock.scorecard.ScorecardService;
import dev.interlock.support.Api;

/**
 * Export and import through the API, on the test database: the catalog out as a zip, the database emptied, the zip
 * back in gives the same rows (uids, etags, relations, search rows, history, scorecard results and their history,
 * runs and run events); bad archives are refused with the file at fault and change nothing; only admins may do it.
 */
@QuarkusTest
@TestProfile(BackupResourceTest.Profile.class)
class BackupResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An empty catalog to start with, and a small unpacking limit so that a zip bomb is cheap to make. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "interlock.examples.load",
                    "false",
                    "interlock.backup.max-unpacked-size",
                    "1M",
                    "interlock.backup.max-file-size",
                    "256K");
        }
    }

    private static final String TABLES = "entities, search, relations, entity_history, scorecard_results, "
            + "scorecard_history, runs, run_event_waits, run_events, locations, location_entities, location_conflicts";

    /** The fixtures' jobs, as the run writer keeps them (V20; other tests' jobs may have been kept otherwise). */
    private static final String RUN_JOBS = "SELECT job_key, bound_to, format, job_namespace, job_name, job_alt,"
            + " last_seen FROM run_jobs WHERE job_key LIKE 'openlineage:bk|%' ORDER BY job_key, bound_to";

    @Inject
    DataSource dataSource;

    @Inject
    ScorecardService scorecards;

    @BeforeEach
    void catalogWithResults() {
        BackupFixtures.register();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> scorecards.idle()
                        && scorecards.results("scorecard:default/bk-basics", null).stream()
                                .map(r -> r.entityRef())
                                .toList()
                                .containsAll(List.of("component:default/bk-etl", "component:default/bk-svc"))
                        && !rows("SELECT pipeline_ref FROM runs WHERE pipeline_ref = 'component:default/bk-etl'")
                                .isEmpty());
    }

    @Test
    void exportThenAFreshDatabaseThenImportGivesTheSameCatalog() {
        byte[][] zip = new byte[1][];
        Map<String, List<String>> before = stableSnapshot(zip);
        Map<String, String> files = BackupFixtures.unzip(zip[0]);
        String svcUid = field(before.get("entities"), "component:default/bk-svc", 0);
        assertTrue(files.get("component/default/bk-svc.yaml").contains("uid: " + svcUid), files.toString());
        assertTrue(
                files.containsKey("scorecard/default/bk-basics.yaml"),
                files.keySet().toString());
        assertTrue(files.get(Archive.MANIFEST).contains("format: " + Archive.FORMAT));
        assertTrue(files.get("_interlock/scorecard-results.jsonl").contains("bk-etl"));
        assertEquals(
                files, BackupFixtures.unzip(BackupFixtures.export()), "an unchanged catalog exports the same bytes");
        List<String> jobs = rows(RUN_JOBS);
        assertTrue(jobs.stream().anyMatch(j -> j.contains("component:default/bk-etl")), jobs.toString());

        wipe();
        Api.as("admin").get("/api/catalog/entities/by-query?limit=0").then().body("totalItems", equalTo(0));
        Api.as("admin")
                .contentType(BackupResource.ZIP)
                .body(zip[0])
                .post("/api/catalog/import")
                .then()
                .statusCode(200)
                .body("entities", equalTo(before.get("entities").size()))
                .body("replaced", equalTo(0))
                .body("rows.runs", equalTo(1));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(before, snapshot()));
        // The table of jobs is not exported: the import builds it from the runs it restored.
        assertEquals(jobs, rows(RUN_JOBS));
        Api.as("bob")
                .get("/api/catalog/entities/by-name/component/default/bk-svc")
                .then()
                .body("metadata.uid", equalTo(svcUid))
                .body("relations.targetRef", hasItem("resource:default/bk-table"));
        Api.as("bob")
                .get("/api/pipelines/default/bk-etl/health")
                .then()
                .statusCode(200)
                .body("lastRun.state", equalTo("succeeded"));
        assertEquals(
                files, BackupFixtures.unzip(BackupFixtures.export()), "the imported catalog exports the same files");
    }

    @Test
    void importIntoAFilledCatalogReplacesTheArchivesEntitiesAndKeepsTheRest() {
        byte[][] zip = new byte[1][];
        Map<String, List<String>> before = stableSnapshot(zip);
        String extra = Api.unique("bk-extra");
        Api.register(Api.component(extra, "group:bk-team", null)).statusCode(201);
        Api.as("admin")
                .contentType("application/yaml")
                .body(BackupFixtures.service("third"))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201);

        Api.as("admin")
                .contentType(BackupResource.ZIP)
                .body(zip[0])
                .post("/api/catalog/import")
                .then()
                .statusCode(200)
                .body("replaced", equalTo(before.get("entities").size()));

        Api.as("bob")
                .get("/api/catalog/entities/by-name/component/default/bk-svc")
                .then()
                .body("metadata.description", equalTo("second version"))
                .body("metadata.uid", equalTo(field(before.get("entities"), "component:default/bk-svc", 0)))
                .body("metadata.etag", equalTo(field(before.get("entities"), "component:default/bk-svc", 2)));
        Api.as("bob")
                .get("/api/catalog/entities/by-name/component/default/" + extra)
                .then()
                .statusCode(200);
    }

    @Test
    void badArchivesAreRefusedWithTheFileAtFaultAndChangeNothing() {
        Map<String, List<String>> before = catalogRows();
        String svcUid = field(before.get("entities"), "component:default/bk-svc", 0);
        String newOne = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: bk-new}\n"
                + "spec: {type: service, lifecycle: production, owner: group:bk-team}\n";
        refused(400, "not a zip".getBytes()).body("error.message", containsString("not a zip archive"));
        refused(400, BackupFixtures.zip(Map.of("../evil.yaml", newOne)))
                .body("errors[0].file", equalTo("../evil.yaml"))
                .body("error.message", containsString(".."));
        refused(
                        400,
                        BackupFixtures.zip(
                                Map.of(
                                        "component/default/bk-new.yaml",
                                        newOne,
                                        "component/default/bad.yaml",
                                        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n"
                                                + "  name: Not Valid\nspec: {type: service, owner: x, lifecycle: production}\n")))
                .body("errors[0].file", equalTo("component/default/bad.yaml"))
                .body("errors[0].line", equalTo(4))
                .body(
                        "errors[0].message",
                        startsWith("component/default/bad.yaml:4: document 1 (line 4): "
                                + "\"metadata.name\" is not valid"));
        refused(400, BackupFixtures.zip(Map.of("component/default/elsewhere.yaml", newOne)))
                .body(
                        "errors[0].message",
                        containsString(
                                "holds component:default/bk-new, whose file is " + "component/default/bk-new.yaml"));
        refused(
                        400,
                        BackupFixtures.zip(Map.of(
                                Archive.MANIFEST,
                                "format: " + Archive.FORMAT + "\n",
                                "_interlock/runs.jsonl",
                                "{\"format\": \"openlineage\"}\n")))
                .body("errors[0].file", equalTo("_interlock/runs.jsonl"))
                .body("errors[0].line", equalTo(1))
                .body("errors[0].message", containsString("\"run_key\" is missing"));
        refused(400, BackupFixtures.zip(Map.of("_interlock/secrets.txt", "x")))
                .body("errors[0].message", containsString("is not a file an export writes"));
        refused(
                        409,
                        BackupFixtures.zip(Map.of(
                                "component/default/bk-new.yaml",
                                newOne.replace("{name: bk-new}", "{name: bk-new, uid: " + svcUid + "}"))))
                .body("error.name", equalTo("ConflictError"))
                .body("errors[0].message", containsString("is the uid of component:default/bk-svc"));
        refused(413, BackupFixtures.zip(Map.of("component/default/bk-new.yaml", newOne + "#" + "0".repeat(300 << 10))))
                .body("error.message", containsString("this file unpacks to more than 262144 bytes"));
        Map<String, String> many = new java.util.TreeMap<>();
        for (int i = 0; i < 6; i++) {
            many.put("component/default/bk-pad-" + i + ".yaml", "#" + "0".repeat(200 << 10));
        }
        refused(413, BackupFixtures.zip(many))
                .body("error.message", containsString("the archive unpacks to more than"));
        Api.as("admin")
                .contentType("text/plain")
                .body("x")
                .post("/api/catalog/import")
                .then()
                .statusCode(415);

        assertEquals(before, catalogRows(), "a refused import changes nothing");
        Api.as("bob")
                .get("/api/catalog/entities/by-name/component/default/bk-new")
                .then()
                .statusCode(404);
    }

    @Test
    void archivesCutShortOrHoldingAnEntityTwiceAreRefusedByName() {
        Map<String, List<String>> before = catalogRows();
        String newOne = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: bk-new}\n"
                + "spec: {type: service, lifecycle: production, owner: group:bk-team}\n";
        refused(
                        400,
                        BackupFixtures.zip(Map.of(
                                "component/default/bk-new.yaml", newOne, "component/default/bk-new.yml", newOne)))
                .body("errors[0].message", containsString("as component/default/bk-new.yaml does"));
        String uid = "0d6f3b4e-1111-4222-8333-944455556666";
        refused(
                        400,
                        BackupFixtures.zip(Map.of(
                                "component/default/bk-a.yaml",
                                newOne.replace("{name: bk-new}", "{name: bk-a, uid: " + uid + "}"),
                                "component/default/bk-b.yaml",
                                newOne.replace("{name: bk-new}", "{name: bk-b, uid: " + uid + "}"))))
                .body("errors[0].message", containsString("is also the uid in component/default/bk-a.yaml"));

        // An export cut short (a download that stopped between two files still reads as a whole zip).
        Map<String, String> cut = new LinkedHashMap<>(BackupFixtures.unzip(BackupFixtures.export()));
        cut.remove(cut.keySet().stream()
                .filter(p -> !Archive.isMeta(p))
                .findFirst()
                .orElseThrow());
        cut.put("_interlock/runs.jsonl", "");
        refused(400, BackupFixtures.zip(cut))
                .body("errors.message", hasItem(containsString("entity files: it is cut short")))
                .body("errors.message", hasItem(containsString("rows of runs but the archive holds 0")));

        // A file added to an export since: it would have no history and no results.
        Map<String, String> added = new LinkedHashMap<>(BackupFixtures.unzip(BackupFixtures.export()));
        added.put("component/default/bk-new.yaml", newOne);
        refused(400, BackupFixtures.zip(added))
                .body("errors[0].file", equalTo(Archive.MANIFEST))
                .body("errors[0].message", containsString("entity files: files were added since the export"));

        // A file renamed since (the counts agree): the entity would come back without its uid, history and results.
        Map<String, String> renamed = new LinkedHashMap<>(BackupFixtures.unzip(BackupFixtures.export()));
        String svc = renamed.remove("component/default/bk-svc.yaml");
        renamed.put("component/default/bk-renamed.yaml", svc.replace("name: bk-svc", "name: bk-renamed"));
        refused(400, BackupFixtures.zip(renamed))
                .body("errors[0].file", equalTo("component/default/bk-renamed.yaml"))
                .body(
                        "errors[0].message",
                        containsString("holds component:default/bk-renamed, which _interlock/entities.jsonl does not"
                                + " list: the file was renamed or added since the export"));

        // A download that stopped in the middle of a file.
        byte[] whole = BackupFixtures.zip(Map.of("component/default/bk-new.yaml", newOne.repeat(20)));
        refused(400, java.util.Arrays.copyOf(whole, 60))
                .body("errors[0].file", equalTo("component/default/bk-new.yaml"))
                .body("errors[0].message", containsString("the archive is cut short or damaged at this file"));

        cut.remove(Archive.MANIFEST);
        refused(400, BackupFixtures.zip(cut))
                .body("errors[0].file", equalTo(Archive.MANIFEST))
                .body("errors[0].message", containsString("is missing, but the archive holds tables of _interlock/"));
        refused(400, BackupFixtures.zip(Map.of("README.md", "hello")))
                .body("error.message", containsString("there is nothing to import"));
        refused(
                        400,
                        BackupFixtures.zip(
                                Map.of("component/default/caf\u00e9.yaml", newOne),
                                java.nio.charset.StandardCharsets.ISO_8859_1))
                .body("error.message", containsString("is not UTF-8 text"));
        Map<String, String> broken = new LinkedHashMap<>();
        for (int i = 0; i < 150; i++) {
            broken.put("component/default/bk-broken-" + i + ".yaml", "kind: [\n");
        }
        refused(400, BackupFixtures.zip(broken))
                .body("error.message", startsWith("150 problems"))
                .body("errors.size()", equalTo(101))
                .body("errors[100].message", containsString("and 50 more problems"));
        assertEquals(before, catalogRows(), "a refused import changes nothing");
    }

    @Test
    void aZipOfTheExportsFolderItselfImportsAsTheExport() {
        Map<String, List<String>> before = catalogRows();
        Map<String, String> folder = new LinkedHashMap<>();
        // As zip -r backup.zip backup/ makes it, with what macOS's Finder adds.
        BackupFixtures.unzip(BackupFixtures.export()).forEach((path, text) -> folder.put("backup/" + path, text));
        folder.put("__MACOSX/backup/._manifest.yaml", "x");
        Api.as("admin")
                .contentType(BackupResource.ZIP)
                .body(BackupFixtures.zip(folder))
                .post("/api/catalog/import")
                .then()
                .statusCode(200)
                .body("entities", equalTo(before.get("entities").size()))
                .body("rows.runs", equalTo(1));
        assertEquals(before, catalogRows(), "the same export imported again changes nothing");
    }

    /**
     * An archive whose task run waits without its event (the bulky run-events file left out, the manifest edited to
     * match) imports: the wait is kept and never read, as nothing joins it to an event.
     */
    @Test
    void aWaitWithoutItsEventImports() {
        Map<String, String> files = new LinkedHashMap<>(BackupFixtures.unzip(BackupFixtures.export()));
        assertTrue(
                files.get("_interlock/run-event-waits.jsonl").contains("bk-task-1"),
                files.keySet().toString());
        files.remove("_interlock/run-events.jsonl");
        // A manifest edited to match (one that lists the file's rows refuses the archive as cut short).
        files.put(
                Archive.MANIFEST,
                files.get(Archive.MANIFEST)
                                .lines()
                                .filter(l -> !l.contains("run-events:"))
                                .collect(java.util.stream.Collectors.joining("\n"))
                        + "\n");
        wipe();
        Api.as("admin")
                .contentType(BackupResource.ZIP)
                .body(BackupFixtures.zip(files))
                .post("/api/catalog/import")
                .then()
                .statusCode(200)
                .body("rows.run-event-waits", equalTo(1));
        assertEquals(List.of(), rows("SELECT dedup_key FROM run_events"));
        assertEquals(1, rows("SELECT dedup_key FROM run_event_waits").size());
        // The event itself, sent again, is taken and waits as before (its wait replaced, not a second one).
        BackupFixtures.register();
        assertEquals(
                1,
                rows("SELECT dedup_key FROM run_events WHERE dedup_key LIKE '%bk-task-1'")
                        .size());
        assertEquals(1, rows("SELECT dedup_key FROM run_event_waits").size());
    }

    @Test
    void rowsTooLongForTheirColumnsAreRefusedByFileAndLine() {
        Map<String, List<String>> before = catalogRows();
        Map<String, String> files = BackupFixtures.unzip(BackupFixtures.export());
        refused(400, BackupFixtures.zip(withFirstRow(files, "entities", "created_by", "x".repeat(301))))
                .body("errors[0].file", equalTo("_interlock/entities.jsonl"))
                .body("errors[0].line", equalTo(1))
                .body("errors[0].message", containsString("\"created_by\" is longer than 300 characters"));
        refused(400, BackupFixtures.zip(withFirstRow(files, "entity-history", "action", "x".repeat(17))))
                .body("errors[0].file", equalTo("_interlock/entity-history.jsonl"))
                .body("errors[0].line", equalTo(1))
                .body("errors[0].message", containsString("\"action\" is longer than 16 characters"));
        refused(400, BackupFixtures.zip(withFirstRow(files, "runs", "run_trigger", "x".repeat(17))))
                .body("errors[0].file", equalTo("_interlock/runs.jsonl"))
                .body("errors[0].line", equalTo(1))
                .body("errors[0].message", containsString("\"run_trigger\" is longer than 16 characters"));
        assertEquals(before, catalogRows(), "a refused import changes nothing");
    }

    /**
     * No value of the catalog holds a NUL character or half a surrogate pair (descriptors and run events refuse
     * them): a row of an edited file that does is refused by file and line. H2 stored it, and PostgreSQL stopped the
     * import with its own error, naming neither.
     */
    @Test
    void aRowHoldingANulCharacterOrHalfASurrogatePairIsRefusedByFileAndLine() {
        Map<String, List<String>> before = catalogRows();
        Map<String, String> files = BackupFixtures.unzip(BackupFixtures.export());
        refused(400, BackupFixtures.zip(withFirstRow(files, "entity-history", "actor", "ad\u0000min")))
                .body("errors[0].file", equalTo("_interlock/entity-history.jsonl"))
                .body("errors[0].line", equalTo(1))
                .body(
                        "errors[0].message",
                        equalTo("_interlock/entity-history.jsonl:1: \"actor\" holds a NUL character (\\u0000);"
                                + " remove it"));
        // Written as JSON writes it, an escape: the character itself is no UTF-8 and would not reach the file.
        Map<String, String> surrogate = withFirstRow(files, "entities", "source", "kind: HALF");
        surrogate.put(
                "_interlock/entities.jsonl",
                surrogate.get("_interlock/entities.jsonl").replace("kind: HALF", "kind: \\ud800"));
        refused(400, BackupFixtures.zip(surrogate))
                .body("errors[0].file", equalTo("_interlock/entities.jsonl"))
                .body("errors[0].line", equalTo(1))
                .body(
                        "errors[0].message",
                        containsString("\"source\" holds half of a UTF-16 surrogate pair (\\ud800)"));
        assertEquals(before, catalogRows(), "a refused import changes nothing");
    }

    /**
     * Descriptors alone (no {@code _interlock/}, no identity in the files, as a Git checkout edited by hand) carry
     * neither history nor generation: the import writes the entities as a registration would, so a generation does
     * not go back to 1, the entity keeps when and by whom it was created, and its history has the change.
     */
    @Test
    void descriptorsAloneUpdateAnEntityAsARegistrationWould() {
        String name = Api.unique("bk-gen");
        String yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: " + name + "}\n"
                + "spec: {type: service, lifecycle: %s, owner: group:bk-team}\n";
        for (String lifecycle : List.of("one", "two")) {
            Api.as("admin")
                    .contentType("application/yaml")
                    .body(yaml.formatted(lifecycle))
                    .post("/api/catalog/entities")
                    .then()
                    .statusCode(201);
        }
        String path = "/api/catalog/entities/by-name/component/default/" + name;
        String uid = Api.as("admin")
                .get(path)
                .then()
                .body("metadata.generation", equalTo(2))
                .extract()
                .path("metadata.uid");
        List<String> created = rows("SELECT created_at, created_by FROM entities WHERE name = '" + name + "'");

        Api.as("admin")
                .contentType(BackupResource.ZIP)
                .body(BackupFixtures.zip(Map.of("component/default/" + name + ".yaml", yaml.formatted("three"))))
                .post("/api/catalog/import")
                .then()
                .statusCode(200)
                .body("replaced", equalTo(1));

        Api.as("admin")
                .get(path)
                .then()
                .body("metadata.uid", equalTo(uid))
                .body("metadata.generation", equalTo(3))
                .body("spec.lifecycle", equalTo("three"));
        assertEquals(created, rows("SELECT created_at, created_by FROM entities WHERE name = '" + name + "'"));
        Api.as("admin")
                .get(path + "/history")
                .then()
                .statusCode(200)
                .body("items[0].action", equalTo("updated"))
                .body("items[0].actor", equalTo("admin"))
                .body("items[0].generation", equalTo(3));
    }

    @Test
    void aRunInAStateInterlockDoesNotKnowIsRefusedByFileAndLine() {
        Map<String, List<String>> before = catalogRows();
        refused(
                        400,
                        BackupFixtures.zip(
                                withFirstRow(BackupFixtures.unzip(BackupFixtures.export()), "runs", "state", "bogus")))
                .body("errors[0].file", equalTo("_interlock/runs.jsonl"))
                .body("errors[0].line", equalTo(1))
                .body(
                        "errors[0].message",
                        containsString("\"state\" is not one of queued, running, succeeded, failed, cancelled,"
                                + " skipped, missed but \"bogus\""));
        assertEquals(before, catalogRows(), "a refused import changes nothing");
        Api.as("bob").get("/api/pipelines/default/bk-etl/runs").then().statusCode(200);
    }

    /**
     * Values other code reads back (references, a scorecard result's JSON, read as the server reads it) are refused
     * by file and line unless they have the form that code reads: stored, they answered 500 on every page showing them.
     */
    @Test
    void valuesReadBackAreRefusedByFileAndLineUnlessTheyHaveTheirForm() {
        Map<String, List<String>> before = catalogRows();
        Map<String, String> files = BackupFixtures.unzip(BackupFixtures.export());
        String result = "{\"entityRef\":\"component:default/bk-etl\",\"scorecardRef\":\"scorecard:default/bk-basics\","
                + "\"passed\":%s,\"failed\":%s,\"evaluatedAt\":\"2025-01-31T08:00:00Z\"}";
        List<List<String>> cases = List.of(
                List.of("scorecard-results", "result", "42"),
                List.of("scorecard-results", "result", "not json"),
                List.of("scorecard-results", "result", "{}"),
                // Read as the server reads JSON: a number is not taken for a check's id.
                List.of("scorecard-results", "result", result.formatted("[1]", "[]")),
                List.of("scorecard-results", "result", result.formatted("[]", "[null]")),
                List.of(
                        "scorecard-results",
                        "result",
                        result.replace("bk-etl", "BK-ETL").formatted("[]", "[]")),
                List.of("scorecard-results", "entity_ref", "bk-etl"),
                List.of("scorecard-history", "scorecard_ref", "scorecard:default/"),
                List.of("entity-history", "entity_ref", "Component:default/bk-etl"),
                List.of("runs", "pipeline_ref", "zzz"),
                // A time no reader can shift a day.
                List.of("runs", "started_at", "-999999999-01-01T00:00:00Z", "is not a UTC time between the years 1"),
                List.of("runs", "sort_time", "+10000-01-01T00:00:00Z", "is not a UTC time between the years 1"));
        for (List<String> c : cases) {
            refused(400, BackupFixtures.zip(withFirstRow(files, c.get(0), c.get(1), c.get(2))))
                    .body(
                            "errors.message",
                            hasItem(startsWith("_interlock/" + c.get(0) + ".jsonl:1: \"" + c.get(1) + "\" "
                                    + (c.size() > 3 ? c.get(3) : "is not valid; expected "))));
        }
        assertEquals(before, catalogRows(), "a refused import changes nothing");
        // The export's own values have their form.
        Api.as("admin")
                .contentType(BackupResource.ZIP)
                .body(BackupFixtures.zip(
                        withFirstRow(files, "scorecard-results", "result", result.formatted("[\"a\"]", "[]"))))
                .post("/api/catalog/import")
                .then()
                .statusCode(200);
    }

    /**
     * An export made before runs knew whether they report themselves (no {@code reports_itself}) imports, and its runs
     * keep their state: a child's failure arriving after a run that succeeded does not fail it.
     */
    @Test
    void runsFromAnExportMadeBeforeTheyKnewWhetherTheyReportThemselvesKeepTheirState() {
        Map<String, String> files = BackupFixtures.unzip(BackupFixtures.export());
        String path = "_interlock/runs.jsonl";
        StringBuilder older = new StringBuilder();
        for (String line : files.get(path).split("\n")) {
            try {
                ObjectNode row = (ObjectNode) JSON.readTree(line);
                assertTrue(row.has("reports_itself"), line);
                row.remove("reports_itself");
                older.append(JSON.writeValueAsString(row)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        files.put(path, older.toString());
        wipe();
        Api.as("admin")
                .contentType(BackupResource.ZIP)
                .body(BackupFixtures.zip(files))
                .post("/api/catalog/import")
                .then()
                .statusCode(200)
                .body("rows.runs", equalTo(1));
        assertEquals(List.of("null"), rows("SELECT reports_itself FROM runs"));
        String parent = "\"parent\": {\"run\": {\"runId\": \"" + BackupFixtures.RUN_ID + "\"}, \"job\": "
                + "{\"namespace\": \"bk\", \"name\": \"etl\"}}";
        Api.postLineage(Api.lineage("FAIL", Instant.now(), UUID.randomUUID().toString(), "bk", "etl.late", parent))
                .statusCode(201);
        Api.as("bob")
                .get("/api/pipelines/default/bk-etl/runs")
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].runId", equalTo(BackupFixtures.RUN_ID))
                .body("items[0].state", equalTo("succeeded"));
    }

    @Test
    void twoEntitiesGivenOneUidByTheirRowsAreRefusedByName() {
        Map<String, String> files = new LinkedHashMap<>(BackupFixtures.unzip(BackupFixtures.export()));
        String uid = field(catalogRows().get("entities"), "user:default/bk-ann", 0);
        for (String path : List.of("user/default/bk-ann.yaml", "user/default/bk-ben.yaml")) {
            files.put(path, files.get(path).replaceAll("\n  uid: [^\n]*", ""));
        }
        files.put(
                "_interlock/entities.jsonl",
                files.get("_interlock/entities.jsonl")
                        .replaceAll("(\"entity_ref\":\"user:default/bk-ben\",\"id\":\")[^\"]*", "$1" + uid));
        wipe();
        Map<String, List<String>> before = catalogRows();
        List<String> rows = List.of(files.get("_interlock/entities.jsonl").split("\n"));
        int ann = lineOf(rows, "user:default/bk-ann");
        int ben = lineOf(rows, "user:default/bk-ben");
        refused(400, BackupFixtures.zip(files))
                .body(
                        "errors.message",
                        hasItem("_interlock/entities.jsonl:" + ben + ": repeats the row of line " + ann + " (id \""
                                + uid + "\")"))
                .body("errors.message", hasItem(containsString("is also the uid in user/default/bk-ann.yaml")));
        assertEquals(before, catalogRows(), "a refused import changes nothing");
    }

    @Test
    void aRowRepeatedInItsFileIsRefusedWithBothLines() {
        Map<String, List<String>> before = catalogRows();
        Map<String, String> files = BackupFixtures.unzip(BackupFixtures.export());
        Map<String, String> repeated = new LinkedHashMap<>(files);
        String entities = files.get("_interlock/entities.jsonl");
        String[] rows = entities.split("\n");
        repeated.put("_interlock/entities.jsonl", entities + rows[0] + "\n");
        refused(400, BackupFixtures.zip(repeated))
                .body(
                        "errors.message",
                        hasItem("_interlock/entities.jsonl:" + (rows.length + 1) + ": repeats the row of line 1 (id \""
                                + value(rows[0], "id") + "\")"))
                .body("errors.line", hasItem(rows.length + 1));

        // The second event written as the first again: the database would refuse it without saying where.
        repeated = new LinkedHashMap<>(files);
        String[] events = files.get("_interlock/run-events.jsonl").split("\n");
        events[1] = events[0];
        repeated.put("_interlock/run-events.jsonl", String.join("\n", events) + "\n");
        refused(400, BackupFixtures.zip(repeated))
                .body("errors[0].file", equalTo("_interlock/run-events.jsonl"))
                .body("errors[0].line", equalTo(2))
                .body(
                        "errors[0].message",
                        equalTo("_interlock/run-events.jsonl:2: repeats the row of line 1 (dedup_key \""
                                + value(events[0], "dedup_key") + "\", format \"" + value(events[0], "format")
                                + "\")"));
        assertEquals(before, catalogRows(), "a refused import changes nothing");
    }

    @Test
    void anEntityRowWhoseIdIsNoUidIsRefusedByFileAndLine() {
        Map<String, List<String>> before = catalogRows();
        Map<String, String> files = BackupFixtures.unzip(BackupFixtures.export());
        for (String id : List.of("../../etc", "-starts-with-a-dash", "has space")) {
            refused(400, BackupFixtures.zip(withFirstRow(files, "entities", "id", id)))
                    .body("errors[0].file", equalTo("_interlock/entities.jsonl"))
                    .body("errors[0].line", equalTo(1))
                    .body(
                            "errors[0].message",
                            equalTo("_interlock/entities.jsonl:1: \"id\" is not valid; expected up to 36 letters, "
                                    + "digits and dashes, starting with a letter or digit but found \"" + id + "\""));
        }
        assertEquals(before, catalogRows(), "a refused import changes nothing");
    }

    @Test
    void aFileSavedInAnotherEncodingIsRefusedByFileAndLineNotStoredWithReplacementCharacters() {
        Map<String, List<String>> before = catalogRows();
        Map<String, String> files = BackupFixtures.unzip(BackupFixtures.export());
        String entityFile = files.keySet().stream()
                .filter(f -> f.startsWith("component/"))
                .findFirst()
                .orElseThrow();
        // Both saved by an editor as Latin-1: "é" is the single byte 0xe9, which is no UTF-8.
        for (String file : List.of("_interlock/entities.jsonl", entityFile)) {
            Map<String, byte[]> bytes = new java.util.TreeMap<>();
            files.forEach((name, text) -> bytes.put(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            String text = files.get(file);
            int eol = text.indexOf('\n');
            // "café" at the end of the first line: the 0xe9 byte is that line's character eol + 4.
            String latin1 = text.substring(0, eol) + "caf\u00e9" + text.substring(eol);
            bytes.put(file, latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            refused(400, BackupFixtures.zipBytes(bytes, java.nio.charset.StandardCharsets.UTF_8))
                    .body("errors.file", hasItem(file))
                    .body(
                            "errors.message",
                            hasItem(file + ":1: the file is not UTF-8 text: line 1, column " + (eol + 4)
                                    + " (byte 0xe9); an export writes UTF-8; save the file as UTF-8 again"));
        }
        assertEquals(before, catalogRows(), "a refused import changes nothing");
    }

    @Test
    void theKeysRowsAreCheckedForRepeatsAreTheDatabases() {
        for (Tables.Table t : Tables.ALL) {
            Map<String, java.util.Set<String>> constraints = new java.util.TreeMap<>();
            for (String row : rows("SELECT tc.constraint_name, kcu.column_name"
                    + " FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu"
                    + " ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name"
                    + " WHERE tc.table_schema = CURRENT_SCHEMA AND LOWER(tc.table_name) = '" + t.name()
                    + "' AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE')")) {
                String[] parts = row.split(" \\| ");
                constraints
                        .computeIfAbsent(parts[0], k -> new java.util.TreeSet<>())
                        .add(parts[1].toLowerCase(java.util.Locale.ROOT));
            }
            List<String> carried = t.columns().stream().map(Tables.Column::name).toList();
            // A generated id (a run's, a history entry's) is the database's own and no export carries it.
            java.util.Set<java.util.Set<String>> expected = constraints.values().stream()
                    .filter(carried::containsAll)
                    .collect(java.util.stream.Collectors.toSet());
            java.util.Set<java.util.Set<String>> checked =
                    t.unique().stream().map(java.util.Set::copyOf).collect(java.util.stream.Collectors.toSet());
            assertEquals(expected, checked, t.name());
        }
    }

    /** The 1-based line of the row with this entity reference. */
    private static int lineOf(List<String> rows, String ref) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).contains("\"entity_ref\":\"" + ref + "\"")) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(ref);
    }

    /** One value of a JSON line. */
    private static String value(String row, String column) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(row)
                    .get(column)
                    .asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theLengthsRowsAreCheckedAgainstAreTheDatabases() {
        for (Tables.Table t : Tables.ALL) {
            for (Tables.Column column : t.columns()) {
                if (column.type() != Tables.Type.TEXT) {
                    continue;
                }
                List<String> found = rows("SELECT character_maximum_length FROM information_schema.columns WHERE "
                        + "table_schema = CURRENT_SCHEMA AND LOWER(table_name) = '" + t.name()
                        + "' AND LOWER(column_name) = '" + column.name() + "'");
                assertEquals(1, found.size(), t.name() + "." + column.name());
                // A VARCHAR without a length: PostgreSQL gives none, H2 its largest.
                int length = found.get(0).equals("null") || Long.parseLong(found.get(0)) >= 1_000_000_000L
                        ? Integer.MAX_VALUE
                        : Integer.parseInt(found.get(0));
                assertEquals(length, column.maxLength(), t.name() + "." + column.name());
            }
        }
    }

    /** The files with one value of the first row of {@code _interlock/<table>.jsonl} replaced. */
    private static Map<String, String> withFirstRow(
            Map<String, String> files, String table, String column, String value) {
        Map<String, String> out = new LinkedHashMap<>(files);
        String path = "_interlock/" + table + ".jsonl";
        String[] lines = files.get(path).split("\n", 2);
        try {
            ObjectNode row = (ObjectNode) JSON.readTree(lines[0]);
            row.put(column, value);
            out.put(path, JSON.writeValueAsString(row) + "\n" + (lines.length > 1 ? lines[1] : ""));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Test
    void onlyAdminsExportAndImport() {
        byte[] zip = BackupFixtures.export();
        for (String user : List.of("alice", "bob")) {
            Api.as(user)
                    .get("/api/catalog/export")
                    .then()
                    .statusCode(403)
                    .body("error.name", equalTo("NotAllowedError"));
            Api.as(user)
                    .contentType(BackupResource.ZIP)
                    .body(zip)
                    .post("/api/catalog/import")
                    .then()
                    .statusCode(403);
        }
        Api.anonymous().get("/api/catalog/export").then().statusCode(401);
        Api.anonymous()
                .contentType(BackupResource.ZIP)
                .body(zip)
                .post("/api/catalog/import")
                .then()
                .statusCode(401);
    }

    private static ValidatableResponse refused(int status, byte[] zip) {
        return Api.as("admin")
                .contentType(BackupResource.ZIP)
                .body(zip)
                .post("/api/catalog/import")
                .then()
                .statusCode(status)
                .body("error.message", containsString("nothing was imported"))
                .body("response.statusCode", equalTo(status));
    }

    /** The snapshot and an export taken while nothing changed in between (a scoring may still be under way). */
    private Map<String, List<String>> stableSnapshot(byte[][] zip) {
        List<Map<String, List<String>>> out = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Map<String, List<String>> s = snapshot();
            zip[0] = BackupFixtures.export();
            out.add(s);
            return s.equals(snapshot());
        });
        return out.get(out.size() - 1);
    }

    /** Every row an export should bring back, as text (run and history ids left out: they are the database's). */
    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> s = catalogRows();
        s.put(
                "results",
                rows("SELECT entity_ref, scorecard_ref, level, result, evaluated_at FROM scorecard_results "
                        + "ORDER BY 2, 1"));
        s.put(
                "scoreHistory",
                rows("SELECT scorecard_ref, entity_ref, level, passed, failed, evaluated_at "
                        + "FROM scorecard_history ORDER BY 1, 2, 6, 3"));
        return s;
    }

    private Map<String, List<String>> catalogRows() {
        Map<String, List<String>> s = new LinkedHashMap<>();
        s.put(
                "entities",
                rows("SELECT entity_ref, id, generation, etag, body, source, warnings, location, created_at,"
                        + " created_by, updated_at, updated_by FROM entities ORDER BY entity_ref"));
        s.put("relations", rows("SELECT source_ref, type, target_ref FROM relations ORDER BY 1, 2, 3"));
        s.put(
                "search",
                rows("SELECT entity_id, search_key, search_value, original_value FROM search "
                        + "ORDER BY 1, 2, 3, 4"));
        s.put(
                "entityHistory",
                rows("SELECT entity_ref, entity_id, action, actor, at, generation, etag, "
                        + "changed_fields, body FROM entity_history ORDER BY entity_ref, id"));
        s.put(
                "runs",
                rows("SELECT format, run_key, run_id, job_key, pipeline_ref, state, started_at, ended_at, "
                        + "sort_time, events, reports_itself FROM runs ORDER BY 1, 2"));
        s.put(
                "events",
                rows("SELECT format, dedup_key, event_type, event_time, received_at, body, run_key FROM run_events "
                        + "ORDER BY 1, 2"));
        s.put("waits", rows("SELECT format, dedup_key, waits_for, event_time FROM run_event_waits ORDER BY 1, 2"));
        return s;
    }

    /** Column {@code index} (after the reference) of the row that starts with this reference. */
    private static String field(List<String> rows, String ref, int index) {
        return rows.stream()
                .filter(r -> r.startsWith(ref + " | "))
                .findFirst()
                .orElseThrow()
                .split(" \\| ")[index + 1];
    }

    private List<String> rows(String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    // A time is compared as the instant it is (an offset is the writer's time zone).
                    values.add(String.valueOf(value instanceof java.time.OffsetDateTime t ? t.toInstant() : value));
                }
                out.add(String.join(" | ", values));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Empties every table an export covers, as a fresh database would be. */
    private void wipe() {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            for (String table : TABLES.split(", ")) {
                st.executeUpdate("DELETE FROM " + table);
            }
            st.executeUpdate("DELETE FROM run_jobs");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
