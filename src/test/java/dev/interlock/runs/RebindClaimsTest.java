package dev.interlock.runs;

import static dev.interlock.runs.RunEvents.lineage;
import static dev.interlock.runs.RunEvents.postLineage;
import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.replicas.SharedLocks;
import dev.interlock.runs.bind.BoundClaims;
import dev.interlock.runs.bind.PipelineDirectory;
import dev.interlock.runs.bind.Rebinder;

/**
 * A catalog change that leaves every pipeline's claims as they were does not read every job's runs again; a change of
 * the claims, and the pass at start, do.
 */
@QuarkusTest
class RebindClaimsTest {

    private static final Instant T0 = Instant.parse("2026-05-01T04:00:00Z");

    @Inject
    Rebinder rebinder;

    @Inject
    BoundClaims claims;

    @Inject
    PipelineDirectory directory;

    @Inject
    SharedLocks locks;

    @Inject
    DataSource dataSource;

    @Test
    void onlyAChangeOfTheClaimsOrAFullPassMovesRuns() throws SQLException {
        String name = unique("claimed");
        postLineage(lineage("COMPLETE", T0, UUID.randomUUID().toString(), "rebind", name, null))
                .statusCode(201);
        register(RunEvents.dataPipeline(name, "openlineage.io/job: rebind/" + name, null))
                .statusCode(201);
        String ref = "component:default/" + name;
        await().atMost(Duration.ofSeconds(10)).until(() -> ref.equals(boundTo(name)));
        // The pass for that registration recorded the claims it bound by.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> claims.last().equals(BoundClaims.digest(directory.current())));

        // The run loses its pipeline behind the catalog's back; a change that claims nothing new leaves it so.
        unbind(name);
        register(component(unique("unrelated"), "group:data-engineering", null)).statusCode(201);
        assertEquals(Set.of(), locks.withLock("rebind", () -> rebinder.rebind(false)));
        assertNull(boundTo(name));

        // A full pass (as at start) reads every job and binds it again.
        assertEquals(Set.of(ref), locks.withLock("rebind", () -> rebinder.rebind(true)));
        assertEquals(ref, boundTo(name));

        // So does a change of the claims: another pipeline claims a job of its own.
        unbind(name);
        String before = claims.last();
        String other = unique("other");
        register(RunEvents.dataPipeline(other, "openlineage.io/job: rebind/" + other, null))
                .statusCode(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> ref.equals(boundTo(name)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !claims.last().equals(before));
        assertNotEquals(before, BoundClaims.digest(directory.current()));
    }

    private String boundTo(String job) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT pipeline_ref FROM runs WHERE job_name = ?")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void unbind(String job) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE runs SET pipeline_ref = NULL WHERE job_name = ?")) {
            ps.setString(1, job);
            assertEquals(1, ps.executeUpdate());
        }
    }
}
