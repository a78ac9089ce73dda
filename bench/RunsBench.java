import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run-ingestion and health benchmark for an Interlock server.
 *
 * <p>Registers {@code --pipelines} data pipelines (each claiming the OpenLineage job {@code bench/p-<i>}, in lineage
 * chains of three through resources, every fifth one on an hourly schedule) as {@code admin:admin}. Then measures:
 * <ol>
 * <li>single-event POSTs to {@code /api/v1/lineage} from 8 clients with keep-alive connections, after a warm-up of
 * up to 5,000 such POSTs ({@code --single}
 * events, as {@code ci:ci}): events/s, target >= 1,000;</li>
 * <li>arrays of 1,000 events until {@code --events} events are stored in all: events/s, target >= 5,000;</li>
 * <li>{@code GET /api/pipelines/default/p-<i>/health} for random pipelines ({@code --requests}, one client):
 * p50/p99, target p99 <= 20 ms;</li>
 * <li>{@code GET /pipelines?page=<k>} signed in as bob: p50/p99, target p99 <= 50 ms.</li>
 * </ol>
 * The latencies are measured twice: once the burst's rescoring is done (reported), and once the server has been idle
 * for 10 s (H2's compaction of the burst done; the targets apply).
 * Exits 0 when all targets pass, 2 when one misses, 1 when it could not run. Only JDK classes are used.
 *
 * <p>Usage: {@code java bench/RunsBench.java --base-url http://127.0.0.1:8080 [--pipelines 10000]
 * [--events 1000000] [--single 20000] [--requests 1000]}
 */
public final class RunsBench {

    static String base = "http://127.0.0.1:8080";
    static int pipelines = 10_000;
    static int events = 1_000_000;
    static int single = 20_000;
    static int requests = 1_000;
    static long serverPid = 0;
    static final String CI = "Basic " + Base64.getEncoder().encodeToString("ci:ci".getBytes(StandardCharsets.UTF_8));
    static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    static final Random RANDOM = new Random(7);

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--base-url" -> base = args[i + 1];
                case "--pipelines" -> pipelines = Integer.parseInt(args[i + 1]);
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                case "--single" -> single = Integer.parseInt(args[i + 1]);
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--server-pid" -> serverPid = Long.parseLong(args[i + 1]);
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(1);
                }
            }
        }
        boolean pass = true;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long t0 = System.nanoTime();
        register(client);
        System.out.printf("registered %d pipelines (+%d resources) in %.1f s%n", pipelines, pipelines,
                (System.nanoTime() - t0) / 1e9);

        // 1. Single-event POSTs, 8 keep-alive clients (after a warm-up of the same shape: the JIT compiles first).
        singleEvents(Math.min(single, 5_000), i -> event(i).replace("\"bench\",\"name\"", "\"bench-warmup\",\"name\""));
        long s0 = System.nanoTime();
        singleEvents(single, RunsBench::event);
        double singleRate = single / ((System.nanoTime() - s0) / 1e9);
        pass &= report("single-event POSTs (8 clients)", singleRate, 1_000);

        // 2. Arrays of 1,000 events.
        int stored = single;
        long a0 = System.nanoTime();
        int arrayEvents = 0;
        while (stored < events) {
            int n = Math.min(1_000, events - stored);
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                body.append(i == 0 ? "" : ",").append(event(stored + i));
            }
            post(client, "/api/v1/lineage", body.append(']').toString(), 201);
            stored += n;
            arrayEvents += n;
            if (arrayEvents % 100_000 == 0) {
                System.out.printf("  %,d events stored%n", stored);
            }
        }
        if (arrayEvents > 0) {
            pass &= report("arrays of 1,000 events", arrayEvents / ((System.nanoTime() - a0) / 1e9), 5_000);
        }

        // The ingestion burst leaves background work: rescoring every pipeline it touched, then H2 rewriting the
        // chunks the burst left half empty (it compacts when the store is otherwise idle, so for minutes after a
        // burst of a million events). Latencies are measured twice: once the rescoring is done (reported), and once
        // the server is idle (the targets: steady use, where no burst of this size has just happened).
        settle(15, 3, "background rescoring done");
        latencies(client, false);
        settle(3, 10, "H2's background compaction done");
        pass &= latencies(client, true);
        System.out.println(pass ? "ALL TARGETS PASS" : "SOME TARGET MISSED");
        System.exit(pass ? 0 : 2);
    }

    /** Health API and /pipelines page latencies; with {@code targets}, whether both met theirs. */
    static boolean latencies(HttpClient client, boolean targets) throws Exception {
        for (int i = 0; i < 50; i++) {
            get(client, "/api/pipelines/default/p-" + RANDOM.nextInt(pipelines) + "/health", CI_READ);
        }
        long[] health = new long[requests];
        for (int i = 0; i < requests; i++) {
            long r0 = System.nanoTime();
            get(client, "/api/pipelines/default/p-" + RANDOM.nextInt(pipelines) + "/health", CI_READ);
            health[i] = System.nanoTime() - r0;
        }
        boolean pass = latency("GET /api/pipelines/{ns}/{name}/health", health, targets ? 20 : 0);
        // The /pipelines page, signed in as bob.
        String cookie = signIn(client);
        int pages = Math.max(1, pipelines / 50);
        for (int i = 0; i < 20; i++) {
            page(client, cookie, 1 + RANDOM.nextInt(pages));
        }
        long[] page = new long[requests];
        for (int i = 0; i < requests; i++) {
            long r0 = System.nanoTime();
            page(client, cookie, 1 + RANDOM.nextInt(pages));
            page[i] = System.nanoTime() - r0;
        }
        return pass & latency("GET /pipelines?page=k", page, targets ? 50 : 0);
    }

    /** Sends {@code count} single-event POSTs from 8 threads, each with its own keep-alive connection. */
    static void singleEvents(int count, java.util.function.IntFunction<String> body) throws Exception {
        int threads = 8;
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        URI uri = URI.create(base);
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                try (KeepAlive connection = new KeepAlive(uri.getHost(), uri.getPort())) {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        int status = connection.post("/api/v1/lineage", CI, body.apply(i));
                        if (status != 201 && status != 200) {
                            throw new IllegalStateException("/api/v1/lineage answered " + status);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    /**
     * One HTTP/1.1 keep-alive connection that writes requests and reads answers with plain sockets: the JDK's
     * HttpClient costs about as much CPU per request as the server does, which on a small machine would measure the
     * client.
     */
    static final class KeepAlive implements AutoCloseable {
        private final String host;
        private final java.net.Socket socket;
        private final java.io.BufferedInputStream in;
        private final java.io.OutputStream out;

        KeepAlive(String host, int port) throws java.io.IOException {
            this.host = host + ":" + port;
            socket = new java.net.Socket(host, port);
            socket.setTcpNoDelay(true);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16_384);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 16_384);
        }

        /** Posts JSON and returns the status, having read the whole answer. */
        int post(String path, String auth, String json) throws java.io.IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + auth
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String status = line();
            int length = -1;
            boolean chunked = false;
            for (String header; !(header = line()).isEmpty();) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0;) {
                    in.readNBytes(size);
                    line();
                }
                line();
            } else if (length > 0) {
                in.readNBytes(length);
            }
            return Integer.parseInt(status.split(" ")[1]);
        }

        private String line() throws java.io.IOException {
            StringBuilder b = new StringBuilder();
            for (int c; (c = in.read()) != '\n';) {
                if (c < 0) {
                    throw new java.io.EOFException("the server closed the connection");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    /**
     * Waits until the server used less than {@code percent} % of a core for {@code seconds} seconds in a row (at most
     * 15 minutes).
     */
    static void settle(int percent, int seconds, String what) throws Exception {
        if (serverPid <= 0) {
            return;
        }
        long t0 = System.nanoTime();
        long last = cpuTicks();
        int quiet = 0;
        while (quiet < seconds && System.nanoTime() - t0 < 900e9) {
            Thread.sleep(1_000);
            long now = cpuTicks();
            quiet = now - last < percent ? quiet + 1 : 0; // clock ticks of 10 ms: 1 tick = 1 % of a core for 1 s
            last = now;
        }
        System.out.printf("server below %d %% of a core for %d s, %.0f s later (%s)%n", percent, seconds,
                (System.nanoTime() - t0) / 1e9, what);
    }

    /** The server's user + system CPU time in clock ticks, from /proc. */
    static long cpuTicks() throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + serverPid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static final String CI_READ = "Basic " + Base64.getEncoder().encodeToString("bob:bob".getBytes(StandardCharsets.UTF_8));

    /** Event i: START or COMPLETE of run i/2 of a random pipeline, within the last 20 days. */
    static String event(int i) {
        int run = i / 2;
        int p = Math.floorMod(run * 7919, pipelines);
        Instant start = Instant.now().minus(20, ChronoUnit.DAYS).plusSeconds((long) run * 1_700_000 / Math.max(1, events / 2) * 1L);
        Instant time = i % 2 == 0 ? start : start.plusSeconds(300);
        String id = new UUID(0xbe0c0000L, run).toString();
        return "{\"eventType\":\"" + (i % 2 == 0 ? "START" : "COMPLETE") + "\",\"eventTime\":\"" + time
                + "\",\"producer\":\"bench\",\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json\","
                + "\"run\":{\"runId\":\"" + id + "\",\"facets\":{}},\"job\":{\"namespace\":\"bench\",\"name\":\"p-" + p
                + "\",\"facets\":{}},\"inputs\":[],\"outputs\":[]}";
    }

    static void register(HttpClient client) throws Exception {
        StringBuilder yaml = new StringBuilder();
        int inBody = 0;
        for (int i = 0; i < pipelines; i++) {
            yaml.append("apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: r-").append(i)
                    .append("\nspec:\n  type: table\n  owner: group:bench\n---\n");
            yaml.append("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: p-").append(i)
                    .append("\n  annotations:\n    openlineage.io/job: bench/p-").append(i)
                    .append("\nspec:\n  type: pipeline\n  lifecycle: production\n  owner: group:bench\n  pipeline:\n")
                    .append("    family: data\n    maintainers: [user:bench]\n")
                    .append(i % 3 == 0 ? "" : "    inputs: [resource:r-" + (i - 1) + "]\n")
                    .append("    outputs: [resource:r-").append(i).append("]\n")
                    .append(i % 5 == 0 ? "    trigger:\n      schedule: \"0 * * * *\"\n" : "")
                    .append("    slo:\n      freshness: 1d\n      successRate: 0.9\n---\n");
            inBody += 2;
            if (inBody >= 1_000 || i == pipelines - 1) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/catalog/entities"))
                        .header("Authorization", ADMIN).header("Content-Type", "application/yaml")
                        .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(yaml.toString())).build();
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("registration answered " + r.statusCode() + ": "
                            + r.body().substring(0, Math.min(500, r.body().length())));
                }
                yaml.setLength(0);
                inBody = 0;
            }
        }
    }

    static void post(HttpClient client, String path, String body, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", CI)
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected && r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    static void get(HttpClient client, String path, String auth) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                .timeout(Duration.ofMinutes(2)).GET().build();
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Signs in through the form at /login (with its CSRF token and cookie) and returns the session cookie. */
    static String signIn(HttpClient client) throws Exception {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"")
                .matcher(page.body());
        String csrf = page.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("csrf-token="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("/login set no CSRF cookie"));
        if (!token.find()) {
            throw new IllegalStateException("/login has no CSRF token");
        }
        String form = "csrf-token=" + java.net.URLEncoder.encode(token.group(1), java.nio.charset.StandardCharsets.UTF_8)
                + "&username=bob&password=bob";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        return r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("interlock-session="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("sign-in gave no cookie: " + r.statusCode()));
    }

    static void page(HttpClient client, String cookie, int page) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/pipelines?page=" + page))
                .header("Cookie", cookie).header("Accept", "text/html").GET().build();
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("Health")) {
            throw new IllegalStateException("/pipelines answered " + r.statusCode());
        }
    }

    static boolean report(String what, double rate, double target) {
        boolean ok = rate >= target;
        System.out.printf("%-40s %,10.0f events/s  (target >= %,.0f) %s%n", what, rate, target, ok ? "PASS" : "FAIL");
        return ok;
    }

    /** Prints p50/p99/max and checks p99 against a target ({@code <= 0}: reported only). */
    static boolean latency(String what, long[] nanos, double targetP99) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double p50 = sorted[(int) Math.ceil(0.50 * sorted.length) - 1] / 1e6;
        double p99 = sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1e6;
        double max = sorted[sorted.length - 1] / 1e6;
        if (targetP99 <= 0) {
            System.out.printf("%-40s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (reported)%n", what, p50, p99, max);
            return true;
        }
        boolean ok = p99 <= targetP99;
        System.out.printf("%-40s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (target p99 <= %.0f ms) %s%n", what, p50,
                p99, max, targetP99, ok ? "PASS" : "FAIL");
        return ok;
    }
}
