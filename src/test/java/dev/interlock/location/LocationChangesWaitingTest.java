package dev.interlock.location;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.interlock.support.FileServer;

/**
 * Location changes waiting at once on PostgreSQL. A change holds its location's lock while it applies; the lock was a
 * pool connection of its own besides the change's transaction, so ten changes waiting for another replica took twenty
 * of the pool's sixteen connections and some answered 500 once the pool's wait ran out. The change's own transaction
 * holds the lock now: one connection each, and the pool still serves everyone else.
 */
@QuarkusTest
@TestProfile(LocationChangesWaitingTest.NoRounds.class)
@Tag("postgresql")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocationChangesWaitingTest {

    private static final int CHANGES = 10;

    /** The private-locations profile without scheduled rounds, which would refresh these locations meanwhile. */
    public static class NoRounds extends PrivateLocationsProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("interlock.locations.refresh-enabled", "false");
            return overrides;
        }
    }

    private final FileServer server;

    @Inject
    DataSource dataSource;

    LocationChangesWaitingTest() throws Exception {
        server = new FileServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void tenChangesWaitingForAnotherReplicaTakeOneConnectionEachAndTheCatalogStillAnswers() throws Exception {
        String dir = "/" + unique("repo");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CHANGES; i++) {
            server.put(dir + "/a" + i + ".yaml", LocationApiTest.component(unique("svc"), null));
            server.put(dir + "/b" + i + ".yaml", LocationApiTest.component(unique("svc"), null));
            ids.add(as("alice")
                    .contentType("application/json")
                    .body(Map.of("type", "url", "target", server.url(dir + "/a" + i + ".yaml")))
                    .post("/api/catalog/locations")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("location.id"));
        }
        ExecutorService clients = Executors.newFixedThreadPool(CHANGES);
        List<CompletableFuture<Integer>> changes = new ArrayList<>();
        try (Connection other = dataSource.getConnection()) {
            // Another replica's transaction holds the ten locations' rows: each change waits at its write of the row,
            // holding what it holds.
            other.setAutoCommit(false);
            try (PreparedStatement ps =
                    other.prepareStatement("SELECT id FROM locations WHERE id = ANY(?) FOR UPDATE")) {
                ps.setArray(1, other.createArrayOf("varchar", ids.toArray()));
                ps.executeQuery().close();
            }
            for (int i = 0; i < CHANGES; i++) {
                String id = ids.get(i), target = server.url(dir + "/b" + i + ".yaml");
                changes.add(CompletableFuture.supplyAsync(
                        () -> as("alice")
                                .contentType("application/json")
                                .body(Map.of("type", "url", "target", target))
                                .put("/api/catalog/locations/" + id)
                                .statusCode(),
                        clients));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForRows(other) == CHANGES);
            as("bob").get("/api/catalog/locations/" + ids.get(0)).then().statusCode(200);
            other.commit();
        } finally {
            clients.shutdown();
        }
        for (CompletableFuture<Integer> change : changes) {
            assertEquals(200, change.get(30, TimeUnit.SECONDS));
        }
        for (int i = 0; i < CHANGES; i++) {
            as("bob")
                    .get("/api/catalog/locations/" + ids.get(i))
                    .then()
                    .statusCode(200)
                    .body("target", org.hamcrest.Matchers.equalTo(server.url(dir + "/b" + i + ".yaml")));
        }
    }

    /** How many other sessions of this database wait for a lock a transaction holds. */
    private static int waitingForRows(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM pg_stat_activity"
                                + " WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
