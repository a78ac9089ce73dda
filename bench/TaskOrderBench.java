import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import harness.Args;
import harness.Bench;
import harness.Http;
import harness.Latencies;
import harness.Report;

/**
 * CDEvents task runs in and out of order: what ingestion costs, and whether every run gets its tasks.
 *
 * <p>Registers two pipelines, {@code task-order-natural} and {@code task-order-early}, each claiming the CDEvents
 * pipeline of its name. For each, posts {@code --runs} pipeline runs of six events one by one from {@code --clients}
 * clients (each run's events from one client, in order): the pipeline run's start, two task runs (build succeeds, test
 * fails with "step test failed") and the pipeline run's failure. The natural pipeline gets its start first, as Tekton
 * usually sends it; the early one gets its task runs first, which then wait for their pipeline run. A quarter as many
 * runs of both orders, of no pipeline, are posted first, untimed, to warm the server up. Prints events/s and POST
 * p50/p99 per order, and reads every run back.
 *
 * <p>Target: every run of both pipelines failed, 70 s long, with its failed task's error (the early order's tasks were
 * dropped before the thirty-seventh session). No speed target: the two orders' figures are compared.
 *
 * <p>Usage: {@code bench/bench.sh TaskOrderBench --base-url http://127.0.0.1:8080 [--runs 400] [--clients 8]}
 */
public final class TaskOrderBench {

    private static final String CDEVENTS = "/api/cdevents";
    private static final Pattern RUN = Pattern.compile("\"runId\":\"([^\"]*)\"");
    private static final Pattern NEXT = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");

    private final String base;
    private final int runs;
    private final int clients;

    private TaskOrderBench(Args args) {
        base = args.url("--base-url");
        runs = args.integer("--runs");
        clients = args.integer("--clients");
    }

    public static void main(String[] arguments) {
        Bench.main(() -> new TaskOrderBench(Args.parse(
                        arguments,
                        "bench/bench.sh TaskOrderBench [--base-url URL] [--runs 400] [--clients 8]",
                        List.of(),
                        Map.of("--base-url", "http://127.0.0.1:8080", "--runs", "400", "--clients", "8")))
                .run());
    }

    private boolean run() throws Exception {
        Http admin = Http.api(base, Http.ADMIN);
        StringBuilder summary = new StringBuilder();
        boolean pass = true;
        // Dated two days back: the runs end well before now, as the server refuses events from the future.
        Instant start = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        // Warm-up, untimed: the JIT compiles the ingestion path before either order is measured.
        List<List<String>> warmUp = new ArrayList<>();
        for (int i = 0; i < runs / 4; i++) {
            warmUp.add(events(
                    i % 2 == 0 ? "natural" : "early",
                    "/bench/task-order-warm-up",
                    "task-order-warm-up",
                    "pr-" + i,
                    start.plusSeconds(100L * i)));
        }
        post(warmUp);
        for (String order : List.of("natural", "early")) {
            String pipeline = "task-order-" + order;
            admin.postOk("/api/catalog/entities", "application/yaml", """
                    apiVersion: backstage.io/v1alpha1
                    kind: Component
                    metadata:
                      name: %s
                      annotations:
                        cdevents.dev/pipeline: %s
                    spec: {type: pipeline, lifecycle: production, owner: group:default/team-a}
                    """.formatted(pipeline, pipeline));
            List<List<String>> perRun = new ArrayList<>();
            String source = "/bench/" + pipeline + "/" + UUID.randomUUID();
            for (int i = 0; i < runs; i++) {
                perRun.add(events(order, source, pipeline, "pr-" + i, start.plusSeconds(100L * i)));
            }
            long began = System.nanoTime();
            List<Long> nanos = post(perRun);
            double seconds = (System.nanoTime() - began) / 1e9;
            Latencies l = Latencies.of(nanos);
            int[] found = readBack(Http.api(base, Http.BOB), pipeline);
            boolean whole = found[0] == runs && found[1] == runs;
            pass &= whole;
            summary.append(Report.line(
                    order + " order",
                    "%d events in %.2f s = %.0f/s; POST p50 %.1f ms, p99 %.1f ms",
                    nanos.size(),
                    seconds,
                    nanos.size() / seconds,
                    l.p50(),
                    l.p99()));
            summary.append(Report.target(
                            order + ": " + found[1] + " of " + runs + " runs failed in 70 s with their task's error ("
                                    + found[0] + " runs read)",
                            whole))
                    .append("\n");
        }
        System.out.print(summary);
        return Report.verdict(pass);
    }

    /** One run's six events, its task runs first in the early order. */
    private static List<String> events(String order, String source, String pipeline, String run, Instant at) {
        List<String> tasks = List.of(
                task("started", source, run, "build", at.plusSeconds(5), null),
                task("finished", source, run, "build", at.plusSeconds(30), "success"),
                task("started", source, run, "test", at.plusSeconds(31), null),
                task("finished", source, run, "test", at.plusSeconds(60), "failure"));
        String started = pipelineRun("started", source, pipeline, run, at, null);
        String finished = pipelineRun("finished", source, pipeline, run, at.plusSeconds(70), "failure");
        List<String> out = new ArrayList<>();
        if (order.equals("natural")) {
            out.add(started);
            out.addAll(tasks);
        } else {
            out.addAll(tasks);
            out.add(started);
        }
        out.add(finished);
        return out;
    }

    private static String pipelineRun(
            String predicate, String source, String pipeline, String run, Instant at, String outcome) {
        return """
                {"context": {"version": "0.4.1", "id": "%s", "source": "%s",
                  "type": "dev.cdevents.pipelinerun.%s.0.1.1", "timestamp": "%s"},
                 "subject": {"id": "%s", "source": "%s", "type": "pipelineRun",
                  "content": {"pipelineName": "%s"%s}}}
                """.formatted(
                        UUID.randomUUID(),
                        source,
                        predicate,
                        at,
                        run,
                        source,
                        pipeline,
                        outcome == null ? "" : ", \"outcome\": \"" + outcome + "\"");
    }

    private static String task(String predicate, String source, String run, String task, Instant at, String outcome) {
        String end = outcome == null
                ? ""
                : ", \"outcome\": \"" + outcome + "\""
                        + (outcome.equals("failure") ? ", \"errors\": \"step " + task + " failed\"" : "");
        return """
                {"context": {"version": "0.4.1", "id": "%s", "source": "%s",
                  "type": "dev.cdevents.taskrun.%s.0.1.1", "timestamp": "%s"},
                 "subject": {"id": "%s-%s", "source": "%s", "type": "taskRun",
                  "content": {"taskName": "%s", "pipelineRun": {"id": "%s"}%s}}}
                """.formatted(UUID.randomUUID(), source, predicate, at, run, task, source, task, run, end);
    }

    /** Posts every run's events, each run's from one client in order; every POST's time. */
    private List<Long> post(List<List<String>> perRun) throws Exception {
        Http ci = Http.api(base, Http.CI);
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < perRun.size(); i = next.getAndIncrement()) {
                        for (String event : perRun.get(i)) {
                            long began = System.nanoTime();
                            HttpResponse<String> answer = ci.post(CDEVENTS, "application/json", event);
                            nanos.add(System.nanoTime() - began);
                            if (answer.statusCode() / 100 != 2) {
                                throw Http.failure("POST " + CDEVENTS, answer);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return nanos;
    }

    /** The pipeline's runs read back: how many, and how many failed after 70 s with the test task's error. */
    private static int[] readBack(Http bob, String pipeline) throws Exception {
        int read = 0;
        int whole = 0;
        String cursor = null;
        do {
            String page = bob.getOk("/api/pipelines/default/" + pipeline + "/runs?"
                    + Http.encodeQuery("limit=100" + (cursor == null ? "" : "&cursor=" + cursor)));
            Matcher m = RUN.matcher(page);
            while (m.find()) {
                read++;
            }
            whole += count(page, "\"state\":\"failed\"[^}]*\"durationSeconds\":70[^}]*\"error\":\"step test failed\"");
            Matcher n = NEXT.matcher(page);
            cursor = n.find() ? n.group(1) : null;
        } while (cursor != null);
        return new int[] {read, whole};
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
