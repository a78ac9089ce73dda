import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import harness.Args;
import harness.Bench;
import harness.Generator;
import harness.Http;

/**
 * Locations benchmark: serves N catalog-info.yaml files of 10 entities each ({@link Generator#locationFile}) from a
 * local HTTP file server (with ETags), registers them as N locations, then measures (1) a refresh round over all of
 * them with nothing changed (every file answers 304), and (2) how long a changed file takes to become visible once
 * its refresh comes round. Targets (issue 11): a round of 1,000 locations <= 10 s; a change visible <= 2 s after its
 * refresh.
 *
 * <pre>bench/bench.sh LocationBench --base-url http://127.0.0.1:8080 --n 1000</pre>
 * The server must allow private addresses (INTERLOCK_LOCATIONS_ALLOW_PRIVATE_ADDRESSES=true).
 */
public final class LocationBench {

    private static final int ENTITIES_PER_FILE = 10;
    private static final String JSON = "application/json";
    private static final Map<String, String> FILES = new ConcurrentHashMap<>();
    private static final AtomicInteger NOT_MODIFIED = new AtomicInteger();

    public static void main(String[] arguments) {
        Bench.main(() -> {
            Args args = Args.parse(
                    arguments,
                    "bench/bench.sh LocationBench --base-url http://127.0.0.1:8080 --n 1000",
                    List.of("--base-url"),
                    Map.of("--n", "1000"));
            HttpServer server = fileServer();
            try {
                return run(
                        Http.api(args.url("--base-url"), Http.ADMIN),
                        args.integer("--n"),
                        "http://127.0.0.1:" + server.getAddress().getPort());
            } finally {
                server.stop(0);
            }
        });
    }

    /** Serves {@link #FILES} with ETags, answering 304 to a matching {@code If-None-Match}. */
    private static HttpServer fileServer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            try (exchange) {
                String text = FILES.get(exchange.getRequestURI().getPath());
                if (text == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                String etag = "\"" + Integer.toHexString(text.hashCode()) + "\"";
                exchange.getResponseHeaders().add("ETag", etag);
                if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    NOT_MODIFIED.incrementAndGet();
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                byte[] body = text.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    private static boolean run(Http http, int n, String files) throws Exception {
        for (int i = 0; i < n; i++) {
            FILES.put(path(i), Generator.locationFile(i, ENTITIES_PER_FILE, "v1"));
        }
        boolean ok = true;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String target = files + path(i);
            posts.add(pool.submit(
                    () -> http.post("/api/catalog/locations", JSON, "{\"type\":\"url\",\"target\":\"" + target + "\"}")
                            .statusCode()));
        }
        for (Future<Integer> f : posts) {
            if (f.get() != 201) {
                throw new Bench.Failure("registration answered " + f.get());
            }
        }
        pool.shutdown();
        double registerSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "registered %d locations (%d entities) in %.1f s%n", n, n * ENTITIES_PER_FILE, registerSeconds);

        int before = NOT_MODIFIED.get();
        start = System.nanoTime();
        String round =
                http.post("/api/catalog/locations/refresh-all", JSON, "{}").body();
        double roundSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "refresh round, nothing changed: %.2f s (%d answers 304) %s%n",
                roundSeconds, NOT_MODIFIED.get() - before, round);
        double roundTarget = 10.0 * n / 1000;
        if (roundSeconds > roundTarget) {
            System.out.printf("TARGET MISSED: round %.2f s > %.2f s%n", roundSeconds, roundTarget);
            ok = false;
        }

        int changed = n / 2;
        String entity = "/api/catalog/entities/by-name/component/default/loc-" + changed + "-0";
        FILES.put(path(changed), Generator.locationFile(changed, ENTITIES_PER_FILE, "v2"));
        start = System.nanoTime();
        http.post("/api/catalog/refresh", JSON, "{\"entityRef\":\"component:default/loc-" + changed + "-0\"}");
        while (!http.get(entity).body().contains("v2")) {
            Thread.sleep(10);
        }
        double visibleSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("changed file visible %.3f s after its refresh started%n", visibleSeconds);
        FILES.put(path(changed), Generator.locationFile(changed, ENTITIES_PER_FILE, "v3"));
        start = System.nanoTime();
        String round2 =
                http.post("/api/catalog/locations/refresh-all", JSON, "{}").body();
        double round2Seconds = (System.nanoTime() - start) / 1e9;
        boolean visible = http.get(entity).body().contains("v3");
        System.out.printf(
                "refresh round with one changed file: %.2f s, change visible when it ends: %s %s%n",
                round2Seconds, visible, round2);
        if (visibleSeconds > 2.0 || !visible) {
            System.out.println("TARGET MISSED: change not visible within 2 s of its refresh");
            ok = false;
        }
        return ok;
    }

    private static String path(int i) {
        return "/repo-" + i + "/catalog-info.yaml";
    }
}
