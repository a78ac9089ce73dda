package dev.interlock.it;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The packaged application ({@code target/quarkus-app/quarkus-run.jar}) as integration tests run it. */
final class Packaged {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What a command printed and how it ended. */
    record Run(int status, List<String> out, String err) {}

    private Packaged() {}

    /** The H2 database in file mode at this path (without {@code .mv.db}). */
    static String h2(Path database) {
        return "jdbc:h2:file:" + database.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * Starts the server on this database and port, in the project folder (where the example catalog is); returns
     * once it is ready. Its log goes into {@code logs}.
     */
    static Process start(String jdbcUrl, int port, Path logs) throws IOException {
        return start(Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl), port, logs);
    }

    /** Starts the server with these environment variables (the database's among them) on this port, once ready. */
    static Process start(Map<String, String> env, int port, Path logs) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(java(), "-jar", jar());
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        pb.redirectErrorStream(true)
                .redirectOutput(
                        logs.resolve("app-" + System.nanoTime() + ".log").toFile());
        Process process = pb.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            assertTrue(process.isAlive(), "the application stopped during start; see " + logs);
            try {
                if (send(HttpRequest.newBuilder(uri(port, "/q/health/ready")).GET())
                                .statusCode()
                        == 200) {
                    return process;
                }
            } catch (IOException notYetListening) {
                // keep waiting until the deadline
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        process.destroyForcibly();
        throw new AssertionError("the application did not become ready within 60 s; see " + logs);
    }

    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Runs {@code quarkus-run.jar ARGS...} in a working directory with these environment variables, to its end. */
    static Run command(Path work, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("command", ".out");
        Path err = Files.createTempFile("command", ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(env);
        Process process = pb.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not end within 120 s: " + command);
        }
        return new Run(process.exitValue(), Files.readAllLines(out), Files.readString(err));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return HTTP.send(
                    request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Whether the packaged application is the PostgreSQL build (the database kind is fixed at build time): its
     * recorded data source names PostgreSQL's driver.
     */
    static boolean postgresqlBuild() throws IOException {
        Path generated = Path.of(jar()).getParent().resolve("quarkus/generated-bytecode.jar");
        if (!Files.exists(generated)) {
            return false;
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(generated.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                var entry = entries.nextElement();
                if (entry.getName()
                        .startsWith("io/quarkus/runner/recorded/AgroalProcessor$generateDataSourceSupport")) {
                    try (var in = zip.getInputStream(entry)) {
                        if (new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)
                                .contains("org.postgresql.Driver")) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return Path.of(System.getProperty("interlock.jar", "target/quarkus-app/quarkus-run.jar"))
                .toAbsolutePath()
                .toString();
    }
}
