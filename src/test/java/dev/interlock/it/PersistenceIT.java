package dev.interlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The packaged application, as a user starts it: the embedded H2 database in file mode keeps the catalog across a
 * restart, and the example catalog is loaded once, into an empty catalog only.
 */
class PersistenceIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
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
                    .header("Authorization", ADMIN).header("Content-Type", "application/yaml")
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
                    .header("Authorization", ADMIN).GET());
            assertEquals(200, read.statusCode());
            assertEquals(uid, field(read.body(), "uid"));
        } finally {
            stop(second);
        }
    }

    private static Process start(Path data, int port) throws IOException {
        String jar = System.getProperty("interlock.jar", "target/quarkus-app/quarkus-run.jar");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar);
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        pb.environment().put("QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:h2:file:" + data.resolve("interlock").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        pb.redirectErrorStream(true).redirectOutput(data.resolve("app-" + System.nanoTime() + ".log").toFile());
        Process process = pb.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            assertTrue(process.isAlive(), "the application stopped during start; see " + data);
            try {
                if (send(HttpRequest.newBuilder(uri(port, "/q/health/ready")).GET()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYetListening) {
                // keep waiting until the deadline
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        process.destroyForcibly();
        throw new AssertionError("the application did not become ready within 60 s; see " + data);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int totalItems(int port) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(port, "/api/catalog/entities/by-query?limit=0"))
                .header("Authorization", ADMIN).GET());
        assertEquals(200, r.statusCode(), r.body());
        return Integer.parseInt(field(r.body(), "totalItems"));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
