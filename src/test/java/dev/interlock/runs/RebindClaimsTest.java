package dev.interlock.runs;

import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.lineage;
import static dev.interlock.support.Api.postLineage;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    RunJobRows jobRows;

    @Inject
    BoundClaims claims;

    @Inject
    PipelineDirectory directory;

    @Inject
    SharedLocks locks;

    @Inject
    DataSource dataSource;

    @Test
    void onlyAChangeOfTheClaimsOrAFullPassMovesRuns() {
        String name = unique("claimed");
        postLineage(lineage("COMPLETE", T0, UUID.randomUUID().toString(), "rebind", name, null))
                .statusCode(201);
        register(RunEvents.dataPipeline(name, "openlineage.io/job: rebind/" + name, null))
                .statusCode(201);
        String ref = "component:default/" + name;
        await().atMost(Duration.ofSeconds(10)).until(() -> ref.equals(boundTo(name)));
        register(component(unique("unrelated"), "group:data-engineering", null)).statusCode(201);

        // Holding the rebinding lock, so that no pass of the server's own runs in between.
        locks.withLock("rebind", () -> {
            // The claims as the last pass recorded them; the run loses its pipeline behind the catalog's back.
            rebinder.rebind(Rebinder.Pass.SETTLE);
            assertEquals(new BoundClaims.Bound(BoundClaims.digest(directory.current()), true), claims.last());
            unbind(name);
            // The component registered since claims nothing: the runs are not read, the run stays as it is.
            assertEquals(Set.of(), rebinder.rebind(Rebinder.Pass.CHANGE));
            assertNull(boundTo(name));
            // Nor does a start when the claims are those of the last pass and it settled them.
            assertEquals(Set.of(), rebinder.rebind(Rebinder.Pass.START));
            assertNull(boundTo(name));
            // A settling pass reads every job and binds it again.
            assertEquals(Set.of(ref), rebinder.rebind(Rebinder.Pass.SETTLE));
            assertEquals(ref, boundTo(name));
            return null;
        });

        // So does a change of the claims: another pipeline claims a job of its own.
        String before = claims.last().claims();
        locks.withLock("rebind", () -> {
            unbind(name);
            return null;
        });
        register(RunEvents.dataPipeline(unique("other"), "openlineage.io/job: rebind/" + unique("job"), null))
                .statusCode(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> ref.equals(boundTo(name)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !claims.last().claims().equals(before));
    }

    /**
     * A run stored by the claims before a change, after that change's pass read the jobs (an ingest in flight while
     * the pipeline was registered), is bound by the pass that follows a little later.
     */
    @Test
    void aRunStoredWhileTheClaimsChangedIsBoundByTheSettlingPass() {
        String name = unique("late");
        postLineage(lineage("COMPLETE", T0, UUID.randomUUID().toString(), "rebind", name, null))
                .statusCode(201);
        String ref = "component:default/" + name;
        locks.withLock("rebind", () -> {
            // The pipeline is registered; its pass binds the run; then the run is written back as an ingest holding
            // the claims before the change would write it.
            register(RunEvents.dataPipeline(name, "openlineage.io/job: rebind/" + name, null))
                    .statusCode(201);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> directory.current().get(ref).isPresent());
            assertEquals(Set.of(ref), rebinder.rebind(Rebinder.Pass.CHANGE));
            unbind(name);
            // The server's own pass for the registration finds the claims recorded: it does not read the runs.
            assertEquals(Set.of(), rebinder.rebind(Rebinder.Pass.CHANGE));
            assertNull(boundTo(name));
            // Not settled yet: a start now (this replica killed and started again) reads every job's runs, the runs
            // themselves: it binds a run changed without its job's rows.
            assertEquals(false, claims.last().settled());
            bindAs(name, ref);
            runsOnly("UPDATE runs SET pipeline_ref = NULL WHERE job_name = ?", name);
            assertEquals(Set.of(ref), rebinder.rebind(Rebinder.Pass.START));
            assertEquals(true, claims.last().settled());
            unbind(name);
            return null;
        });
        // interlock.runs.rebind-settle (2 s in tests) after the pass that saw the claims change.
        await().atMost(Duration.ofSeconds(15)).until(() -> ref.equals(boundTo(name)));
    }

    private String boundTo(String job) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT pipeline_ref FROM runs WHERE job_name = ?")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Changes the runs behind the back of the table of jobs. */
    private void runsOnly(String sql, String job) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, job);
            assertEquals(1, ps.executeUpdate());
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Unbinds the job's run as a run writer holding other claims would store it: the run and the job's rows. */
    private void unbind(String job) {
        bindAs(job, null);
    }

    /** Binds the job's run to a pipeline (none with {@code null}), and its job's rows with it. */
    private void bindAs(String job, String ref) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE runs SET pipeline_ref = ? WHERE job_name = ?")) {
            ps.setString(1, ref);
            ps.setString(2, job);
            assertEquals(1, ps.executeUpdate());
            jobRows.refresh(c, List.of("openlineage:rebind|" + job));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
