package dev.interlock.backup;

import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import dev.interlock.support.Api;
import dev.interlock.validation.EntitySizePolicy;

/**
 * An entity registered at the size limit comes back from its export: the catalog writes its uid, etag, generation,
 * namespace and where it is managed from into it, and an import that counted those against the limit refused the
 * whole archive for that one entity.
 */
@QuarkusTest
@TestProfile(BackupLargeEntityTest.Profile.class)
class BackupLargeEntityTest {

    /** An empty catalog to start with; the default archive limits, which fit an entity of 1 MiB. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("interlock.examples.load", "false");
        }
    }

    @Test
    void anEntityRegisteredAtTheSizeLimitImportsFromItsExport() {
        String name = Api.unique("bk-large");
        // Every key and value of the body below but the description, as the size limit counts them, and the namespace
        // the catalog fills in.
        int written = ("apiVersion" + "backstage.io/v1alpha1" + "kind" + "Component" + "metadata" + "name" + name
                        + "description" + "spec" + "type" + "service" + "lifecycle" + "production" + "owner"
                        + "bk-team" + "namespace" + "default")
                .length();
        String description = "d".repeat(EntitySizePolicy.MAX_CHARACTERS - written);
        Api.as("admin")
                .contentType("application/json")
                .body("""
                        {"apiVersion": "backstage.io/v1alpha1", "kind": "Component",
                         "metadata": {"name": "%s", "description": "%s"},
                         "spec": {"type": "service", "lifecycle": "production", "owner": "bk-team"}}
                        """.formatted(name, description))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201);
        String etag = Api.as("admin")
                .get("/api/catalog/entities/by-name/component/default/" + name)
                .then()
                .statusCode(200)
                .extract()
                .path("metadata.etag");
        byte[] zip = BackupFixtures.export();

        Api.as("admin")
                .contentType(BackupResource.ZIP)
                .body(zip)
                .post("/api/catalog/import")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .body("replaced", equalTo(1));
        Api.as("admin")
                .get("/api/catalog/entities/by-name/component/default/" + name)
                .then()
                .statusCode(200)
                .body("metadata.etag", equalTo(etag))
                .body("metadata.description.length()", equalTo(description.length()));
    }

    @Test
    void anEntityOverTheSizeLimitIsStillRefusedWhateverItsAnnotationsSay() {
        String name = Api.unique("bk-too-large");
        // A block scalar of short lines: a line longer than 1 MiB would be refused before the entity is read.
        String yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: " + name
                + "\n  annotations:\n    backstage.io/managed-by-location: |\n"
                + ("      " + "x".repeat(999) + "\n").repeat(1_100)
                + "spec: {type: service, lifecycle: production, owner: bk-team}\n";
        Api.as("admin")
                .contentType(BackupResource.ZIP)
                .body(BackupFixtures.zip(Map.of("component/default/" + name + ".yaml", yaml)))
                .post("/api/catalog/import")
                .then()
                .statusCode(400)
                .body("errors[0].message", org.hamcrest.Matchers.containsString("may hold at most 1,048,576"));
    }
}
