import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * Locations benchmark: serves N catalog-info.yaml files of 10 entities each from a local HTTP file server (with
 * ETags), registers them as N locations, then measures (1) a refresh round over all of them with nothing changed
 * (every file answers 304), and (2) how long a changed file takes to become visible once its refresh comes round.
 * Targets (issue 11): a round of 1,000 locations <= 10 s; a change visible <= 2 s after its refresh.
 *
 * <pre>java bench/LocationBench.java --base-url http://127.0.0.1:8080 --n 1000</pre>
 * The server must allow private addresses (INTERLOCK_LOCATIONS_ALLOW_PRIVATE_ADDRESSES=true). Exit 0: targets met;
 * 2: a target missed; 1: could not run.
 */
public class LocationBench {

    static final int ENTITIES_PER_FILE = 10;
    static final Map<String, String> FILES = new ConcurrentHashMap<>();
    static final AtomicInteger NOT_MODIFIED = new AtomicInteger();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static String base;
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes());

    public static void main(String[] args) throws Exception {
        int n = 1000;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--base-url" -> base = args[i + 1];
                case "--n" -> n = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (base == null) {
            System.err.println("usage: java bench/LocationBench.java --base-url http://127.0.0.1:8080 --n 1000");
            System.exit(1);
        }
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
        String files = "http://127.0.0.1:" + server.getAddress().getPort();
        for (int i = 0; i < n; i++) {
            FILES.put("/repo-" + i + "/catalog-info.yaml", file(i, "v1"));
        }
        boolean ok = true;
        try {
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String target = files + "/repo-" + i + "/catalog-info.yaml";
                posts.add(pool.submit(() -> post("/api/catalog/locations",
                        "{\"type\":\"url\",\"target\":\"" + target + "\"}").statusCode()));
            }
            for (Future<Integer> f : posts) {
                if (f.get() != 201) {
                    throw new IllegalStateException("registration answered " + f.get());
                }
            }
            pool.shutdown();
            double registerSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("registered %d locations (%d entities) in %.1f s%n", n, n * ENTITIES_PER_FILE,
                    registerSeconds);

            int before = NOT_MODIFIED.get();
            start = System.nanoTime();
            String round = post("/api/catalog/locations/refresh-all", "{}").body();
            double roundSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("refresh round, nothing changed: %.2f s (%d answers 304) %s%n", roundSeconds,
                    NOT_MODIFIED.get() - before, round);
            double roundTarget = 10.0 * n / 1000;
            if (roundSeconds > roundTarget) {
                System.out.printf("TARGET MISSED: round %.2f s > %.2f s%n", roundSeconds, roundTarget);
                ok = false;
            }

            int changed = n / 2;
            FILES.put("/repo-" + changed + "/catalog-info.yaml", file(changed, "v2"));
            start = System.nanoTime();
            post("/api/catalog/refresh", "{\"entityRef\":\"component:default/loc-" + changed + "-0\"}");
            while (!get("/api/catalog/entities/by-name/component/default/loc-" + changed + "-0").contains("v2")) {
                Thread.sleep(10);
            }
            double visibleSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("changed file visible %.3f s after its refresh started%n", visibleSeconds);
            FILES.put("/repo-" + changed + "/catalog-info.yaml", file(changed, "v3"));
            start = System.nanoTime();
            String round2 = post("/api/catalog/locations/refresh-all", "{}").body();
            double round2Seconds = (System.nanoTime() - start) / 1e9;
            boolean visible = get("/api/catalog/entities/by-name/component/default/loc-" + changed + "-0")
                    .contains("v3");
            System.out.printf("refresh round with one changed file: %.2f s, change visible when it ends: %s %s%n",
                    round2Seconds, visible, round2);
            if (visibleSeconds > 2.0 || !visible) {
                System.out.println("TARGET MISSED: change not visible within 2 s of its refresh");
                ok = false;
            }
        } finally {
            server.stop(0);
        }
        System.exit(ok ? 0 : 2);
    }

    static String file(int i, String version) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < ENTITIES_PER_FILE; j++) {
            b.append("---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: loc-").append(i)
                    .append('-').append(j).append("\n  description: ").append(version)
                    .append("\nspec:\n  type: service\n  lifecycle: production\n  owner: group:bench-team\n");
        }
        return b.toString();
    }

    static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", AUTH)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", AUTH).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
