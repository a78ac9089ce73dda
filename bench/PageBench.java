import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import harness.Args;
import harness.Bench;
import harness.Generator;
import harness.Http;
import harness.Latencies;
import harness.Report;

/**
 * Page-speed benchmark for an Interlock catalog server.
 *
 * <p>Registers the synthetic catalog of {@link Generator#withPipelines} ({@code N} components, every tenth one a
 * pipeline, plus the groups, systems, users and resources they refer to) through {@code POST /api/catalog/entities}
 * as {@code admin:admin}. Then signs in through the form as {@code bob} and measures the latency of sequential GETs of
 * a few HTML pages from one client (HTTP/1.1 keep-alive) after a warm-up of each page: the catalog list, a search, a
 * faceted and paged list, a pipeline's entity page, and the pipelines page with and without the
 * single-point-of-failure filter and sorted by health and by level (ranked over every pipeline, not by the query). Every answer must be 200 and HTML; anything else stops the benchmark with the
 * status and the start of the body.
 *
 * <p>Prints p50/p90/p99/max per page and PASS/FAIL for the target p99 <= 50 ms on the catalog list, the entity
 * page and the pipelines page.
 *
 * <p>Usage: {@code bench/bench.sh PageBench --base-url http://127.0.0.1:8080 --n 10000 [--requests 1000]
 * [--warm-up 100] [--batch 1000]}.
 */
public final class PageBench {

    private static final double TARGET_P99_MS = 50;
    private static final String USER = "bob";

    public static void main(String[] args) {
        Bench.main(() -> Report.print(run(Options.parse(args))));
    }

    private static Figures run(Options options) throws Exception {
        Generator catalog = Generator.catalog(options.n()).withPipelines();
        System.out.printf(
                Locale.ROOT,
                "Registering %,d entities (%,d components, %,d of them pipelines) in bodies" + " of %,d documents%n",
                catalog.totalEntities(),
                options.n(),
                catalog.pipelines(),
                options.batch());
        long start = System.nanoTime();
        Http api = Http.api(options.baseUrl(), Http.ADMIN);
        api.register(catalog.documents(), options.batch(), (b, bodies, size, nanos) -> {
            if (bodies <= 10 || b % Math.max(1, bodies / 10) == 0 || b == bodies - 1) {
                System.out.printf(Locale.ROOT, "  body %d/%d registered%n", b + 1, bodies);
            }
        });
        api.awaitQueryable(catalog.components(), catalog.lastComponentName());
        System.out.printf(Locale.ROOT, "Registered and queryable in %.2f s%n", (System.nanoTime() - start) / 1e9);

        Http pages = Http.signIn(options.baseUrl(), USER);
        System.out.println("Signed in as " + USER + " through the form");

        String pipeline = catalog.samplePipelineName();
        List<Page> list = List.of(
                new Page("catalog list", "/catalog", true, "component-"),
                new Page("catalog search", "/catalog?q=component-12", false, "component-12"),
                new Page("catalog facets+paging", "/catalog?kind=Component&type=pipeline&page=3", false, "component-"),
                new Page("entity page (pipeline)", "/catalog/default/component/" + pipeline, true, pipeline),
                new Page("pipelines", "/pipelines", true, "component-"),
                new Page("pipelines spof", "/pipelines?spof=true", false, "component-"),
                new Page("pipelines by health", "/pipelines?sort=health", false, "component-"),
                new Page("pipelines by level", "/pipelines?sort=level", false, "component-"));
        List<Measured> results = new ArrayList<>();
        for (Page page : list) {
            System.out.printf(
                    Locale.ROOT,
                    "Measuring %s: GET %s (%d warm-up, %,d measured)%n",
                    page.label(),
                    page.path(),
                    options.warmUp(),
                    options.requests());
            int[] chars = new int[1];
            Latencies latencies = Latencies.measure(
                    options.warmUp(),
                    options.requests(),
                    i -> chars[0] = fetch(pages, page, i == 0).body().length());
            results.add(new Measured(page, latencies, chars[0]));
        }
        return new Figures(options, catalog.totalEntities(), catalog.pipelines(), results);
    }

    /**
     * GETs a page as the signed-in user; fails unless it answers 200 with HTML. With {@code checkContent}, the
     * body must also hold the page's expected text (i.e. it shows the synthetic catalog, not an empty page).
     */
    private static HttpResponse<String> fetch(Http pages, Page page, boolean checkContent) throws Exception {
        HttpResponse<String> response = pages.get(page.path());
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200
                || !type.startsWith("text/html")
                || !response.body().toLowerCase(Locale.ROOT).contains("<html")) {
            throw Http.failure(
                    "GET " + page.path() + " (expected 200 text/html; Content-Type: " + type + ", Location: "
                            + response.headers().firstValue("Location").orElse("none") + ")",
                    response);
        }
        if (checkContent && !response.body().contains(page.expectedText())) {
            throw Http.failure("GET " + page.path() + " does not show \"" + page.expectedText() + "\"", response);
        }
        return response;
    }

    /** Command-line options. */
    record Options(String baseUrl, int n, int requests, int warmUp, int batch) {

        static Options parse(String[] arguments) {
            Args args = Args.parse(
                    arguments,
                    "bench/bench.sh PageBench --base-url URL --n COMPONENTS"
                            + " [--requests 1000] [--warm-up 100] [--batch 1000]",
                    List.of("--base-url", "--n"),
                    Map.of("--requests", "1000", "--warm-up", "100", "--batch", "1000"));
            Options options = new Options(
                    args.url("--base-url"),
                    args.integer("--n"),
                    args.integer("--requests"),
                    args.integer("--warm-up"),
                    args.integer("--batch"));
            if (options.n() < 100 || options.requests() < 1 || options.warmUp() < 1 || options.batch() < 1) {
                throw args.usage("need --n >= 100, --requests >= 1, --warm-up >= 1 and --batch >= 1");
            }
            return options;
        }
    }

    /** A page to measure; {@code required} pages carry the p99 target. */
    record Page(String label, String path, boolean required, String expectedText) {}

    /** A page's latencies and the size of its last answer. */
    record Measured(Page page, Latencies latencies, int chars) {}

    /** All figures of one run. */
    record Figures(Options options, int entities, int pipelines, List<Measured> pages) implements Report.Summary {

        @Override
        public boolean allTargetsPass() {
            return pages.stream()
                    .filter(m -> m.page().required())
                    .allMatch(m -> m.latencies().p99() <= TARGET_P99_MS);
        }

        @Override
        public String summary() {
            StringBuilder out = new StringBuilder();
            out.append("=========================== Interlock page benchmark ===========================\n");
            out.append(String.format(
                    Locale.ROOT,
                    "N=%,d components (%,d pipelines), %,d entities; signed in as %s;"
                            + " %,d sequential GETs per page after %d warm-up%n",
                    options.n(),
                    pipelines,
                    entities,
                    USER,
                    options.requests(),
                    options.warmUp()));
            out.append(String.format(
                    Locale.ROOT,
                    "%-24s %8s %8s %8s %8s %8s  %s%n",
                    "page",
                    "p50 ms",
                    "p90 ms",
                    "p99 ms",
                    "max ms",
                    "KiB",
                    "path"));
            for (Measured m : pages) {
                Latencies l = m.latencies();
                out.append(String.format(
                        Locale.ROOT,
                        "%-24s %8.2f %8.2f %8.2f %8.2f %8.1f  %s%n",
                        m.page().label(),
                        l.p50(),
                        l.p90(),
                        l.p99(),
                        l.max(),
                        m.chars() / 1024.0,
                        m.page().path()));
            }
            out.append("targets (p99 <= ").append((int) TARGET_P99_MS).append(" ms):\n");
            for (Measured m : pages) {
                if (m.page().required()) {
                    out.append(String.format(
                            Locale.ROOT,
                            "  %s  %-24s p99 %.2f ms%n",
                            Report.passFail(m.latencies().p99() <= TARGET_P99_MS),
                            m.page().label(),
                            m.latencies().p99()));
                }
            }
            out.append("================================================================================\n");
            return out.toString();
        }
    }
}
