import java.io.IOException;
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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page-speed benchmark for an Interlock catalog server.
 *
 * <p>Registers a synthetic catalog of {@code N} components (every tenth one a pipeline with a
 * {@code spec.pipeline} block) plus the groups, systems, users and resources they refer to, through
 * {@code POST /api/catalog/entities} as {@code admin:admin}. Then signs in through the form as {@code bob}
 * ({@code POST /login} with the form's CSRF token, keeping the {@code interlock-session} cookie) and measures the latency of
 * sequential GETs of a few HTML pages from one client (HTTP/1.1 keep-alive) after a warm-up of each page:
 * the catalog list, a search, a faceted and paged list, a pipeline's entity page, and the pipelines page with
 * and without the single-point-of-failure filter. Every answer must be 200 and HTML; anything else stops the
 * benchmark with the status and the start of the body.
 *
 * <p>Prints p50/p90/p99/max per page and PASS/FAIL for the target p99 <= 50 ms on the catalog list, the entity
 * page and the pipelines page. Exits 0 when all three pass, 2 when one misses, 1 when the benchmark could not run.
 *
 * <p>Usage: {@code java bench/PageBench.java --base-url http://127.0.0.1:8080 --n 10000 [--requests 1000]
 * [--warm-up 100] [--batch 1000]}. Only JDK classes are used.
 */
public final class PageBench {

    private static final int EXIT_USAGE = 1;
    private static final int EXIT_TARGET_MISSED = 2;
    private static final double TARGET_P99_MS = 50;
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration QUERYABLE_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern TOTAL_ITEMS = Pattern.compile("\"totalItems\"\\s*:\\s*(\\d+)");
    private static final String COOKIE = "interlock-session";
    private static final String USER = "bob";
    private static final String ADMIN = "admin:admin";

    private final Options options;
    /** Never follows redirects (the default), so a bounce to /login shows as a 302. */
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private String sessionCookie;

    private PageBench(Options options) {
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
        try {
            Report report = new PageBench(options).run();
            System.out.print(report.summary());
            System.exit(report.allTargetsPass() ? 0 : EXIT_TARGET_MISSED);
        } catch (BenchFailure e) {
            System.err.println("BENCHMARK FAILED: " + e.getMessage());
            System.exit(EXIT_USAGE);
        }
    }

    private Report run() throws IOException, InterruptedException {
        SyntheticCatalog catalog = new SyntheticCatalog(options.n());
        System.out.printf(Locale.ROOT, "Registering %,d entities (%,d components, %,d of them pipelines) in bodies"
                + " of %,d documents%n", catalog.totalEntities(), options.n(), catalog.pipelines(), options.batch());
        long start = System.nanoTime();
        register(catalog);
        System.out.printf(Locale.ROOT, "Registered and queryable in %.2f s%n", (System.nanoTime() - start) / 1e9);

        signIn();
        System.out.println("Signed in as " + USER + " through the form");

        String pipeline = catalog.samplePipelineName();
        List<Page> pages = List.of(
                new Page("catalog list", "/catalog", true, "component-"),
                new Page("catalog search", "/catalog?q=component-12", false, "component-12"),
                new Page("catalog facets+paging", "/catalog?kind=Component&type=pipeline&page=3", false, "component-"),
                new Page("entity page (pipeline)", "/catalog/default/component/" + pipeline, true, pipeline),
                new Page("pipelines", "/pipelines", true, "component-"),
                new Page("pipelines spof", "/pipelines?spof=true", false, "component-"));
        List<Measured> results = new ArrayList<>();
        for (Page page : pages) {
            System.out.printf(Locale.ROOT, "Measuring %s: GET %s (%d warm-up, %,d measured)%n",
                    page.label(), page.path(), options.warmUp(), options.requests());
            results.add(measure(page));
        }
        return new Report(options, catalog.totalEntities(), catalog.pipelines(), results);
    }

    // ---- registration ------------------------------------------------------------------------------

    private void register(SyntheticCatalog catalog) throws IOException, InterruptedException {
        List<String> documents = catalog.documentsInRegistrationOrder();
        int batches = (documents.size() + options.batch() - 1) / options.batch();
        for (int b = 0; b < batches; b++) {
            List<String> batch = documents.subList(b * options.batch(),
                    Math.min(documents.size(), (b + 1) * options.batch()));
            HttpRequest request = apiRequest("/api/catalog/entities")
                    .header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("---\n", batch), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw failure("POST /api/catalog/entities (body " + (b + 1) + "/" + batches + ")", response);
            }
            if (batches <= 10 || b % Math.max(1, batches / 10) == 0 || b == batches - 1) {
                System.out.printf(Locale.ROOT, "  body %d/%d registered%n", b + 1, batches);
            }
        }
        awaitQueryable(catalog);
    }

    /** Waits until by-query counts all N components. */
    private void awaitQueryable(SyntheticCatalog catalog) throws IOException, InterruptedException {
        String path = "/api/catalog/entities/by-query?filter="
                + URLEncoder.encode("kind=component", StandardCharsets.UTF_8) + "&limit=1";
        long deadline = System.nanoTime() + QUERYABLE_TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> response = client.send(apiRequest(path).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher matcher = TOTAL_ITEMS.matcher(response.body());
            if (response.statusCode() != 200 || !matcher.find()) {
                throw failure("GET " + path, response);
            }
            if (Long.parseLong(matcher.group(1)) == catalog.components()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("components not all queryable after " + QUERYABLE_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    private HttpRequest.Builder apiRequest(String path) {
        return HttpRequest.newBuilder(URI.create(options.baseUrl() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(ADMIN.getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
    }

    // ---- sign-in -----------------------------------------------------------------------------------

    /**
     * Reads the sign-in page for its CSRF token and cookie, posts the form (without following its redirect) and keeps
     * the session cookie it sets.
     */
    private void signIn() throws IOException, InterruptedException {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(options.baseUrl() + "/login"))
                .timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"")
                .matcher(page.body());
        String csrfCookie = page.headers().allValues("Set-Cookie").stream().map(h -> h.split(";", 2)[0].trim())
                .filter(c -> c.startsWith("csrf-token=")).findFirst().orElse("");
        if (!token.find() || csrfCookie.isEmpty()) {
            throw failure("GET /login (expected a form with a csrf-token and its cookie)", page);
        }
        String form = "csrf-token=" + java.net.URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)
                + "&username=" + USER + "&password=" + USER;
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.baseUrl() + "/login"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", csrfCookie)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        Optional<String> cookie = sessionCookieOf(response);
        if (response.statusCode() / 100 != 3 || cookie.isEmpty()) {
            throw failure("POST /login as " + USER + " (expected a redirect that sets " + COOKIE + ";"
                    + " Location: " + response.headers().firstValue("Location").orElse("none") + ")", response);
        }
        String location = response.headers().firstValue("Location").orElse("");
        if (location.contains("error")) {
            throw failure("POST /login as " + USER + " was refused (Location: " + location + ")", response);
        }
        sessionCookie = cookie.get();
    }

    /** The {@code interlock-session=value} pair of a Set-Cookie header, if the answer sets a non-empty one. */
    private static Optional<String> sessionCookieOf(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0].trim();
            if (pair.startsWith(COOKIE + "=") && pair.length() > COOKIE.length() + 1) {
                return Optional.of(pair);
            }
        }
        return Optional.empty();
    }

    // ---- pages -------------------------------------------------------------------------------------

    private Measured measure(Page page) throws IOException, InterruptedException {
        int bytes = 0;
        for (int i = 0; i < options.warmUp(); i++) {
            bytes = fetch(page, i == 0).body().length();
        }
        long[] nanos = new long[options.requests()];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = fetch(page, false);
            nanos[i] = System.nanoTime() - start;
            bytes = response.body().length();
        }
        return new Measured(page, Latencies.of(nanos), bytes);
    }

    /**
     * GETs a page as the signed-in user; fails unless it answers 200 with HTML. With {@code checkContent}, the
     * body must also hold the page's expected text (i.e. it shows the synthetic catalog, not an empty page).
     */
    private HttpResponse<String> fetch(Page page, boolean checkContent) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.baseUrl() + page.path()))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "text/html")
                .header("Cookie", sessionCookie)
                .GET()
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200 || !type.startsWith("text/html")
                || !response.body().toLowerCase(Locale.ROOT).contains("<html")) {
            throw failure("GET " + page.path() + " (expected 200 text/html; Content-Type: " + type
                    + ", Location: " + response.headers().firstValue("Location").orElse("none") + ")", response);
        }
        if (checkContent && !response.body().contains(page.expectedText())) {
            throw failure("GET " + page.path() + " does not show \"" + page.expectedText() + "\"", response);
        }
        sessionCookieOf(response).ifPresent(renewed -> sessionCookie = renewed);
        return response;
    }

    private static BenchFailure failure(String what, HttpResponse<String> response) {
        String body = response.body();
        return new BenchFailure(what + " answered " + response.statusCode() + "; first 500 chars of body:\n"
                + (body.length() <= 500 ? body : body.substring(0, 500) + "… (" + body.length() + " chars)"));
    }

    // ---- value types -------------------------------------------------------------------------------

    /** The benchmark could not run (an error answer, a refused sign-in, a page that is not HTML). */
    static final class BenchFailure extends RuntimeException {
        BenchFailure(String message) {
            super(message);
        }
    }

    /** Command-line options. */
    record Options(String baseUrl, int n, int requests, int warmUp, int batch) {

        private static final Set<String> KNOWN = Set.of("--base-url", "--n", "--requests", "--warm-up", "--batch");

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>(Map.of("--requests", "1000", "--warm-up", "100",
                    "--batch", "1000"));
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
                        Integer.parseInt(values.get("--n")), Integer.parseInt(values.get("--requests")),
                        Integer.parseInt(values.get("--warm-up")), Integer.parseInt(values.get("--batch")));
            } catch (NumberFormatException e) {
                throw usage("--n, --requests, --warm-up and --batch take whole numbers (" + e.getMessage() + ")");
            }
            if (options.n() < 100 || options.requests() < 1 || options.warmUp() < 1 || options.batch() < 1) {
                throw usage("need --n >= 100, --requests >= 1, --warm-up >= 1 and --batch >= 1");
            }
            return options;
        }

        private static IllegalArgumentException usage(String problem) {
            return new IllegalArgumentException(problem + "\nusage: java bench/PageBench.java --base-url URL"
                    + " --n COMPONENTS [--requests 1000] [--warm-up 100] [--batch 1000]");
        }
    }

    /** A page to measure; {@code required} pages carry the p99 target. */
    record Page(String label, String path, boolean required, String expectedText) {
    }

    /** A page's latencies and the size of its last answer. */
    record Measured(Page page, Latencies latencies, int chars) {
    }

    /** Latency percentiles in milliseconds (nearest rank). */
    record Latencies(double p50, double p90, double p99, double max) {

        static Latencies of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latencies(millis(sorted, 0.50), millis(sorted, 0.90), millis(sorted, 0.99),
                    sorted[sorted.length - 1] / 1e6);
        }

        private static double millis(long[] sorted, double fraction) {
            int rank = (int) Math.ceil(fraction * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }

    /** All figures of one run. */
    record Report(Options options, int entities, int pipelines, List<Measured> pages) {

        boolean allTargetsPass() {
            return pages.stream().filter(m -> m.page().required())
                    .allMatch(m -> m.latencies().p99() <= TARGET_P99_MS);
        }

        String summary() {
            StringBuilder out = new StringBuilder();
            out.append("=========================== Interlock page benchmark ===========================\n");
            out.append(String.format(Locale.ROOT, "N=%,d components (%,d pipelines), %,d entities; signed in as %s;"
                    + " %,d sequential GETs per page after %d warm-up%n",
                    options.n(), pipelines, entities, USER, options.requests(), options.warmUp()));
            out.append(String.format(Locale.ROOT, "%-24s %8s %8s %8s %8s %8s  %s%n",
                    "page", "p50 ms", "p90 ms", "p99 ms", "max ms", "KiB", "path"));
            for (Measured m : pages) {
                Latencies l = m.latencies();
                out.append(String.format(Locale.ROOT, "%-24s %8.2f %8.2f %8.2f %8.2f %8.1f  %s%n",
                        m.page().label(), l.p50(), l.p90(), l.p99(), l.max(), m.chars() / 1024.0, m.page().path()));
            }
            out.append("targets (p99 <= ").append((int) TARGET_P99_MS).append(" ms):\n");
            for (Measured m : pages) {
                if (m.page().required()) {
                    boolean pass = m.latencies().p99() <= TARGET_P99_MS;
                    out.append(String.format(Locale.ROOT, "  %s  %-24s p99 %.2f ms%n", pass ? "PASS" : "FAIL",
                            m.page().label(), m.latencies().p99()));
                }
            }
            out.append("================================================================================\n");
            return out.toString();
        }
    }

    /**
     * The synthetic catalog. For N components: N/100 groups ({@code team-<g>}, listing their members), N/50
     * systems, N/10 users ({@code user-<u>}, member of team {@code u mod groups}), N/20 resources, and N
     * components. Component {@code c} is owned by team {@code c mod groups}, belongs to system
     * {@code c mod systems} and depends on two other random components; every tenth one ({@code c mod 10 == 0})
     * is a pipeline with a {@code spec.pipeline} block: a family, platform, run identity (one in four runs as a
     * person), an hourly schedule, 1-3 input and 1-2 output resources, 1-3 maintainers (the first from the owning
     * team), and in two of three cases a runbook. Fixed seed, so every run registers the same catalog.
     */
    static final class SyntheticCatalog {

        private static final List<String> DATA_PLATFORMS = List.of("airflow", "dbt", "fivetran");
        private static final List<String> DELIVERY_PLATFORMS = List.of("github-actions", "jenkins", "argo-cd");
        private static final List<String> RESOURCE_TYPES = List.of("database", "table", "bucket", "topic");

        private final int components;
        private final int groups;
        private final int systems;
        private final int users;
        private final int resources;
        private final Random random = new Random(42);

        SyntheticCatalog(int components) {
            this.components = components;
            this.groups = components / 100;
            this.systems = components / 50;
            this.users = components / 10;
            this.resources = components / 20;
        }

        int components() {
            return components;
        }

        int pipelines() {
            return (components + 9) / 10;
        }

        int totalEntities() {
            return components + groups + systems + users + resources;
        }

        static boolean isPipeline(int c) {
            return c % 10 == 0;
        }

        /** A pipeline in the middle of the catalog, for the entity page. */
        String samplePipelineName() {
            return componentName(components / 2 / 10 * 10);
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
            for (int r = 0; r < resources; r++) {
                documents.add(resource(r));
            }
            for (int c = 0; c < components; c++) {
                documents.add(component(c));
            }
            return documents;
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

        private String resource(int r) {
            return header("Resource", resourceName(r))
                    + "spec:\n  type: " + RESOURCE_TYPES.get(r % RESOURCE_TYPES.size()) + "\n"
                    + "  owner: group:" + groupName(r % groups) + "\n"
                    + "  system: " + systemName(r % systems) + "\n";
        }

        private String component(int c) {
            int first = otherComponent(c, c);
            int second = otherComponent(c, first);
            return header("Component", componentName(c))
                    + "spec:\n  type: " + (isPipeline(c) ? "pipeline" : "service") + "\n  lifecycle: production\n"
                    + "  owner: group:" + groupName(c % groups) + "\n"
                    + "  system: " + systemName(c % systems) + "\n"
                    + "  dependsOn: [component:" + componentName(first)
                    + ", component:" + componentName(second) + "]\n"
                    + (isPipeline(c) ? pipeline(c) : "");
        }

        private String pipeline(int c) {
            boolean data = random.nextBoolean();
            List<String> platforms = data ? DATA_PLATFORMS : DELIVERY_PLATFORMS;
            List<String> maintainers = maintainers(c % groups);
            StringBuilder p = new StringBuilder("  pipeline:\n");
            p.append("    family: ").append(data ? "data" : "delivery").append('\n');
            p.append("    platform: ").append(platforms.get(random.nextInt(platforms.size()))).append('\n');
            p.append("    runsAs: ").append(random.nextInt(4) == 0 ? maintainers.get(0) : "service-account").append('\n');
            p.append("    trigger:\n      schedule: \"0 * * * *\"\n");
            p.append("    inputs: [").append(resourceRefs(1 + random.nextInt(3))).append("]\n");
            p.append("    outputs: [").append(resourceRefs(1 + random.nextInt(2))).append("]\n");
            p.append("    maintainers: [").append(String.join(", ", maintainers)).append("]\n");
            if (random.nextInt(3) != 0) {
                p.append("    runbook: https://wiki.example.com/runbooks/").append(componentName(c)).append('\n');
            }
            return p.toString();
        }

        /** 1-3 distinct users, the first a member of team {@code g}. */
        private List<String> maintainers(int g) {
            Set<String> refs = new LinkedHashSet<>();
            refs.add("user:" + userName(g + groups * random.nextInt(users / groups)));
            int count = 1 + random.nextInt(3);
            while (refs.size() < count) {
                refs.add("user:" + userName(random.nextInt(users)));
            }
            return new ArrayList<>(refs);
        }

        private String resourceRefs(int count) {
            Set<String> refs = new LinkedHashSet<>();
            while (refs.size() < count) {
                refs.add("resource:" + resourceName(random.nextInt(resources)));
            }
            return String.join(", ", refs);
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

        private static String resourceName(int r) {
            return "resource-" + r;
        }

        private static String componentName(int c) {
            return "component-" + c;
        }
    }
}
