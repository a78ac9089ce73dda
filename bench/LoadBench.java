import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import harness.Args;
import harness.Bench;
import harness.Generator;
import harness.Http;
import harness.Latencies;
import harness.Report;

/**
 * Mixed load against one or more Interlock replicas sharing a database.
 *
 * <p>Seeds {@code --seed} components and 10 teams ({@link Generator#seededServices}), signs in through the form as
 * {@code bob} on the first replica (the session is shared by the replicas), then runs {@code --clients} clients for
 * {@code --seconds} seconds; client i talks to replica i mod R, first for {@code --warm-up} seconds (errors counted,
 * latencies not kept). Each request is, at random, a read (80 %: a by-query page of 50 components, an entity page,
 * the catalog page, in equal shares) or a registration of 10 new components (20 %) as {@code admin}. Afterwards
 * every component whose registration was acknowledged (201) is looked up on every replica
 * ({@code POST /api/catalog/entities/by-refs}).
 *
 * <p>Targets: no error (any answer other than 200/201, or no answer), read p99 <= 100 ms, every acknowledged write
 * present on every replica.
 *
 * <p>Usage: {@code bench/bench.sh LoadBench --base-urls http://127.0.0.1:8081,http://127.0.0.1:8082 [--clients 64]
 * [--seconds 60] [--warm-up 20] [--seed 1000]}
 */
public final class LoadBench {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String[] READS = {"by-query", "entity page", "catalog page"};
    private static final String BY_QUERY =
            "/api/catalog/entities/by-query?" + Http.encodeQuery("filter=kind=component&limit=50");

    private final List<String> bases;
    private final int clients;
    private final int seconds;
    private final int seed;
    private final int warmUp;
    /** When the measured period starts (after the warm-up); latencies before it are not kept. */
    private volatile long measureFrom;

    private final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errorCount = new AtomicInteger();

    private LoadBench(Args args) {
        bases = List.of(args.text("--base-urls").split(","));
        clients = args.integer("--clients");
        seconds = args.integer("--seconds");
        seed = args.integer("--seed");
        warmUp = args.integer("--warm-up");
    }

    public static void main(String[] arguments) {
        Bench.main(() -> new LoadBench(Args.parse(
                        arguments,
                        "bench/bench.sh LoadBench --base-urls URL,URL"
                                + " [--clients 64] [--seconds 60] [--warm-up 20] [--seed 1000]",
                        List.of(),
                        Map.of(
                                "--base-urls",
                                "http://127.0.0.1:8080",
                                "--clients",
                                "64",
                                "--seconds",
                                "60",
                                "--seed",
                                "1000",
                                "--warm-up",
                                "20")))
                .run());
    }

    private boolean run() throws Exception {
        Http.api(bases.get(0), Http.ADMIN).timeout(TIMEOUT).register(Generator.seededServices(seed), 500);
        Http session = Http.signIn(bases.get(0), "bob").timeout(TIMEOUT);
        System.out.printf(
                Locale.ROOT,
                "%d clients for %d s (after %d s of warm-up) against %d replicas (%s); %,d" + " components seeded%n",
                clients,
                seconds,
                warmUp,
                bases.size(),
                String.join(", ", bases),
                seed);
        measureFrom = System.nanoTime() + warmUp * 1_000_000_000L;
        long deadline = measureFrom + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            String base = bases.get(client % bases.size());
            Http admin = Http.api(base, Http.ADMIN).timeout(TIMEOUT);
            Http pages = session.on(base);
            Thread t = new Thread(() -> run(client, admin, pages, deadline));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        boolean pass = report();
        pass &= verify();
        return Report.verdict(pass);
    }

    /** One client: random reads and registrations until the deadline. */
    private void run(int client, Http admin, Http pages, long deadline) {
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
                String yaml = String.join(
                        "---\n",
                        names.stream()
                                .map(n -> Generator.service(n, random.nextInt(10)))
                                .toList());
                if (send(
                        "registration of 10",
                        admin,
                        admin.request("/api/catalog/entities")
                                .header("Content-Type", "application/yaml")
                                .POST(HttpRequest.BodyPublishers.ofString(yaml)),
                        201)) {
                    names.forEach(n -> acknowledged.add("component:default/" + n));
                }
            } else {
                String read = READS[roll % 3];
                switch (read) {
                    case "by-query" -> send(read, admin, admin.request(BY_QUERY).GET(), 200);
                    case "entity page" ->
                        send(
                                read,
                                pages,
                                pages.request("/catalog/default/component/seed-" + random.nextInt(seed))
                                        .GET(),
                                200);
                    default ->
                        send(
                                read,
                                pages,
                                pages.request("/catalog?kind=Component&page="
                                                + (1 + random.nextInt(Math.max(1, seed / 50))))
                                        .GET(),
                                200);
                }
            }
        }
    }

    /** Sends one request, records its latency under {@code what}; whether it got the expected status. */
    private boolean send(String what, Http http, HttpRequest.Builder request, int expected) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request);
            if (t0 >= measureFrom) {
                latencies
                        .computeIfAbsent(what, k -> new ConcurrentLinkedQueue<>())
                        .add(System.nanoTime() - t0);
            }
            if (r.statusCode() == expected) {
                return true;
            }
            error(what + " on " + http.base() + ": " + r.statusCode() + " " + Http.abbreviate(r.body(), 300));
        } catch (Exception e) {
            error(what + " on " + http.base() + ": " + e);
        }
        return false;
    }

    private void error(String message) {
        if (errorCount.incrementAndGet() <= 10) {
            errors.add(message);
        }
    }

    /** Prints each kind of request's figures; whether no request failed and reads met their p99. */
    private boolean report() {
        List<Long> reads = latencies.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("registration"))
                .flatMap(e -> e.getValue().stream())
                .toList();
        long total = latencies.values().stream()
                .mapToLong(ConcurrentLinkedQueue::size)
                .sum();
        System.out.printf(
                Locale.ROOT,
                "%,d requests measured in %d s (%,.0f/s); %,d registrations acknowledged in"
                        + " all (%,d components)%n",
                total,
                seconds,
                total / (double) seconds,
                acknowledged.size() / 10,
                acknowledged.size());
        for (String what : latencies.keySet().stream().sorted().toList()) {
            line(what, latencies.get(what));
        }
        double p99 = line("all reads", reads);
        boolean ok = errorCount.get() == 0;
        System.out.printf(Locale.ROOT, "errors: %d  (target 0) %s%n", errorCount.get(), Report.passFail(ok));
        errors.forEach(e -> System.out.println("  " + e));
        boolean fast = p99 <= 100;
        System.out.printf(Locale.ROOT, "read p99: %.1f ms  (target <= 100 ms) %s%n", p99, Report.passFail(fast));
        return ok && fast;
    }

    /** Prints one kind of request's figures; its p99 in ms (0 when none was measured). */
    private static double line(String what, Collection<Long> nanos) {
        if (nanos.isEmpty()) {
            return 0;
        }
        Latencies l = Latencies.of(nanos);
        System.out.printf(
                Locale.ROOT,
                "  %-20s %,7d  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n",
                what,
                l.count(),
                l.p50(),
                l.p99(),
                l.max());
        return l.p99();
    }

    /** Whether every acknowledged component is on every replica. */
    private boolean verify() throws Exception {
        List<String> refs = new ArrayList<>(acknowledged);
        boolean all = true;
        for (String base : bases) {
            Http http = Http.api(base, Http.ADMIN).timeout(TIMEOUT);
            int missing = 0;
            for (int i = 0; i < refs.size(); i += 500) {
                List<String> chunk = refs.subList(i, Math.min(refs.size(), i + 500));
                String body = "{\"entityRefs\":["
                        + String.join(
                                ",", chunk.stream().map(r -> "\"" + r + "\"").toList())
                        + "],\"fields\":[\"metadata.name\"]}";
                HttpResponse<String> r = http.post("/api/catalog/entities/by-refs", "application/json", body);
                if (r.statusCode() != 200) {
                    throw Http.failure("by-refs on " + base, r);
                }
                missing += countNulls(r.body());
            }
            boolean ok = missing == 0;
            all &= ok;
            System.out.printf(
                    Locale.ROOT,
                    "acknowledged components missing on %s: %d of %,d  (target 0) %s%n",
                    base,
                    missing,
                    refs.size(),
                    Report.passFail(ok));
        }
        return all;
    }

    /** The {@code null} items of the by-refs answer's {@code items} array. */
    private static int countNulls(String json) {
        Matcher m = Pattern.compile("[\\[,]\\s*null\\s*(?=[,\\]])").matcher(json.substring(json.indexOf("\"items\"")));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
