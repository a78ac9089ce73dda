import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark for an Interlock catalog server.
 *
 * <p>Generates a synthetic catalog of {@code N} components plus {@code N/100} groups, {@code N/50}
 * systems and {@code N/10} users, registers it through {@code POST /api/catalog/entities} in
 * multi-document YAML bodies (groups, systems and users first, then components), and measures:
 * <ul>
 *   <li>the time from the first POST until all {@code N} components are queryable, and the
 *       registration throughput;</li>
 *   <li>the latency (p50/p99) of random {@code by-name} lookups and of
 *       {@code by-query?filter=kind=component&limit=50}, sequential requests from one client after a
 *       warm-up;</li>
 *   <li>the server's peak resident set size ({@code VmHWM} in {@code /proc/<pid>/status}).</li>
 * </ul>
 * It ends with a summary block that prints PASS/FAIL for each target that applies to {@code N}, and
 * exits with status 2 if any of them failed (status 1 means the benchmark itself failed, e.g. the
 * server answered an error).
 *
 * <p>Usage: {@code java bench/CatalogBench.java --base-url http://127.0.0.1:8080 --n 10000
 * [--batch 1000] [--queries 2000] [--pid <server pid>] [--database h2|postgresql]}. {@code --database} names the
 * server's database, which sets the targets at N=10,000 (PostgreSQL's are tighter). Only JDK classes are used.
 */
public final class CatalogBench {

    private static final int EXIT_USAGE = 1;
    private static final int EXIT_TARGET_MISSED = 2;
    private static final int WARM_UP_REQUESTS = 200;
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration QUERYABLE_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern TOTAL_ITEMS = Pattern.compile("\"totalItems\"\\s*:\\s*(\\d+)");
    private static final String COMPONENT_QUERY = "filter=kind=component&limit=50";

    private final Options options;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String authorization = "Basic "
            + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    private final Random lookups = new Random(7);

    private CatalogBench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        Report report = new CatalogBench(options).run();
        System.out.print(report.summary());
        System.exit(report.allTargetsPass() ? 0 : EXIT_TARGET_MISSED);
    }

    private Report run() throws IOException, InterruptedException {
        SyntheticCatalog catalog = new SyntheticCatalog(options.n());
        System.out.printf(Locale.ROOT, "Registering %,d entities (%,d components) in bodies of %,d documents%n",
                catalog.totalEntities(), options.n(), options.batch());
        Registration registration = register(catalog);
        System.out.println("Measuring by-name latency");
        Latencies byName = measure(() -> SyntheticCatalog.componentPath(lookups.nextInt(options.n())));
        System.out.println("Measuring by-query latency");
        String byQueryPath = "/api/catalog/entities/by-query?" + encodeQuery(COMPONENT_QUERY);
        Latencies byQuery = measure(() -> byQueryPath);
        return new Report(options, catalog.totalEntities(), registration, byName, byQuery, peakRssKb());
    }

    // ---- registration ------------------------------------------------------------------------------

    private Registration register(SyntheticCatalog catalog) throws IOException, InterruptedException {
        List<String> documents = catalog.documentsInRegistrationOrder();
        int batches = (documents.size() + options.batch() - 1) / options.batch();
        double[] millisPerThousand = new double[batches];
        long start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            List<String> batch = documents.subList(b * options.batch(),
                    Math.min(documents.size(), (b + 1) * options.batch()));
            long batchStart = System.nanoTime();
            postBatch(batch);
            double millis = (System.nanoTime() - batchStart) / 1e6;
            millisPerThousand[b] = millis * 1000 / batch.size();
            reportProgress(b, batches, batch.size(), millis);
        }
        long posted = System.nanoTime();
        awaitQueryable(catalog);
        long queryable = System.nanoTime();
        return new Registration(millisPerThousand, (posted - start) / 1e9, (queryable - start) / 1e9);
    }

    private void postBatch(List<String> batch) throws IOException, InterruptedException {
        HttpRequest request = request("/api/catalog/entities")
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("---\n", batch), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registration answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
    }

    private static void reportProgress(int batch, int batches, int documents, double millis) {
        if (batches <= 20 || batch % Math.max(1, batches / 20) == 0 || batch == batches - 1) {
            System.out.printf(Locale.ROOT, "  batch %d/%d: %,d documents in %.0f ms%n",
                    batch + 1, batches, documents, millis);
        }
    }

    /** Waits until by-query counts all N components and the last component resolves by name. */
    private void awaitQueryable(SyntheticCatalog catalog) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + QUERYABLE_TIMEOUT.toNanos();
        while (componentCount() != options.n() || get(catalog.lastComponentPath()).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("components not queryable after " + QUERYABLE_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    private long componentCount() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/catalog/entities/by-query?"
                + encodeQuery("filter=kind=component&limit=1"));
        Matcher matcher = TOTAL_ITEMS.matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw new IllegalStateException("by-query answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return Long.parseLong(matcher.group(1));
    }

    // ---- latency -----------------------------------------------------------------------------------

    /** Sends a warm-up, then {@code --queries} sequential GETs, each of the next path from {@code paths}. */
    private Latencies measure(Supplier<String> paths) throws IOException, InterruptedException {
        for (int i = 0; i < WARM_UP_REQUESTS; i++) {
            timedGet(paths.get());
        }
        long[] nanos = new long[options.queries()];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = timedGet(paths.get());
        }
        return Latencies.of(nanos);
    }

    private long timedGet(String path) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = get(path);
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return elapsed;
    }

    // ---- HTTP --------------------------------------------------------------------------------------

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(options.baseUrl() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    /** Encodes the values of a {@code key=value&...} query string (filters hold '=' in their value). */
    private static String encodeQuery(String query) {
        List<String> parts = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            parts.add(pair.substring(0, eq) + "=" + URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    private static String abbreviate(String body) {
        return body.length() <= 2000 ? body : body.substring(0, 2000) + "… (" + body.length() + " chars)";
    }

    /** Peak RSS of the server in kB ({@code VmHWM}), or -1 when no pid was given or it cannot be read. */
    private long peakRssKb() {
        if (options.pid() <= 0) {
            return -1;
        }
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(options.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    // ---- value types -------------------------------------------------------------------------------

    /** Command-line options. */
    record Options(String baseUrl, int n, int batch, int queries, long pid, String database) {

        private static final Set<String> KNOWN = Set.of("--base-url", "--n", "--batch", "--queries", "--pid",
                "--database");
        private static final Set<String> DATABASES = Set.of("h2", "postgresql");

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>(Map.of("--batch", "1000", "--queries", "2000", "--pid", "0",
                    "--database", "h2"));
            for (int i = 0; i < args.length; i += 2) {
                if (!KNOWN.contains(args[i]) || i + 1 >= args.length) {
                    throw usage("bad argument: " + args[i]);
                }
                values.put(args[i], args[i + 1]);
            }
            if (!values.containsKey("--base-url") || !values.containsKey("--n")) {
                throw usage("--base-url and --n are required");
            }
            Options options;
            try {
                options = new Options(values.get("--base-url").replaceAll("/+$", ""),
                        Integer.parseInt(values.get("--n")), Integer.parseInt(values.get("--batch")),
                        Integer.parseInt(values.get("--queries")), Long.parseLong(values.get("--pid")),
                        values.get("--database"));
            } catch (NumberFormatException e) {
                throw usage("--n, --batch, --queries and --pid take whole numbers (" + e.getMessage() + ")");
            }
            if (options.n() < 100 || options.batch() < 1 || options.queries() < 1) {
                throw usage("need --n >= 100, --batch >= 1 and --queries >= 1");
            }
            if (!DATABASES.contains(options.database())) {
                throw usage("--database is h2 or postgresql");
            }
            return options;
        }

        private static IllegalArgumentException usage(String problem) {
            return new IllegalArgumentException(problem + "\nusage: java bench/CatalogBench.java --base-url URL"
                    + " --n COMPONENTS [--batch 1000] [--queries 2000] [--pid SERVER_PID] [--database h2|postgresql]");
        }
    }

    /**
     * The synthetic catalog: component {@code i} is owned by group {@code i % groups}, belongs to
     * system {@code i % systems} and depends on two other random components; user {@code u} is a
     * member of group {@code u % groups}, and each group lists its members to match.
     */
    static final class SyntheticCatalog {

        private final int components;
        private final int groups;
        private final int systems;
        private final int users;
        private final Random random = new Random(42);

        SyntheticCatalog(int components) {
            this.components = components;
            this.groups = components / 100;
            this.systems = components / 50;
            this.users = components / 10;
        }

        int totalEntities() {
            return components + groups + systems + users;
        }

        List<String> documentsInRegistrationOrder() {
            List<String> documents = new ArrayList<>(totalEntities());
            for (int g = 0; g < groups; g++) {
                documents.add(group(g));
            }
            for (int s = 0; s < systems; s++) {
                documents.add(system(s));
            }
            for (int u = 0; u < users; u++) {
                documents.add(user(u));
            }
            for (int c = 0; c < components; c++) {
                documents.add(component(c));
            }
            return documents;
        }

        String lastComponentPath() {
            return componentPath(components - 1);
        }

        static String componentPath(int c) {
            return "/api/catalog/entities/by-name/component/default/" + componentName(c);
        }

        private String group(int g) {
            StringBuilder members = new StringBuilder();
            for (int u = g; u < users; u += groups) {
                members.append(members.length() == 0 ? "" : ", ").append("user:").append(userName(u));
            }
            return header("Group", groupName(g))
                    + "spec:\n  type: team\n  children: []\n  members: [" + members + "]\n";
        }

        private String system(int s) {
            return header("System", systemName(s))
                    + "spec:\n  owner: group:" + groupName(s % groups) + "\n";
        }

        private String user(int u) {
            return header("User", userName(u))
                    + "spec:\n  memberOf: [group:" + groupName(u % groups) + "]\n";
        }

        private String component(int c) {
            int first = otherComponent(c, c);
            int second = otherComponent(c, first);
            return header("Component", componentName(c))
                    + "spec:\n  type: service\n  lifecycle: production\n"
                    + "  owner: group:" + groupName(c % groups) + "\n"
                    + "  system: " + systemName(c % systems) + "\n"
                    + "  dependsOn: [component:" + componentName(first)
                    + ", component:" + componentName(second) + "]\n";
        }

        /** A random component other than {@code c} and {@code except}. */
        private int otherComponent(int c, int except) {
            int other;
            do {
                other = random.nextInt(components);
            } while (other == c || other == except);
            return other;
        }

        private static String header(String kind, String name) {
            return "apiVersion: backstage.io/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n";
        }

        private static String groupName(int g) {
            return "team-" + g;
        }

        private static String systemName(int s) {
            return "system-" + s;
        }

        private static String userName(int u) {
            return "user-" + u;
        }

        private static String componentName(int c) {
            return "component-" + c;
        }
    }

    /** Timings of the registration phase; each POST's time is scaled to ms per 1,000 documents. */
    record Registration(double[] millisPerThousand, double postSeconds, double queryableSeconds) {
    }

    /** Latency percentiles in milliseconds. */
    record Latencies(double p50, double p99, double max) {

        static Latencies of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latencies(millis(sorted, 0.50), millis(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
        }

        /** Nearest-rank percentile. */
        private static double millis(long[] sorted, double fraction) {
            int rank = (int) Math.ceil(fraction * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }

    /** All figures of one run, and the targets that apply to its N. */
    record Report(Options options, int entities, Registration registration, Latencies byName,
            Latencies byQuery, long peakRssKb) {

        private static final int SMALL_N = 10_000;
        private static final int LARGE_N = 100_000;

        List<String> targets() {
            List<String> targets = new ArrayList<>();
            if (options.n() == SMALL_N) {
                boolean postgresql = options.database().equals("postgresql");
                int seconds = postgresql ? 5 : 10;
                int millis = postgresql ? 3 : 5;
                targets.add(target("registered+queryable <= " + seconds + " s",
                        registration.queryableSeconds() <= seconds));
                targets.add(target("by-query p50 <= " + millis + " ms", byQuery.p50() <= millis));
            }
            if (options.n() == LARGE_N) {
                targets.add(target("registered+queryable <= 90 s", registration.queryableSeconds() <= 90));
            }
            return targets;
        }

        boolean allTargetsPass() {
            return targets().stream().allMatch(t -> t.startsWith("PASS"));
        }

        String summary() {
            double[] batches = registration.millisPerThousand();
            double[] sorted = batches.clone();
            Arrays.sort(sorted);
            StringBuilder out = new StringBuilder();
            out.append("==================== Interlock catalog benchmark ====================\n");
            line(out, "database", "%s", options.database());
            line(out, "components (N)", "%,d", options.n());
            line(out, "entities registered", "%,d (batch %,d, %d bodies)", entities, options.batch(), batches.length);
            line(out, "all POSTs done", "%.2f s", registration.postSeconds());
            line(out, "registered+queryable", "%.2f s", registration.queryableSeconds());
            line(out, "throughput", "%,.0f entities/s", entities / registration.queryableSeconds());
            line(out, "POST time per 1,000 documents", "first %.0f / median %.0f / last %.0f ms",
                    batches[0], sorted[sorted.length / 2], batches[batches.length - 1]);
            line(out, "by-name latency", "p50 %.2f ms, p99 %.2f ms, max %.2f ms (%,d requests)",
                    byName.p50(), byName.p99(), byName.max(), options.queries());
            line(out, "by-query latency", "p50 %.2f ms, p99 %.2f ms, max %.2f ms (%,d requests, limit=50)",
                    byQuery.p50(), byQuery.p99(), byQuery.max(), options.queries());
            line(out, "server peak RSS (VmHWM)", "%s",
                    peakRssKb < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f MiB", peakRssKb / 1024.0));
            out.append("targets:\n");
            List<String> targets = targets();
            if (targets.isEmpty()) {
                out.append("  none apply to N=").append(options.n()).append(" (targets are for N=10,000 and N=100,000)\n");
            }
            targets.forEach(t -> out.append("  ").append(t).append('\n'));
            out.append("=====================================================================\n");
            return out.toString();
        }

        private static void line(StringBuilder out, String label, String format, Object... args) {
            out.append(String.format(Locale.ROOT, "%-30s ", label + ":"))
                    .append(String.format(Locale.ROOT, format, args)).append('\n');
        }

        private static String target(String description, boolean pass) {
            return (pass ? "PASS" : "FAIL") + "  " + description;
        }
    }
}
