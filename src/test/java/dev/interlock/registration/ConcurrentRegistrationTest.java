package dev.interlock.registration;

import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.interlock.support.Api;

/**
 * Registrations of the same entities at the same moment, listed in opposite orders (the case in which two writers
 * could each hold a row the other waits for): each is stored whole or refused whole with a conflict, never an error,
 * and the catalog holds the one that was stored. On PostgreSQL the writers of both replicas no longer queue on the
 * catalog version for the whole change (only for its commit), so nothing but the order of their writes keeps them
 * from a cycle.
 */
@QuarkusTest
class ConcurrentRegistrationTest {

    @Test
    void registrationsOfTheSameEntitiesAtOnceAreEachStoredOrAConflict() throws Exception {
        // Enough entities that the two writes overlap in the database, each locking rows the other needs.
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            names.add(unique("race-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String lifecycle = "round-" + round;
                List<String> bodies = names.stream()
                        .map(n -> component(n, "group:revops", null).replace("production", lifecycle))
                        .toList();
                String forward = String.join("---\n", bodies);
                List<String> reversed = new ArrayList<>(bodies);
                java.util.Collections.reverse(reversed);
                String backward = String.join("---\n", reversed);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
                for (String body : List.of(forward, backward)) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return register(body).extract();
                    }));
                }
                go.countDown();
                int stored = 0;
                for (Future<ExtractableResponse<Response>> answer : answers) {
                    ExtractableResponse<Response> r = answer.get();
                    assertTrue(
                            Set.of(201, 409).contains(r.statusCode()),
                            "round " + round + ": " + r.statusCode() + " " + r.asString());
                    stored += r.statusCode() == 201 ? 1 : 0;
                }
                assertTrue(stored >= 1, "round " + round + ": one of two registrations at once is stored");
                for (String name : names) {
                    assertEquals(
                            lifecycle,
                            lifecycle(name),
                            "round " + round + ": " + name + " holds the stored registration");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Inject
    DataSource dataSource;

    /**
     * A registration that PostgreSQL aborts to break a deadlock: it updates its two entities in order and waits for
     * the second, which another transaction holds; that one then waits for the first. The registration waited first,
     * so PostgreSQL's deadlock check (after deadlock_timeout, a second) finds the cycle in it and aborts it.
     */
    @Tag("postgresql")
    @Test
    void aRegistrationAbortedByADeadlockIsAConflictAndStoresNothing() throws Exception {
        String base = unique("deadlock");
        String first = base + "-a";
        String second = base + "-b";
        register(component(first, "group:revops", null) + "---\n" + component(second, "group:revops", null))
                .statusCode(201);
        String changed = String.join(
                "---\n",
                component(first, "group:revops", null).replace("production", "experimental"),
                component(second, "group:revops", null).replace("production", "experimental"));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = dataSource.getConnection();
                Connection watcher = dataSource.getConnection()) {
            other.setAutoCommit(false);
            lock(other, "SELECT id FROM entities WHERE entity_ref = ? FOR UPDATE", "component:default/" + second);
            Future<ExtractableResponse<Response>> answer =
                    pool.submit(() -> register(changed).extract());
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingOnLocks(watcher) > 0);
            // Waits for the registration's row until PostgreSQL aborts the registration.
            lock(
                    other,
                    "UPDATE entities SET updated_by = updated_by WHERE entity_ref = ?",
                    "component:default/" + first);
            other.rollback();

            ExtractableResponse<Response> r = answer.get();
            assertEquals(409, r.statusCode(), r.asString());
            assertEquals("ConflictError", r.path("error.name"));
        } finally {
            pool.shutdownNow();
        }
        for (String name : List.of(first, second)) {
            assertEquals("production", lifecycle(name), name + " is as it was");
        }
    }

    private static String lifecycle(String name) {
        return Api.as("bob")
                .get("/api/catalog/entities/by-name/component/default/{n}", name)
                .then()
                .statusCode(200)
                .extract()
                .path("spec.lifecycle");
    }

    private static void lock(Connection c, String sql, String ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, ref);
            ps.execute();
        }
    }

    private static int waitingOnLocks(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity"
                        + " WHERE wait_event_type = 'Lock' AND datname = current_database()");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
