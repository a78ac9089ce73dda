package dev.interlock.backup;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import dev.interlock.support.Api;

/** A small catalog with relations, a scorecard, a pipeline with runs and a change in its history; zips. */
final class BackupFixtures {

    /** The OpenLineage run id of the one run {@link #register()} reports. */
    static final String RUN_ID = "0190e5a8-1111-7000-8000-000000000001";

    static final String CATALOG = """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: {name: bk-team}
            spec: {type: team, children: [], members: [bk-ann, bk-ben]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: {name: bk-ann}
            spec: {memberOf: [bk-team], profile: {email: ann@example.com}}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: {name: bk-ben}
            spec: {memberOf: [bk-team]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Resource
            metadata: {name: bk-table, description: "on: yes, 0o17 and 1e3 stay strings"}
            spec: {type: database, owner: group:bk-team, dependencyOf: [component:bk-missing]}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: bk-etl
              annotations: {openlineage.io/job: bk/etl}
              tags: [data]
            spec:
              type: pipeline
              lifecycle: production
              owner: group:bk-team
              pipeline:
                family: data
                platform: dbt-cloud
                runsAs: service-account
                trigger: {events: [manual]}
                outputs: [resource:bk-table]
                maintainers: [user:bk-ann]
            ---
            apiVersion: interlock.dev/v1alpha1
            kind: Scorecard
            metadata: {name: bk-basics}
            spec:
              owner: group:bk-team
              appliesTo: "entity.kind == 'Component'"
              levels: [bronze, silver]
              checks:
                - {id: team-owner, title: Owned by a team, level: bronze, rule: "facts.ownerIsTeam", why: A team outlives a person}
                - {id: two-maintainers, title: Two maintainers, level: silver, rule: "size(maintainers) >= 2", why: Vacations}
            """;

    private BackupFixtures() {}

    /** Registers the catalog, changes the service once (history), sends a run of the pipeline. */
    static void register() {
        Api.as("admin")
                .contentType("application/yaml")
                .body(CATALOG)
                .post("/api/catalog/entities")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201);
        Api.as("admin")
                .contentType("application/yaml")
                .body(service("first"))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201);
        Api.as("admin")
                .contentType("application/yaml")
                .body(service("second"))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201);
        Instant start = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        for (String type : new String[] {"START", "COMPLETE"}) {
            Instant at = type.equals("START") ? start : start.plusSeconds(90);
            Api.postLineage(Api.lineage(type, at, RUN_ID, "bk", "etl", null))
                    .statusCode(anyOf(equalTo(200), equalTo(201)));
        }
        // A task run whose pipeline run has not come: kept raw, waiting for it (an export keeps it waiting).
        Api.anonymous()
                .auth()
                .preemptive()
                .basic("ci", "ci")
                .contentType("application/json")
                .body("""
                        {"context": {"version": "0.4.1", "id": "bk-task-1", "source": "/tekton/bk",
                          "type": "dev.cdevents.taskrun.started.0.1.1", "timestamp": "%s"},
                         "subject": {"id": "bk-task", "source": "/tekton/bk", "type": "taskRun",
                          "content": {"taskName": "build", "pipelineRun": {"id": "bk-pr", "source": "/tekton/bk"}}}}
                        """.formatted(start))
                .post("/api/cdevents")
                .then()
                .statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    /** The service, with a description that says which version it is. */
    static String service(String version) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: bk-svc, description: "%s version"}
                spec: {type: service, lifecycle: production, owner: group:bk-team, dependsOn: [resource:bk-table]}
                """.formatted(version);
    }

    /** The catalog exported through the API, as a catalog-admin. */
    static byte[] export() {
        return Api.as("admin")
                .get("/api/catalog/export")
                .then()
                .statusCode(200)
                .contentType(BackupResource.ZIP)
                .extract()
                .asByteArray();
    }

    /** A zip of these files (name to text). */
    static byte[] zip(Map<String, String> files) {
        return zip(files, StandardCharsets.UTF_8);
    }

    /** A zip of these files whose names are written in another character set. */
    static byte[] zip(Map<String, String> files, java.nio.charset.Charset names) {
        Map<String, byte[]> bytes = new TreeMap<>();
        files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return zipBytes(bytes, names);
    }

    /** A zip of these files (name to bytes, which need not be UTF-8). */
    static byte[] zipBytes(Map<String, byte[]> files, java.nio.charset.Charset names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, names)) {
            for (var f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The files of a zip (name to text), in name order. */
    static Map<String, String> unzip(byte[] bytes) {
        Map<String, String> out = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                out.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
