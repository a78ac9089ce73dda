import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mixed load against one or more Interlock replicas sharing a database.
 *
 * <p>Seeds {@code --seed} components (and 10 teams), signs in through the form as {@code bob} on the first replica
 * (the session is shared by the replicas), then runs {@code --clients} clients for {@code --seconds} seconds; client
 * i talks to replica i mod R, first for {@code --warm-up} seconds (errors counted, latencies not kept). Each request is, at random, a read (80 %: a by-query page of 50 components, an entity
 * page, the catalog page, in equal shares) or a registration of 10 new components (20 %) as {@code admin}. Afterwards
 * every component whose registration was acknowledged (201) is looked up on every replica
 * ({@code POST /api/catalog/entities/by-refs}).
 *
 * <p>Targets: no error (any answer other than 200/201, or no answer), read p99 <= 100 ms, every acknowledged write
 * present on every replica. Exit 0 when all pass, 2 when one misses, 1 when it could not run. JDK classes only.
 *
 * <p>Usage: {@code java bench/LoadBench.java --base-urls http://127.0.0.1:8081,http://127.0.0.1:8082 [--clients 64]
 * [--seconds 60] [--warm-up 20] [--seed 1000]}
 */
public final class LoadBench {

    static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String[] READS = {"by-query", "entity page", "catalog page"};

    static List<String> bases = List.of("http://127.0.0.1:8080");
    static int clients = 64;
    static int seconds = 60;
    static int seed = 1_000;
    static int warmUp = 20;
    /** When the measured period starts (after the warm-up); latencies before it are not kept. */
    static volatile long measureFrom;

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final Map<String, ConcurrentLinkedQueue<Long>> LATENCIES = new ConcurrentHashMap<>();
    static final ConcurrentLinkedQueue<String> ERRORS = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> ACKNOWLEDGED = new ConcurrentLinkedQueue<>();
    static final AtomicInteger ERROR_COUNT = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--base-urls" -> bases = List.of(args[i + 1].split(","));
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Integer.parseInt(args[i + 1]);
                case "--warm-up" -> warmUp = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        seed();
        String cookie = signIn(bases.get(0));
        System.out.printf(Locale.ROOT, "%d clients for %d s (after %d s of warm-up) against %d replicas (%s); %,d"
                + " components seeded%n", clients, seconds, warmUp, bases.size(), String.join(", ", bases), seed);
        measureFrom = System.nanoTime() + warmUp * 1_000_000_000L;
        long deadline = measureFrom + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> run(client, bases.get(client % bases.size()), cookie, deadline));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        boolean pass = report();
        pass &= verify();
        System.out.println(pass ? "ALL TARGETS PASS" : "SOME TARGET MISSED");
        System.exit(pass ? 0 : 2);
    }

    /** One client: random reads and registrations until the deadline. */
    static void run(int client, String base, String cookie, long deadline) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int writes = 0;
        while (System.nanoTime() < deadline) {
            int roll = random.nextInt(100);
            if (roll < 20) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    names.add("load-" + client + "-" + writes + "-" + i);
                }
                writes++;
                String yaml = String.join("---\n", names.stream().map(n -> component(n, random.nextInt(10))).toList());
                if (send("registration of 10", base, HttpRequest.newBuilder(URI.create(base + "/api/catalog/entities"))
                        .header("Authorization", ADMIN).header("Content-Type", "application/yaml")
                        .POST(HttpRequest.BodyPublishers.ofString(yaml)), 201)) {
                    names.forEach(n -> ACKNOWLEDGED.add("component:default/" + n));
                }
            } else {
                String read = READS[roll % 3];
                String path = switch (read) {
                    case "by-query" -> "/api/catalog/entities/by-query?filter="
                            + URLEncoder.encode("kind=component", StandardCharsets.UTF_8) + "&limit=50";
                    case "entity page" -> "/catalog/default/component/seed-" + random.nextInt(seed);
                    default -> "/catalog?kind=Component&page=" + (1 + random.nextInt(Math.max(1, seed / 50)));
                };
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
                request = read.equals("by-query") ? request.header("Authorization", ADMIN)
                        : request.header("Cookie", cookie);
                send(read, base, request.GET(), 200);
            }
        }
    }

    /** Sends one request, records its latency under {@code what}; whether it got the expected status. */
    static boolean send(String what, String base, HttpRequest.Builder request, int expected) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = HTTP.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            if (t0 >= measureFrom) {
                LATENCIES.computeIfAbsent(what, k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime() - t0);
            }
            if (r.statusCode() == expected) {
                return true;
            }
            error(what + " on " + base + ": " + r.statusCode() + " " + abbreviate(r.body()));
        } catch (Exception e) {
            error(what + " on " + base + ": " + e);
        }
        return false;
    }

    static void error(String message) {
        if (ERROR_COUNT.incrementAndGet() <= 10) {
            ERRORS.add(message);
        }
    }

    static String component(String name, int team) {
        return "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: " + name
                + "\nspec:\n  type: service\n  lifecycle: production\n  owner: group:team-" + team + "\n";
    }

    /** Registers the teams and the seed components on the first replica. */
    static void seed() throws Exception {
        List<String> docs = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            docs.add("apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-" + t
                    + "\nspec:\n  type: team\n  children: []\n");
        }
        for (int c = 0; c < seed; c++) {
            docs.add(component("seed-" + c, c % 10));
        }
        for (int i = 0; i < docs.size(); i += 500) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(bases.get(0) + "/api/catalog/entities"))
                    .header("Authorization", ADMIN).header("Content-Type", "application/yaml").timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("---\n",
                            docs.subList(i, Math.min(docs.size(), i + 500)))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                System.err.println("seeding answered " + r.statusCode() + ": " + abbreviate(r.body()));
                System.exit(1);
            }
        }
    }

    /** Signs in through the form as bob and returns the session cookie. */
    static String signIn(String base) throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(page.body());
        String csrf = page.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("csrf-token="))
                .map(c -> c.split(";", 2)[0]).findFirst().orElse(null);
        if (!token.find() || csrf == null) {
            System.err.println("/login has no CSRF token or cookie");
            System.exit(1);
        }
        String form = "csrf-token=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)
                + "&username=bob&password=bob";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("interlock-session="))
                .map(c -> c.split(";", 2)[0]).findFirst().orElseThrow(() -> new IllegalStateException(
                        "signing in answered " + r.statusCode() + " without a session cookie"));
    }

    /** Prints each kind of request's figures; whether no request failed and reads met their p99. */
    static boolean report() {
        long[] reads = LATENCIES.entrySet().stream().filter(e -> !e.getKey().startsWith("registration"))
                .flatMap(e -> e.getValue().stream()).mapToLong(Long::longValue).toArray();
        long total = LATENCIES.values().stream().mapToLong(ConcurrentLinkedQueue::size).sum();
        System.out.printf(Locale.ROOT, "%,d requests measured in %d s (%,.0f/s); %,d registrations acknowledged in all (%,d components)%n",
                total, seconds, total / (double) seconds, ACKNOWLEDGED.size() / 10, ACKNOWLEDGED.size());
        for (String what : LATENCIES.keySet().stream().sorted().toList()) {
            line(what, LATENCIES.get(what).stream().mapToLong(Long::longValue).toArray());
        }
        double p99 = line("all reads", reads);
        boolean ok = ERROR_COUNT.get() == 0;
        System.out.printf(Locale.ROOT, "errors: %d  (target 0) %s%n", ERROR_COUNT.get(), ok ? "PASS" : "FAIL");
        ERRORS.forEach(e -> System.out.println("  " + e));
        boolean fast = p99 <= 100;
        System.out.printf(Locale.ROOT, "read p99: %.1f ms  (target <= 100 ms) %s%n", p99, fast ? "PASS" : "FAIL");
        return ok && fast;
    }

    static double line(String what, long[] nanos) {
        if (nanos.length == 0) {
            return 0;
        }
        Arrays.sort(nanos);
        double p50 = nanos[(int) Math.ceil(0.50 * nanos.length) - 1] / 1e6;
        double p99 = nanos[(int) Math.ceil(0.99 * nanos.length) - 1] / 1e6;
        System.out.printf(Locale.ROOT, "  %-20s %,7d  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", what, nanos.length,
                p50, p99, nanos[nanos.length - 1] / 1e6);
        return p99;
    }

    /** Whether every acknowledged component is on every replica. */
    static boolean verify() throws Exception {
        List<String> refs = new ArrayList<>(ACKNOWLEDGED);
        boolean all = true;
        for (String base : bases) {
            int missing = 0;
            for (int i = 0; i < refs.size(); i += 500) {
                List<String> chunk = refs.subList(i, Math.min(refs.size(), i + 500));
                String body = "{\"entityRefs\":[" + String.join(",", chunk.stream().map(r -> "\"" + r + "\"").toList())
                        + "],\"fields\":[\"metadata.name\"]}";
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                        URI.create(base + "/api/catalog/entities/by-refs")).header("Authorization", ADMIN)
                        .header("Content-Type", "application/json").timeout(TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    System.err.println("by-refs on " + base + " answered " + r.statusCode() + ": " + abbreviate(r.body()));
                    System.exit(1);
                }
                missing += countNulls(r.body());
            }
            boolean ok = missing == 0;
            all &= ok;
            System.out.printf(Locale.ROOT, "acknowledged components missing on %s: %d of %,d  (target 0) %s%n", base,
                    missing, refs.size(), ok ? "PASS" : "FAIL");
        }
        return all;
    }

    /** The {@code null} items of the by-refs answer's {@code items} array. */
    static int countNulls(String json) {
        Matcher m = Pattern.compile("[\\[,]\\s*null\\s*(?=[,\\]])").matcher(json.substring(json.indexOf("\"items\"")));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
