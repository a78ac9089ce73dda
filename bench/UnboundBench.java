import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import harness.Args;
import harness.Bench;
import harness.Http;
import harness.Latencies;
import harness.Report;
import harness.ServerProcess;

/**
 * The jobs no pipeline claims, as a team meets them on the day it points its scheduler at Interlock: every job
 * unclaimed.
 *
 * <p>Sends {@code --runs} runs of each of {@code --jobs} OpenLineage jobs ({@code airflow/dag_<j>.task}, none
 * registered), START and COMPLETE each, spread over the last 80 days, in arrays of 1,000 events as {@code ci:ci}; waits
 * for the server's background work to settle; then measures, one client, after a warm-up of 20 each ({@code
 * --requests} each):
 * <ol>
 * <li>{@code GET /api/runs/unbound} (the first page of 50, and the count of every unclaimed job);</li>
 * <li>{@code GET /api/runs/unbound?q=<a job>} (one word);</li>
 * <li>the page {@code /runs/unbound} signed in as bob, and {@code /runs/unbound?q=<a job>};</li>
 * <li>{@code GET /api/runs/unbound} right after a run event of an unclaimed job (the event's POST not timed): while
 * runs arrive, no answer of the database's from before can be reused;</li>
 * <li>a pipeline registered for an unclaimed job, as its snippet offers it (10 times, one job each): from the POST
 * until the job is no longer listed, its runs moved to the pipeline by the rebinding pass the registration starts.</li>
 * </ol>
 * Target: p99 <= 50 ms for the first four, the target of the pages in {@code bench/pages.sh}; the last two are
 * reported.
 *
 * <p>Usage: {@code bench/bench.sh UnboundBench --base-url http://127.0.0.1:8080 [--jobs 5000] [--runs 40]
 * [--requests 200] [--server-pid PID]}
 */
public final class UnboundBench {

    private static final Random RANDOM = new Random(11);

    private final String base;
    private final int jobs;
    private final int runs;
    private final int requests;
    private final ServerProcess server;

    private UnboundBench(Args args) {
        base = args.url("--base-url");
        jobs = args.integer("--jobs");
        runs = args.integer("--runs");
        requests = args.integer("--requests");
        server = new ServerProcess(args.whole("--server-pid"));
    }

    public static void main(String[] arguments) {
        Bench.main(() -> new UnboundBench(Args.parse(
                        arguments,
                        "bench/bench.sh UnboundBench [--base-url URL] [--jobs 5000] [--runs 40] [--requests 200]"
                                + " [--server-pid PID]",
                        List.of(),
                        Map.of(
                                "--base-url",
                                "http://127.0.0.1:8080",
                                "--jobs",
                                "5000",
                                "--runs",
                                "40",
                                "--requests",
                                "200",
                                "--server-pid",
                                "0")))
                .run());
    }

    private boolean run() throws Exception {
        Http ci = Http.api(base, Http.CI);
        long total = 2L * jobs * runs;
        Instant first = Instant.now().minus(80, ChronoUnit.DAYS);
        long stepMillis = 80L * 86_400_000 / Math.max(1, (long) jobs * runs);
        long t0 = System.nanoTime();
        StringBuilder body = new StringBuilder();
        long sent = 0;
        for (int r = 0; r < runs; r++) {
            for (int j = 0; j < jobs; j++) {
                Instant start = first.plusMillis(((long) r * jobs + j) * stepMillis);
                String id = new UUID(0x0b0b0000L + r, j).toString();
                for (int end = 0; end < 2; end++) {
                    body.append(body.isEmpty() ? "[" : ",").append(event(id, j, end == 0, start));
                    if (++sent % 1_000 == 0) {
                        ci.postOk(
                                "/api/v1/lineage",
                                "application/json",
                                body.append(']').toString());
                        body.setLength(0);
                    }
                }
            }
        }
        if (!body.isEmpty()) {
            ci.postOk("/api/v1/lineage", "application/json", body.append(']').toString());
        }
        System.out.printf(
                "stored %,d events (%,d runs of %,d unclaimed jobs) in %.1f s%n",
                total, (long) jobs * runs, jobs, (System.nanoTime() - t0) / 1e9);
        server.settle(15, 3, "background work after the events done");

        Http bob = Http.api(base, Http.BOB);
        Http pages = Http.signIn(base, "bob");
        String count = "\"totalItems\":" + jobs;
        String answer = bob.getOk("/api/runs/unbound");
        if (!answer.contains(count)) {
            throw new Bench.Failure(
                    "GET /api/runs/unbound does not count " + jobs + " jobs: " + Http.abbreviate(answer, 300));
        }
        boolean pass = true;
        pass &= latency("GET /api/runs/unbound", Latencies.measure(20, requests, i -> bob.getOk("/api/runs/unbound")));
        pass &= latency(
                "GET /api/runs/unbound?q=<job>",
                Latencies.measure(20, requests, i -> bob.getOk("/api/runs/unbound?q=dag_" + RANDOM.nextInt(jobs))));
        pass &= latency("GET /runs/unbound", Latencies.measure(20, requests, i -> pages.getOk("/runs/unbound")));
        pass &= latency(
                "GET /runs/unbound?q=<job>",
                Latencies.measure(20, requests, i -> pages.getOk("/runs/unbound?q=dag_" + RANDOM.nextInt(jobs))));
        int changed = Math.max(10, requests / 10);
        long[] nanos = new long[changed];
        for (int i = 0; i < changed + 3; i++) {
            ci.postOk(
                    "/api/v1/lineage",
                    "application/json",
                    event(new UUID(0x0c0c0000L, i).toString(), RANDOM.nextInt(jobs), true, Instant.now()));
            long start = System.nanoTime();
            bob.getOk("/api/runs/unbound");
            if (i >= 3) {
                nanos[i - 3] = System.nanoTime() - start;
            }
        }
        Latencies.of(nanos).print("GET /api/runs/unbound after a run event", 0);
        Latencies.of(claims(Http.api(base, Http.ADMIN), bob)).print("registered pipeline takes its job's runs", 0);
        return Report.verdict(pass);
    }

    /** Registers a pipeline for each of 10 unclaimed jobs; the time until each job is no longer listed. */
    private long[] claims(Http admin, Http bob) throws Exception {
        long[] nanos = new long[10];
        for (int i = 0; i < nanos.length; i++) {
            int job = jobs - 1 - i;
            long start = System.nanoTime();
            admin.register(List.of("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Component
                    metadata:
                      name: claims-dag-%d
                      annotations:
                        openlineage.io/job: airflow/dag_%d.task
                    spec:
                      type: pipeline
                      lifecycle: production
                      owner: group:bench
                      pipeline:
                        family: data
                        maintainers: [user:alice]
                    """.formatted(job, job)), 1);
            long deadline = start + 60_000_000_000L;
            while (!bob.getOk("/api/runs/unbound?q=dag_" + job + ".task").contains("\"totalItems\":0")) {
                if (System.nanoTime() > deadline) {
                    throw new Bench.Failure("dag_" + job + ".task still unclaimed 60 s after its pipeline registered");
                }
            }
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    /** A START or COMPLETE (five minutes later) of run {@code id} of job {@code airflow/dag_<job>.task}. */
    private static String event(String id, int job, boolean start, Instant startedAt) {
        return "{\"eventType\":\"" + (start ? "START" : "COMPLETE") + "\",\"eventTime\":\""
                + (start ? startedAt : startedAt.plusSeconds(300))
                + "\",\"producer\":\"bench\",\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json\","
                + "\"run\":{\"runId\":\"" + id + "\",\"facets\":{}},\"job\":{\"namespace\":\"airflow\",\"name\":\"dag_"
                + job + ".task\",\"facets\":{}},\"inputs\":[],\"outputs\":[]}";
    }

    /** Against the pages' target, p99 50 ms. */
    private static boolean latency(String what, Latencies l) {
        return l.print(what, 50);
    }
}
