package dev.interlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The packaged application, as a user starts it: the embedded H2 database in file mode keeps the catalog across a
 * restart, and the example catalog is loaded once, into an empty catalog only.
 */
class PersistenceIT {

    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes());

    @Test
    void theCatalogSurvivesARestart() throws Exception {
        Path data = Files.createTempDirectory("interlock-it");
        int port = freePort();
        String uid;
        int total;
        Process first = start(data, port);
        try {
            total = totalItems(port);
            assertTrue(total > 50, "example catalog loaded at first start: " + total);
            HttpResponse<String> created = send(HttpRequest.newBuilder(uri(port, "/api/catalog/entities"))
                    .header("Authorization", ADMIN)
                    .header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            apiVersion: backstage.io/v1alpha1
                            kind: Component
                            metadata: {name: survives-restart}
                            spec: {type: service, lifecycle: production, owner: group:platform}
                            """)));
            assertEquals(201, created.statusCode(), created.body());
            uid = field(created.body(), "uid");
        } finally {
            stop(first);
        }
        Process second = start(data, port);
        try {
            assertEquals(total + 1, totalItems(port), "examples are not loaded again into a non-empty catalog");
            HttpResponse<String> read = send(HttpRequest.newBuilder(
                            uri(port, "/api/catalog/entities/by-name/component/default/survives-restart"))
                    .header("Authorization", ADMIN)
                    .GET());
            assertEquals(200, read.statusCode());
            assertEquals(uid, field(read.body(), "uid"));
        } finally {
            stop(second);
        }
    }

    @Test
    void everyAnsweredRegistrationSurvivesAKill() throws Exception {
        Path data = Files.createTempDirectory("interlock-it");
        int port = freePort();
        Process first = start(data, port);
        int answered = 0;
        try {
            // Registrations one after another, the process killed (kill -9) the moment the last one is answered.
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> created = send(HttpRequest.newBuilder(uri(port, "/api/catalog/entities"))
                        .header("Authorization", ADMIN)
                        .header("Content-Type", "application/yaml")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                apiVersion: backstage.io/v1alpha1
                                kind: Component
                                metadata: {name: survives-kill-%d}
                                spec: {type: service, lifecycle: production, owner: group:platform}
                                """.formatted(i))));
                assertEquals(201, created.statusCode(), created.body());
                answered++;
            }
        } finally {
            first.destroyForcibly().waitFor();
        }
        Process second = start(data, port);
        try {
            for (int i = 0; i < answered; i++) {
                HttpResponse<String> read = send(HttpRequest.newBuilder(
                                uri(port, "/api/catalog/entities/by-name/component/default/survives-kill-" + i))
                        .header("Authorization", ADMIN)
                        .GET());
                assertEquals(200, read.statusCode(), "registration " + i + " was answered 201 before the kill");
            }
        } finally {
            stop(second);
        }
    }

    private static Process start(Path data, int port) throws IOException {
        return Packaged.start(Packaged.h2(data.resolve("interlock")), port, data);
    }

    private static void stop(Process process) throws InterruptedException {
        Packaged.stop(process);
    }

    private static int totalItems(int port) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(port, "/api/catalog/entities/by-query?limit=0"))
                .header("Authorization", ADMIN)
                .GET());
        assertEquals(200, r.statusCode(), r.body());
        return Integer.parseInt(field(r.body(), "totalItems"));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        return Packaged.send(request);
    }

    private static URI uri(int port, String path) {
        return Packaged.uri(port, path);
    }

    private static int freePort() throws IOException {
        return Packaged.freePort();
    }
}
