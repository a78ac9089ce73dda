package dev.interlock.location;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.interlock.catalog.LocationRecord;
import dev.interlock.replicas.SharedLocks;
import dev.interlock.support.FileServer;

/**
 * Two things done to one location at the same time. A location pointed at another target or deleted while it is being
 * refreshed: the change waits for the refresh, and a refresh round that listed the location before the change reads the
 * target it has now (it read the old one and brought back what the old target produced). The same target registered
 * twice at once: one registration stores it, the other is told it exists (it was a 500). An import waits for the
 * refresh too (it may replace any location).
 */
@QuarkusTest
@TestProfile(PrivateLocationsProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocationsAtOnceTest {

    private final FileServer server;

    @Inject
    LocationRefresh refresh;

    @Inject
    SharedLocks locks;

    LocationsAtOnceTest() throws Exception {
        server = new FileServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aRoundThatListedTheLocationBeforeItWasPointedElsewhereReadsItsNewTarget() {
        String old = unique("svc"), added = unique("svc"), dir = "/" + unique("repo");
        server.put(dir + "/a.yaml", LocationApiTest.component(old, null));
        server.put(dir + "/b.yaml", LocationApiTest.component(added, null));
        String id = register(server.url(dir + "/a.yaml"));
        // A round lists the locations, then reads each under its lock: this one is listed before the change.
        LocationRecord listed = QuarkusTransaction.requiringNew().call(() -> LocationRecord.findById(id));
        server.put(dir + "/a.yaml", LocationApiTest.component(old, "  # edited\n"));
        LocationApiTest.pointAt(id, server.url(dir + "/b.yaml")).then().statusCode(200);

        refresh.refreshInRound(listed);

        assertEquals("true", orphan(old), "what only the old target produced stays an orphan");
        assertNull(orphan(added), "what the new target produces is not orphaned");
        LocationApiTest.assertTarget(id, server.url(dir + "/b.yaml"));
    }

    @Test
    void aLocationDeletedAfterARoundListedItIsNeitherReadNorCountedUnchanged() {
        String path = "/" + unique("repo") + "/a.yaml";
        server.put(path, LocationApiTest.component(unique("svc"), null));
        String id = register(server.url(path));
        LocationRecord listed = QuarkusTransaction.requiringNew().call(() -> LocationRecord.findById(id));
        as("alice").delete("/api/catalog/locations/" + id).then().statusCode(204);
        int read = server.requests(path);

        assertEquals("deleted", refresh.refreshInRound(listed).orElseThrow().state());
        assertEquals(read, server.requests(path), "its target was not read");
    }

    @Test
    void aChangeAndADeletionWaitForTheRefreshInFlight() throws Exception {
        String name = unique("svc"), other = unique("svc"), dir = "/" + unique("repo");
        server.put(dir + "/a.yaml", LocationApiTest.component(name, null));
        server.put(dir + "/b.yaml", LocationApiTest.component(other, null));
        String id = register(server.url(dir + "/a.yaml"));

        CompletableFuture<Integer> change = whileRefreshing(
                id,
                () -> LocationApiTest.pointAt(id, server.url(dir + "/b.yaml")).statusCode());
        assertEquals(200, change.get(20, TimeUnit.SECONDS));
        CompletableFuture<Integer> deletion = whileRefreshing(
                id, () -> as("alice").delete("/api/catalog/locations/" + id).statusCode());
        assertEquals(204, deletion.get(20, TimeUnit.SECONDS));
    }

    @Test
    void anImportWaitsForTheRefreshInFlightOfALocationItReplaces() throws Exception {
        String name = unique("svc"), path = "/" + unique("repo") + "/a.yaml";
        server.put(path, LocationApiTest.component(name, null));
        String id = register(server.url(path));
        byte[] archive = as("admin")
                .get("/api/catalog/export")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();

        java.util.function.Supplier<Integer> importing = () -> as("admin")
                .contentType("application/zip")
                .body(archive)
                .post("/api/catalog/import")
                .statusCode();
        // Unhindered, the import takes this long; held up by the refresh, it is still waiting at three times that.
        long started = System.nanoTime();
        assertEquals(200, importing.get());
        Duration alone = Duration.ofNanos(System.nanoTime() - started);

        CompletableFuture<Integer> imported = whileRefreshing(id, alone.multipliedBy(3), importing);
        assertEquals(200, imported.get(60, TimeUnit.SECONDS));
        LocationApiTest.assertTarget(id, server.url(path));
    }

    @Test
    void theSameTargetRegisteredTwiceAtOnceIsStoredOnceAndTheOtherIsAConflict() throws Exception {
        String name = unique("svc"), path = "/" + unique("repo") + "/a.yaml";
        server.put(path, LocationApiTest.component(name, null));
        // Both registrations look for the target before they read it, and store it after: read slowly, both have
        // looked before either stores.
        server.delay(path, Duration.ofSeconds(2));
        CompletableFuture<io.restassured.response.Response> first =
                CompletableFuture.supplyAsync(() -> post(server.url(path)));
        CompletableFuture<io.restassured.response.Response> second =
                CompletableFuture.supplyAsync(() -> post(server.url(path)));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requests(path) == 2);
        java.util.List<Integer> codes = new java.util.ArrayList<>(java.util.List.of(
                first.get(20, TimeUnit.SECONDS).statusCode(),
                second.get(20, TimeUnit.SECONDS).statusCode()));
        java.util.Collections.sort(codes);
        assertEquals(java.util.List.of(201, 409), codes);
        as("bob")
                .get("/api/catalog/locations")
                .then()
                .body(
                        "findAll { it.data.target == '" + server.url(path) + "' }.size()",
                        org.hamcrest.Matchers.equalTo(1));
    }

    /**
     * Starts a request while the location's lock is held (as by a refresh reading it), checks that it does not finish
     * meanwhile, then lets the lock go.
     */
    private CompletableFuture<Integer> whileRefreshing(String id, java.util.function.Supplier<Integer> request) {
        return whileRefreshing(id, Duration.ofSeconds(1), request);
    }

    /** As {@link #whileRefreshing(String, java.util.function.Supplier)}, checking for at least this long. */
    private CompletableFuture<Integer> whileRefreshing(
            String id, Duration atLeast, java.util.function.Supplier<Integer> request) {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> refreshing = CompletableFuture.runAsync(() ->
                locks.withLock(LocationRefresh.lockOf(id), LocationRefresh.EVERY_LOCATION, () -> {
                    held.countDown();
                    try {
                        return release.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> held.getCount() == 0);
            CompletableFuture<Integer> answer = CompletableFuture.supplyAsync(request);
            Duration during = atLeast.compareTo(Duration.ofSeconds(1)) > 0 ? atLeast : Duration.ofSeconds(1);
            await().during(during).atMost(during.plusSeconds(2)).until(() -> !answer.isDone());
            return answer;
        } finally {
            release.countDown();
            refreshing.join();
        }
    }

    private static io.restassured.response.Response post(String target) {
        return as("alice")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", target))
                .post("/api/catalog/locations");
    }

    private String register(String target) {
        return post(target).then().statusCode(201).extract().path("location.id");
    }

    /** The entity's orphan annotation, or null. */
    private static String orphan(String name) {
        Map<?, ?> annotations = as("bob")
                .get("/api/catalog/entities/by-name/component/default/" + name)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("metadata.annotations");
        return annotations == null ? null : (String) annotations.get("backstage.io/orphan");
    }
}
