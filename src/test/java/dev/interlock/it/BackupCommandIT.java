package dev.interlock.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@code quarkus-run.jar export DIR} and {@code import DIR} on real H2 file databases: the example catalog (with its
 * run history and scorecard results, made by a server run) exported from one database and imported into a fresh one
 * gives the same rows, and exporting that one gives the same files byte for byte.
 */
class BackupCommandIT {

    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes());

    /** What must come back the same, table by table (generated ids left out). */
    private static final Map<String, String> ROWS = Map.of(
            "entities",
                    "SELECT entity_ref, id, etag, generation, body, source, location, created_at, created_by, "
                            + "updated_at, updated_by FROM entities ORDER BY entity_ref",
            "relations", "SELECT source_ref, type, target_ref FROM relations ORDER BY 1, 2, 3",
            "scorecard_results", "SELECT * FROM scorecard_results ORDER BY scorecard_ref, entity_ref",
            "scorecard_history", "SELECT * FROM scorecard_history ORDER BY 1, 2, 6, 3, 4, 5",
            "entity_history",
                    "SELECT entity_ref, action, actor, at, generation, etag, changed_fields, body "
                            + "FROM entity_history ORDER BY entity_ref, id",
            "runs",
                    "SELECT format, run_key, pipeline_ref, state, started_at, ended_at, actor, manual FROM runs "
                            + "ORDER BY 1, 2",
            "run_events", "SELECT format, dedup_key, event_time, body FROM run_events ORDER BY 1, 2",
            "locations", "SELECT id, type, target FROM locations ORDER BY id",
            "location_entities", "SELECT * FROM location_entities ORDER BY entity_ref");

    @Test
    void exportFromOneDatabaseThenImportIntoAFreshOneGivesTheSameCatalog() throws Exception {
        Path work = Files.createTempDirectory("interlock-backup");
        String first = Packaged.h2(work.resolve("first/interlock"));
        String second = Packaged.h2(work.resolve("second/interlock"));
        fillWithTheExamples(first, work);

        Packaged.Run export = Packaged.command(work, db(first), "export", "out");
        assertEquals(0, export.status(), export.toString());
        assertTrue(export.err().contains("entities and"), export.err());
        assertFalse(Files.exists(work.resolve("data")), "the command used the configured database, not ./data");
        assertTrue(Files.readString(work.resolve("out/component/default/dbt-revenue-models.yaml"))
                .contains("uid: "));
        Packaged.Run restore = Packaged.command(work, db(second), "import", "out");
        assertEquals(0, restore.status(), restore.toString());
        assertTrue(restore.err().contains("0 replaced"), restore.err());

        Map<String, List<String>> before = rows(first);
        assertTrue(before.values().stream().allMatch(r -> !r.isEmpty()), "every table has rows: " + before);
        assertEquals(before, rows(second));

        Packaged.Run fromSecond = Packaged.command(work, db(second), "export", "from-second");
        assertEquals(0, fromSecond.status(), fromSecond.toString());
        Map<String, String> exported = files(work.resolve("out"));
        assertTrue(exported.size() > 60, exported.keySet().toString());
        assertEquals(
                exported,
                files(work.resolve("from-second")),
                "the imported database exports the same files as the one exported");
        Packaged.Run over = Packaged.command(work, db(first), "export", "out");
        assertEquals(0, over.status(), over.toString());
        assertEquals(exported, files(work.resolve("out")), "exporting again into an earlier export changes nothing");

        assertEquals(
                0, Packaged.command(work, db(second), "export", "second.zip").status());
        Packaged.Run again = Packaged.command(work, db(second), "import", "second.zip");
        assertEquals(0, again.status(), again.toString());
        assertTrue(
                again.err()
                        .contains("import: " + before.get("entities").size() + " entities ("
                                + before.get("entities").size() + " replaced"),
                again.err());
        assertEquals(before, rows(second), "importing a catalog into itself changes nothing");
    }

    @Test
    void usageErrorsExitTwoAndARefusedImportExitsOneAndChangesNothing() throws Exception {
        Path work = Files.createTempDirectory("interlock-backup-bad");
        String db = Packaged.h2(work.resolve("db/interlock"));
        assertEquals(2, Packaged.command(work, db(db), "export").status());
        Packaged.Run missing = Packaged.command(work, db(db), "import", "nowhere");
        assertEquals(2, missing.status(), missing.toString());
        assertTrue(missing.err().contains("nowhere does not exist"), missing.err());
        Files.writeString(
                Files.createDirectories(work.resolve("busy")).resolve("catalog-info.yaml"), "kind: Component\n");
        Packaged.Run busy = Packaged.command(work, db(db), "export", "busy");
        assertEquals(2, busy.status(), busy.toString());
        assertTrue(busy.err().contains("no earlier export"), busy.err());

        Path repo = Files.createDirectories(work.resolve("repo/.git"));
        Files.writeString(repo.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(work.resolve("repo/README.md"), "Our catalog\n");
        Packaged.Run intoGit = Packaged.command(work, db(db), "export", "repo");
        assertEquals(0, intoGit.status(), "a Git checkout with a README takes an export: " + intoGit);
        assertTrue(Files.exists(work.resolve("repo/.git/HEAD")) && Files.exists(work.resolve("repo/README.md")));
        assertTrue(Files.exists(work.resolve("repo/" + "_interlock/manifest.yaml")));

        Path bad = Files.createDirectories(work.resolve("bad/component/default"));
        Files.writeString(
                bad.resolve("good.yaml"),
                "apiVersion: backstage.io/v1alpha1\nkind: Component\n"
                        + "metadata: {name: good}\nspec: {type: service, lifecycle: production, owner: group:x}\n");
        Files.writeString(
                bad.resolve("bad.yaml"),
                "apiVersion: backstage.io/v1alpha1\nkind: Component\n"
                        + "metadata:\n  name: Not Valid\nspec: {type: service, lifecycle: production, owner: group:x}\n");
        Packaged.Run refused = Packaged.command(work, db(db), "import", "bad");
        assertEquals(1, refused.status(), refused.toString());
        assertEquals(1, refused.out().size(), refused.toString());
        assertTrue(
                refused.out()
                        .get(0)
                        .startsWith("component/default/bad.yaml:4: document 1 (line 4): "
                                + "\"metadata.name\" is not valid"),
                refused.out().get(0));
        assertTrue(refused.err().contains("nothing was imported"), refused.err());
        assertEquals(List.of(), rows(db).get("entities"), "the good file was not imported either");

        // A database another process holds: one line that says so and what to do, no stack trace.
        try (Connection holder = DriverManager.getConnection(db.replace(";DB_CLOSE_ON_EXIT=FALSE", ""), "sa", "")) {
            Packaged.Run locked = Packaged.command(work, db(db), "export", "locked-out");
            assertEquals(1, locked.status(), locked.toString());
            assertTrue(locked.err().contains("export: the catalog's database is in use"), locked.err());
            assertTrue(!locked.err().contains("\tat "), "no stack trace: " + locked.err());
        }
    }

    /** Starts the server on the database once: it loads the examples and their runs, and scores them. */
    private static void fillWithTheExamples(String jdbcUrl, Path logs) throws Exception {
        int port = Packaged.freePort();
        Process server = Packaged.start(jdbcUrl, port, logs);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                String body = Packaged.send(HttpRequest.newBuilder(
                                        Packaged.uri(port, "/api/scorecards/default/survivability/results"))
                                .header("Authorization", ADMIN)
                                .GET())
                        .body();
                return body.contains("\"level\"") && body.contains("fivetran-salesforce");
            });
        } finally {
            Packaged.stop(server);
        }
    }

    private static Map<String, String> db(String jdbcUrl) {
        return Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
    }

    private static Map<String, List<String>> rows(String jdbcUrl) throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl.replace(";DB_CLOSE_ON_EXIT=FALSE", ""), "sa", "");
                Statement st = c.createStatement()) {
            for (var table : ROWS.entrySet()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(table.getValue())) {
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            // A time is compared as the instant it is (an offset is the writer's time zone).
                            row.append(value instanceof OffsetDateTime t ? t.toInstant() : value)
                                    .append(" | ");
                        }
                        rows.add(row.toString());
                    }
                }
                out.put(table.getKey(), rows);
            }
        }
        return out;
    }

    /** The files of a folder by relative path, with their text (byte for byte: UTF-8 both ways). */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }
}
