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
 * Work under locations' locks at once on PostgreSQL, and the pool of sixteen connections every request shares. A change
 * holds its location's lock while it applies; the lock was a pool connection of its own besides the change's
 * transaction, so ten changes waiting for another replica took twenty connections and some answered 500 once the
 * pool's wait ran out: the change's own transaction holds the lock now. A refresh holds its lock while it reads the
 * location's server, on a connection of its own: sixteen asked for at once took the whole pool, waited for
 * connections to read their own locations and answered 500 when the pool's wait ran out. Six at most hold one now,
 * and the rest wait in turn.
 */
@QuarkusTest
@TestProfile(LocationLockConnectionsTest.NoRounds.class)
@Tag("postgresql")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocationLockConnectionsTest {

    private static final int CHANGES = 10;
    /** The default of {@code interlock.replicas.lock-connections}. */
    private static final int LOCK_CONNECTIONS = 6;

    /**
     * The private-locations profile without scheduled rounds (which would refresh these locations meanwhile), with
     * time for held reads, and transactions limited to ten seconds.
     */
    public static class NoRounds extends PrivateLocationsProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("interlock.locations.refresh-enabled", "false");
            // Reads held by the test are let go well within these.
            overrides.put("interlock.locations.read-timeout", "PT60S");
            overrides.put("interlock.locations.location-timeout", "PT60S");
            // A short usual limit of a transaction, which a change waiting for another replica's refresh outlasts.
            overrides.put("quarkus.transaction-manager.default-transaction-timeout", "10s");
            return overrides;
        }
    }

    private final FileServer server;

    @Inject
    DataSource dataSource;

    @Inject
    dev.interlock.replicas.SharedLocks locks;

    LocationLockConnectionsTest() throws Exception {
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
            ids.add(LocationApiTest.registered("alice", server.url(dir + "/a" + i + ".yaml")));
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
                        () -> LocationApiTest.pointAt(id, target).statusCode(), clients));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForLocks(other) == CHANGES);
            as("bob").get("/api/catalog/locations/" + ids.get(0)).then().statusCode(200);
            other.commit();
        } finally {
            clients.shutdown();
        }
        for (CompletableFuture<Integer> change : changes) {
            assertEquals(200, change.get(30, TimeUnit.SECONDS));
        }
        for (int i = 0; i < CHANGES; i++) {
            LocationApiTest.assertTarget(ids.get(i), server.url(dir + "/b" + i + ".yaml"));
        }
    }

    @Test
    void sixteenRefreshesAskedForAtOnceReadSixAtATimeAndTheCatalogStillAnswers() throws Exception {
        String dir = "/" + unique("repo");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String name = unique("svc");
            names.add(name);
            server.put(dir + "/" + name + ".yaml", LocationApiTest.component(name, null));
            LocationApiTest.registered("alice", server.url(dir + "/" + name + ".yaml"));
            server.put(
                    dir + "/" + name + ".yaml",
                    LocationApiTest.component(name, null).replace("description: first", "description: second"));
        }
        // The location's server answers none of them until the test lets it.
        java.util.concurrent.CountDownLatch answer = server.hold(dir);
        ExecutorService clients = Executors.newFixedThreadPool(names.size());
        List<CompletableFuture<Integer>> refreshes = new ArrayList<>();
        try {
            for (String name : names) {
                refreshes.add(CompletableFuture.supplyAsync(
                        () -> as("alice")
                                .contentType("application/json")
                                .body(Map.of("entityRef", "component:default/" + name))
                                .post("/api/catalog/refresh")
                                .statusCode(),
                        clients));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> server.held() == LOCK_CONNECTIONS);
            as("bob")
                    .get("/api/catalog/entities/by-name/component/default/" + names.get(0))
                    .then()
                    .statusCode(200);
            assertEquals(LOCK_CONNECTIONS, server.held(), "no more refreshes read at once than lock connections");
        } finally {
            answer.countDown();
            clients.shutdown();
        }
        for (CompletableFuture<Integer> refresh : refreshes) {
            assertEquals(200, refresh.get(60, TimeUnit.SECONDS));
        }
        for (String name : names) {
            as("bob")
                    .get("/api/catalog/entities/by-name/component/default/" + name)
                    .then()
                    .statusCode(200)
                    .body("metadata.description", org.hamcrest.Matchers.equalTo("second"));
        }
    }

    /**
     * A change waits for another replica's refresh of the location (its lock, held here by another session) as long as
     * a refresh may hold it, past the usual time limit of a transaction (ten seconds in this profile): it answered 500
     * when that ran out.
     */
    @Test
    void aChangeWaitsForAnotherReplicasRefreshPastTheUsualTransactionLimit() throws Exception {
        String dir = "/" + unique("repo");
        server.put(dir + "/a.yaml", LocationApiTest.component(unique("svc"), null));
        server.put(dir + "/b.yaml", LocationApiTest.component(unique("svc"), null));
        String id = LocationApiTest.registered("alice", server.url(dir + "/a.yaml"));
        CompletableFuture<Integer> change;
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, dev.interlock.replicas.LockKeys.named(LocationRefresh.lockOf(id)));
                ps.executeQuery().close();
            }
            change = CompletableFuture.supplyAsync(() ->
                    LocationApiTest.pointAt(id, server.url(dir + "/b.yaml")).statusCode());
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForLocks(other) == 1);
            await().during(Duration.ofSeconds(12))
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> !change.isDone());
            other.commit();
        }
        assertEquals(200, change.get(30, TimeUnit.SECONDS));
        LocationApiTest.assertTarget(id, server.url(dir + "/b.yaml"));
    }

    /**
     * Work under one lock that takes another takes no second connection slot: six holding a lock each, all asking for
     * another at once, would otherwise wait for each other's slots for good.
     */
    @Test
    void workUnderALockThatTakesAnotherTakesNoSecondSlot() throws Exception {
        java.util.concurrent.CyclicBarrier allHoldOne = new java.util.concurrent.CyclicBarrier(LOCK_CONNECTIONS);
        ExecutorService threads = Executors.newFixedThreadPool(LOCK_CONNECTIONS);
        List<CompletableFuture<String>> done = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < LOCK_CONNECTIONS; i++) {
                String name = unique("outer");
                names.add(name);
                done.add(CompletableFuture.supplyAsync(
                        () -> locks.withLock(name, () -> {
                            try {
                                allHoldOne.await(20, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            return locks.withLock(name + "-inner", () -> name);
                        }),
                        threads));
            }
            for (int i = 0; i < LOCK_CONNECTIONS; i++) {
                assertEquals(names.get(i), done.get(i).get(30, TimeUnit.SECONDS), "the inner lock was taken");
            }
        } finally {
            threads.shutdown();
        }
    }

    /** How many other sessions of this database wait for a lock a transaction holds (a row's, an advisory one). */
    private static int waitingForLocks(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM pg_stat_activity"
                                + " WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
