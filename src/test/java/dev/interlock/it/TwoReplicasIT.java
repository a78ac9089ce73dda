package dev.interlock.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.interlock.replicas.LockKeys;

/**
 * Two packaged replicas, A and B, on one PostgreSQL database (a fresh {@code interlock_replicas} on the server at
 * 127.0.0.1:5432, user postgres; {@code -Dinterlock.it.pg-server}, {@code -Dinterlock.it.pg-database},
 * {@code -Dinterlock.it.pg-user} and {@code -Dinterlock.it.pg-password} change them). Needs the PostgreSQL build of the application
 * ({@code ./mvnw -Ppostgresql verify}); against the H2 build it is skipped.
 * <ol>
 * <li>A and B started at once on the empty database, each asked to load the example catalog, load it and its runs
 * once (the second failed its start);
 * <li>a registration on A is read on B at once, and B's catalog page counts it (signed in on A with B's sign-in
 * form: the CSRF key and the sessions are shared);
 * <li>a run received by A changes the pipeline's health on B at once (B had computed and kept it before);
 * <li>runs an import on A restored change the pipeline's health on B at once (B had computed and kept it before);
 * <li>a scorecard change on A is scored exactly once: one history row per entity and change;
 * <li>A is killed (SIGKILL) in the middle of a stream of registrations, while the scoring is held up: every
 * registration A acknowledged is on B, B keeps serving, and A restarted does the scoring left undone, once;
 * <li>A restarted binds the runs of a job that a pipeline claims and that were left unbound (by a replica stopped
 * between a change and its rebinding);
 * <li>two replicas rebinding at once leave a job's runs with the pipeline that claims it last;
 * <li>the tasks of one DAG run reporting to both replicas at once are all folded into its run;
 * <li>B stopped with SIGTERM answers readiness 503 first, then stops.
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasIT {

    private static final String SERVER = System.getProperty("interlock.it.pg-server", "//127.0.0.1:5432/");
    private static final String USER = System.getProperty("interlock.it.pg-user", "postgres");
    private static final String PASSWORD = System.getProperty("interlock.it.pg-password", "");
    /** Dropped and made again at each run: two runs at once on one server need two names. */
    private static final String DATABASE = System.getProperty("interlock.it.pg-database", "interlock_replicas");

    private static final String URL = "jdbc:postgresql:" + SERVER + DATABASE;
    private static final String ADMIN = basic("admin");
    private static final String ALICE = basic("alice");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The same key as the scorer's advisory lock (LockKeys.SCORER): "another replica is scoring". */
    private static final long SCORER_LOCK = (0x496E746CL << 32) | 1;
    /** The examples' lock (ExampleCatalogLoader.LOCK): "another replica is loading the examples". */
    private static final long EXAMPLES_LOCK = LockKeys.named("examples");

    private static Path logs;
    private static int portA;
    private static int portB;
    private static Process a;
    private static Process b;

    @BeforeAll
    static void twoReplicasOnAFreshDatabase() throws Exception {
        Assumptions.assumeTrue(
                Packaged.postgresqlBuild(),
                "the packaged application is the H2 build; build it with" + " ./mvnw -Ppostgresql to run this test");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql:" + SERVER + "postgres", USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
        logs = Files.createTempDirectory("interlock-replicas");
        portA = Packaged.freePort();
        portB = Packaged.freePort();
        // A replica without the examples makes the tables, and stops: the catalog stays empty.
        Packaged.stop(start(env(Map.of("INTERLOCK_EXAMPLES_LOAD", "false")), portA));
        // Both start at once, each asked to load the example catalog. Another transaction holds the locations table
        // until both have got as far as they can: each had found the catalog empty before either stored a location, and
        // the second's registration of the same files failed its start. Now one loads the examples and their runs while
        // the other waits for the examples' lock, then finds them there.
        java.util.concurrent.ExecutorService starting = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CompletableFuture<Process> startingA = null;
        java.util.concurrent.CompletableFuture<Process> startingB = null;
        try (Connection held = DriverManager.getConnection(URL, USER, PASSWORD)) {
            held.setAutoCommit(false);
            try (Statement s = held.createStatement()) {
                s.execute("LOCK TABLE locations IN EXCLUSIVE MODE");
            }
            startingA = java.util.concurrent.CompletableFuture.supplyAsync(TwoReplicasIT::startA, starting);
            startingB = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> start(
                            // B looks for work nobody is doing only when woken: the scoring A leaves undone is A's to
                            // catch up.
                            env(Map.of("INTERLOCK_SCORING_POLL_EVERY", "1h")), portB),
                    starting);
            await().atMost(PATIENCE)
                    .until(() -> count("SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid"
                                    + " WHERE NOT l.granted AND s.datname = current_database()"
                                    + " AND ((l.locktype = 'relation' AND l.relation = 'locations'::regclass)"
                                    + " OR (l.locktype = 'advisory'"
                                    + " AND ((l.classid::bigint << 32) | l.objid::bigint) = "
                                    + EXAMPLES_LOCK + "))")
                            == 2);
            held.commit();
        } finally {
            // Whatever failed, each start ends (within its own limit), and a replica that started is stopped after.
            a = started(startingA);
            b = started(startingB);
            starting.shutdown();
        }
        assertTrue(a != null && b != null, "both replicas started; see " + logs);
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM scoring_work") == 0);
    }

    @AfterAll
    static void stopBoth() throws InterruptedException {
        for (Process p : new Process[] {a, b}) {
            if (p != null && p.isAlive()) {
                Packaged.stop(p);
            }
        }
    }

    @Test
    @Order(0)
    void replicasStartedAtOnceOnAnEmptyDatabaseLoadTheExamplesAndTheirRunsOnce() throws Exception {
        assertEquals(1, logLines("Example catalog loaded"), "one replica loaded the example catalog");
        assertEquals(1, logLines("Example run history sent"), "one replica sent the example runs");
        try (Stream<Path> files = Files.walk(Path.of("catalog-examples"))) {
            long yaml = files.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .count();
            assertEquals(yaml, count("SELECT COUNT(*) FROM locations"), "each example file is one location");
        }
    }

    @Test
    @Order(1)
    void aRegistrationOnAIsReadOnBAtOnceAndCountedOnItsCatalogPage() throws Exception {
        // The sign-in form comes from B and is sent to A (the CSRF key is shared); A's session is good on B.
        String session = signIn(portB, portA);
        int before = componentCount(catalogPage(portB, session));
        String name = "replicated-" + System.nanoTime();
        assertEquals(201, register(portA, ADMIN, component(name)).statusCode());

        HttpResponse<String> read = get(portB, "/api/catalog/entities/by-name/component/default/" + name);
        assertEquals(200, read.statusCode(), "B reads at once what A registered: " + read.body());
        assertEquals(
                before + 1,
                componentCount(catalogPage(portB, session)),
                "B's catalog page counts it at once (its facet counts follow the version in the database)");
    }

    @Test
    @Order(2)
    void aRunReceivedByAChangesThePipelinesHealthOnB() throws Exception {
        String name = "replicated-pipeline-" + System.nanoTime();
        assertEquals(201, register(portA, ADMIN, pipeline(name)).statusCode());
        String path = "/api/pipelines/default/" + name + "/health";
        // B computes the pipeline's health and keeps it.
        assertEquals("unknown", status(get(portB, path)));
        sendRun(portA, name, "FAIL");
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> "failing".equals(status(get(portB, path))));
    }

    @Test
    @Order(3)
    void runsAnImportOnARestoredChangeThePipelinesHealthOnB() throws Exception {
        String name = "restored-pipeline-" + System.nanoTime();
        assertEquals(201, register(portA, ADMIN, pipeline(name)).statusCode());
        String path = "/api/pipelines/default/" + name + "/health";
        // B computes the pipeline's health and keeps it.
        assertEquals("unknown", status(get(portB, path)));
        HttpResponse<String> imported = Packaged.send(HttpRequest.newBuilder(Packaged.uri(portA, "/api/catalog/import"))
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(withAFailedRun(name))));
        assertEquals(200, imported.statusCode(), imported.body());
        assertEquals("failing", status(get(portA, path)), "A restored the failed run");
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> "failing".equals(status(get(portB, path))));
    }

    @Test
    @Order(4)
    void aScorecardChangeOnAIsScoredExactlyOnce() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertEquals(201, register(portB, ADMIN, component("rep-" + i)).statusCode());
        }
        assertEquals(201, register(portA, ALICE, scorecard("true")).statusCode());
        await().atMost(PATIENCE).until(() -> idle() && history("bronze") == 3);

        HttpResponse<String> changed = register(portA, ALICE, scorecard("false"));
        assertEquals(2, changed.statusCode() / 100, changed.body());
        await().atMost(PATIENCE).until(() -> idle() && results(null) == 3);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> history(null) == 3 && history("bronze") == 3);
    }

    @Test
    @Order(5)
    void aKilledReplicasAcknowledgedRegistrationsAreOnTheOtherAndItsScoringIsCaughtUpAfterARestart() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        try (Connection busy = DriverManager.getConnection(URL, USER, PASSWORD)) {
            // Another scorer holds the scorer lock: the scoring of the stream waits in the database.
            busy.setAutoCommit(false);
            try (PreparedStatement ps = busy.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, SCORER_LOCK);
                ps.execute();
            }
            for (int i = 0; i < 60; i++) {
                if (i == 20) {
                    // SIGKILL from another thread, while the stream goes on: it lands between or inside requests.
                    java.util.concurrent.CompletableFuture.runAsync(a::destroyForcibly);
                }
                String name = "stream-" + i + "-" + System.nanoTime();
                try {
                    if (register(portA, ADMIN, component(name)).statusCode() == 201) {
                        acknowledged.add(name);
                    }
                } catch (IOException refused) {
                    break;
                }
            }
            a.waitFor();
            assertTrue(acknowledged.size() >= 20, "A acknowledged the registrations before the kill: " + acknowledged);
            for (String name : acknowledged) {
                assertEquals(
                        200,
                        get(portB, "/api/catalog/entities/by-name/component/default/" + name)
                                .statusCode(),
                        "acknowledged by A, present on B: " + name);
            }
            assertEquals(
                    200,
                    get(portB, "/api/catalog/entities?filter=kind=component&limit=5")
                            .statusCode(),
                    "B keeps serving");
            assertTrue(count("SELECT COUNT(*) FROM scoring_work") > 0, "scoring was left undone");
            busy.rollback();
        }
        a = startA();
        await().atMost(PATIENCE).until(() -> idle() && acknowledged.stream().allMatch(n -> scored(n) == 1));
        for (String name : acknowledged) {
            assertEquals(
                    1,
                    count(
                            "SELECT COUNT(*) FROM scorecard_history WHERE entity_ref = ?"
                                    + " AND scorecard_ref = 'scorecard:default/service-basics'",
                            "component:default/" + name),
                    "one history row for one registration: " + name);
        }
    }

    @Test
    @Order(6)
    void aReplicaStartedBindsTheRunsAStoppedReplicaLeftUnbound() throws Exception {
        String name = "rebound-pipeline-" + System.nanoTime();
        String ref = "component:default/" + name;
        assertEquals(201, register(portB, ADMIN, pipeline(name)).statusCode());
        sendRun(portB, name, "COMPLETE");
        await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM runs WHERE pipeline_ref = ?", ref) == 1);
        // As a replica stopped after a change committed and before it rebound the runs leaves them: the pipeline
        // claims the job, and its run is bound to none.
        execute("UPDATE runs SET pipeline_ref = NULL WHERE pipeline_ref = ?", ref);

        Packaged.stop(a);
        a = startA();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> count("SELECT COUNT(*) FROM runs WHERE pipeline_ref = ?", ref) == 1);
    }

    @Test
    @Order(7)
    void runsGoToTheLastClaimWhenTwoReplicasRebindAtOnce() throws Exception {
        String name = "contested-pipeline-" + System.nanoTime();
        String second = name + "-second";
        String ref = "component:default/" + name;
        assertEquals(201, register(portA, ADMIN, pipeline(name)).statusCode());
        sendRun(portA, name, "COMPLETE");
        sendRun(portA, second, "COMPLETE");
        await().atMost(PATIENCE)
                .until(() ->
                        count("SELECT COUNT(*) FROM runs WHERE job_name = ? AND pipeline_ref = ?", name, ref) == 1);
        try (Connection holder = DriverManager.getConnection(URL, USER, PASSWORD);
                PreparedStatement lock =
                        holder.prepareStatement("SELECT id FROM runs WHERE job_name IN (?, ?) FOR UPDATE")) {
            // The runs of both jobs are held: a rebinding that moves them waits, with what it read before.
            holder.setAutoCommit(false);
            lock.setString(1, name);
            lock.setString(2, second);
            lock.executeQuery().close();
            // A lets the first job go: its rebinding, which would unbind the job's run, waits.
            assertEquals(
                    201, register(portA, ADMIN, pipeline(name, name + "-other")).statusCode());
            await().atMost(PATIENCE).until(() -> waitingForALock() >= 1);
            // B claims it again, and the second job: its rebinding reads that the first is bound already.
            assertEquals(
                    201,
                    register(portB, ADMIN, pipeline(name, name + "," + second)).statusCode());
            await().atMost(PATIENCE).until(() -> waitingForALock() >= 2);
            holder.rollback();
        }
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> count(
                                "SELECT COUNT(*) FROM runs WHERE job_name IN (?, ?) AND pipeline_ref = ?",
                                name,
                                second,
                                ref)
                        == 2);
    }

    /**
     * A DAG run whose tasks report to both replicas at once, as a load balancer spreads one scheduler's events: every
     * task's start and end is folded into the DAG's run (two replicas folding one run at once wrote one fold over the
     * other, and events were lost).
     */
    @Test
    @Order(8)
    void aRunsEventsSentToBothReplicasAtOnceAreAllFolded() throws Exception {
        String name = "replicated-dag-" + System.nanoTime();
        assertEquals(201, register(portA, ADMIN, pipeline(name)).statusCode());
        String dagRun = java.util.UUID.randomUUID().toString();
        java.time.Instant start = java.time.Instant.now().minusSeconds(600);
        postLineage(portA, "[" + lineage("START", start, dagRun, name) + "]");
        int tasks = 40;
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                int task = i;
                sent.add(clients.submit(() -> {
                    String run = java.util.UUID.randomUUID().toString();
                    String job = name + ".task_" + task;
                    String parent = ", \"parent\": {\"run\": {\"runId\": \"" + dagRun
                            + "\"}, \"job\": {\"namespace\": \"replicas\", \"name\": \"" + name + "\"}}";
                    for (String type : List.of("START", "COMPLETE")) {
                        java.time.Instant at = start.plusSeconds(10 + task * 2L + (type.equals("START") ? 0 : 1));
                        postLineage(
                                task % 2 == 0 ? portA : portB,
                                "["
                                        + lineage(type, at, run, job)
                                                .replace(
                                                        "\"facets\": {}}, \"job\"",
                                                        "\"facets\": {" + parent.substring(2) + "}}, \"job\"")
                                        + "]");
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(1 + 2 * tasks, count("SELECT events FROM runs WHERE run_key = ?", dagRun));
        assertEquals(
                0,
                count(
                        "SELECT COUNT(*) FROM runs WHERE pipeline_ref = ? AND run_key <> ?",
                        "component:default/" + name,
                        dagRun));
    }

    @Test
    @Order(9)
    void aStoppingReplicaSaysItIsNotReadyBeforeItStops() throws Exception {
        assertEquals(200, get(portB, "/q/health/ready").statusCode());
        b.destroy(); // SIGTERM
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> get(portB, "/q/health/ready").statusCode() == 503);
        assertTrue(b.waitFor(40, java.util.concurrent.TimeUnit.SECONDS), "B stopped after its shutdown delay");
        assertEquals(200, get(portA, "/q/health/ready").statusCode(), "A still serves");
    }

    /** How many lines of the replicas' logs hold this text. */
    private static long logLines(String text) throws IOException {
        long n = 0;
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.toList()) {
                n += Files.readAllLines(f).stream()
                        .filter(l -> l.contains(text))
                        .count();
            }
        }
        return n;
    }

    /** The replica a start gave, or null when it did not start. */
    private static Process started(java.util.concurrent.CompletableFuture<Process> start) {
        return start == null ? null : start.exceptionally(e -> null).join();
    }

    private static Process startA() {
        return start(env(Map.of()), portA);
    }

    private static Process start(Map<String, String> env, int port) {
        try {
            return Packaged.start(env, port, logs);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> env(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL",
                URL,
                "QUARKUS_DATASOURCE_USERNAME",
                USER,
                "QUARKUS_DATASOURCE_PASSWORD",
                PASSWORD,
                // The key every replica shares (README "Run in production").
                "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY",
                "replicas-test-session-encryption-key-0123456789"));
        env.putAll(more);
        return env;
    }

    private static String component(String name) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: %s}
                spec: {type: service, lifecycle: production, owner: group:platform}
                """.formatted(name);
    }

    private static String pipeline(String name) {
        return pipeline(name, name);
    }

    /** A pipeline that claims these jobs of the namespace {@code replicas} (comma-separated names). */
    private static String pipeline(String name, String jobs) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  annotations: {openlineage.io/job: "%s"}
                spec:
                  type: pipeline
                  lifecycle: production
                  owner: group:data-engineering
                  pipeline: {family: data, maintainers: [user:raj]}
                """.formatted(
                        name,
                        String.join(
                                ",",
                                java.util.Arrays.stream(jobs.split(","))
                                        .map(j -> "replicas/" + j)
                                        .toList()));
    }

    /** Sends a replica one run of the pipeline's job: started a minute ago, ended now ({@code FAIL}, {@code COMPLETE}). */
    private static void sendRun(int port, String name, String end) throws IOException {
        String run = java.util.UUID.randomUUID().toString();
        java.time.Instant now = java.time.Instant.now();
        postLineage(
                port,
                "[" + lineage("START", now.minusSeconds(60), run, name) + "," + lineage(end, now, run, name) + "]");
    }

    private static void postLineage(int port, String body) throws IOException {
        HttpResponse<String> sent = Packaged.send(HttpRequest.newBuilder(Packaged.uri(port, "/api/v1/lineage"))
                .header("Authorization", basic("ci"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(201, sent.statusCode(), sent.body());
    }

    private static String lineage(String type, java.time.Instant time, String runId, String job) {
        return """
                {"eventType": "%s", "eventTime": "%s", "producer": "https://github.com/OpenLineage/OpenLineage",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                 "run": {"runId": "%s", "facets": {}}, "job": {"namespace": "replicas", "name": "%s", "facets": {}},
                 "inputs": [], "outputs": []}
                """.formatted(type, time, runId, job);
    }

    /**
     * A's export of one pipeline (its descriptor and its row, so that it is restored as it is, registration time
     * included) with one run of it that the database does not hold: failed a few seconds ago.
     */
    private static byte[] withAFailedRun(String name) throws IOException {
        HttpResponse<byte[]> export;
        try {
            export = java.net.http.HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(Packaged.uri(portA, "/api/catalog/export"))
                                    .header("Authorization", ADMIN)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertEquals(200, export.statusCode());
        String ref = "component:default/" + name;
        java.time.Instant now = java.time.Instant.now();
        String runId = java.util.UUID.randomUUID().toString();
        Map<String, String> files = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in =
                new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(export.body()))) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (e.getName().equals("component/default/" + name + ".yaml")) {
                    files.put(e.getName(), text);
                } else if (e.getName().equals("_interlock/entities.jsonl")) {
                    files.put(
                            e.getName(),
                            text.lines()
                                            .filter(l -> l.contains("\"entity_ref\":\"" + ref + "\""))
                                            .findFirst()
                                            .orElseThrow()
                                    + "\n");
                }
            }
        }
        files.put("_interlock/runs.jsonl", """
                {"format":"openlineage","run_key":"%1$s","run_id":"%1$s","job_key":"openlineage:replicas|%2$s",\
                "job_namespace":"replicas","job_name":"%2$s","job_alt":null,"pipeline_ref":"%3$s","state":"failed",\
                "terminal_at":"%5$s","queued_at":null,"started_at":"%4$s","ended_at":"%5$s","nominal_time":null,\
                "sort_time":"%4$s","run_trigger":null,"actor":null,"attempt":null,"manual":false,"infra_error":false,\
                "url":null,"error":null,"datasets":null,"events":0}
                """.formatted(runId, name, ref, now.minusSeconds(20), now.minusSeconds(5)));
        files.put("_interlock/manifest.yaml", """
                format: interlock-export/1
                entities: 1
                kinds: {component: 1}
                tables: {entities: 1, entity-history: 0, scorecard-results: 0, scorecard-history: 0, locations: 0,
                  location-entities: 0, location-conflicts: 0, runs: 1, run-events: 0}
                """);
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                out.putNextEntry(new java.util.zip.ZipEntry(f.getKey()));
                out.write(f.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip.toByteArray();
    }

    private static String status(HttpResponse<String> health) {
        assertEquals(200, health.statusCode(), health.body());
        Matcher m = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"").matcher(health.body());
        assertTrue(m.find(), "a status in " + health.body());
        return m.group(1);
    }

    private static String scorecard(String rule) {
        return """
                apiVersion: interlock.dev/v1alpha1
                kind: Scorecard
                metadata: {name: replica-card}
                spec:
                  owner: group:revops
                  appliesTo: "entity.kind == 'Component' && entity.metadata.name.startsWith('rep-')"
                  levels: [bronze]
                  checks:
                    - {id: ok, title: Fine, level: bronze, rule: "%s", why: Because.}
                """.formatted(rule);
    }

    /** History rows of the replica-card scorecard at this level ({@code null}: none reached). */
    private static long history(String level) throws SQLException {
        return count("SELECT COUNT(*) FROM scorecard_history WHERE scorecard_ref = 'scorecard:default/replica-card'"
                + " AND level " + (level == null ? "IS NULL" : "= '" + level + "'"));
    }

    private static long results(String level) throws SQLException {
        return count("SELECT COUNT(*) FROM scorecard_results WHERE scorecard_ref = 'scorecard:default/replica-card'"
                + " AND level " + (level == null ? "IS NULL" : "= '" + level + "'"));
    }

    private static long scored(String name) {
        try {
            return count(
                    "SELECT COUNT(*) FROM scorecard_results WHERE entity_ref = ?"
                            + " AND scorecard_ref = 'scorecard:default/service-basics'",
                    "component:default/" + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean idle() throws SQLException {
        return count("SELECT COUNT(*) FROM scoring_work") == 0;
    }

    /** Sessions of the test's database that wait for a lock (a row's, an advisory one). */
    private static long waitingForALock() throws SQLException {
        return count("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock'");
    }

    private static void execute(String sql, String... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static long count(String sql, String... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static HttpResponse<String> register(int port, String auth, String yaml) throws IOException {
        return Packaged.send(HttpRequest.newBuilder(Packaged.uri(port, "/api/catalog/entities"))
                .header("Authorization", auth)
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)));
    }

    private static HttpResponse<String> get(int port, String path) throws IOException {
        return Packaged.send(HttpRequest.newBuilder(Packaged.uri(port, path))
                .header("Authorization", ADMIN)
                .GET());
    }

    /** Signs in as bob with the sign-in form of one replica sent to another; returns the session cookie. */
    private static String signIn(int formPort, int port) throws IOException {
        HttpResponse<String> form = Packaged.send(
                HttpRequest.newBuilder(Packaged.uri(formPort, "/login")).GET());
        org.jsoup.nodes.Element token = org.jsoup.Jsoup.parse(form.body()).selectFirst("input[name=csrf-token]");
        assertTrue(token != null, "the sign-in form has a CSRF token");
        String csrfCookie = cookie(form, "interlock-csrf");
        HttpResponse<String> signedIn = Packaged.send(HttpRequest.newBuilder(Packaged.uri(port, "/login"))
                .header("Cookie", csrfCookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "csrf-token=" + java.net.URLEncoder.encode(token.val(), java.nio.charset.StandardCharsets.UTF_8)
                                + "&username=bob&password=bob")));
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        return cookie(signedIn, "interlock-session");
    }

    private static String cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers()));
    }

    private static String catalogPage(int port, String session) throws IOException {
        HttpResponse<String> page = Packaged.send(HttpRequest.newBuilder(Packaged.uri(port, "/catalog"))
                .header("Cookie", session)
                .header("Accept", "text/html")
                .GET());
        assertEquals(200, page.statusCode(), "the session made on A is good on B");
        return page.body();
    }

    /** The count the catalog page's Kind facet shows for Component. */
    private static int componentCount(String html) {
        Matcher value = Pattern.compile("[?&;]kind=component\"", Pattern.CASE_INSENSITIVE)
                .matcher(html);
        assertTrue(value.find(), "the catalog page has a Component facet value");
        int link = value.end();
        Matcher m = Pattern.compile("<span class=\"count\">(\\d+)</span>").matcher(html);
        assertTrue(m.find(link), "a count follows the Component facet value");
        return Integer.parseInt(m.group(1));
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes());
    }
}
