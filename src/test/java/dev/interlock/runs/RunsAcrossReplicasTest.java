package dev.interlock.runs;

import static dev.interlock.runs.RunEvents.postCDEvent;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.interlock.runs.ingest.CDEventsParser;
import dev.interlock.runs.ingest.RunEvent;
import dev.interlock.runs.ingest.RunIngestion;

/**
 * Two replicas behind one load balancer fold events of one run at the same time: each replica has one run writer, so
 * two writers of one database meet only across replicas. Here two threads play the two replicas' writers, one holding
 * its transaction open while the other folds: what the second folds must start from what the first committed.
 */
@QuarkusTest
@Tag("postgresql")
class RunsAcrossReplicasTest {

    private static final Instant T0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    RunIngestion ingestion;

    @Inject
    DataSource dataSource;

    /**
     * Two task ends of one running pipeline run, folded at once on two replicas, are both in the run (the second
     * replica's fold was written over the first's: one event and the failed task's error were lost).
     */
    @Test
    void twoEventsOfOneRunFoldedAtOnceAreBothKept() throws Exception {
        String name = registered("replicas-fold");
        String source = "/tekton/" + name;
        String run = "pr-" + name;
        postCDEvent(started(source, run, name)).statusCode(201);
        RunEvent build = event(task(source, run, "build", "failure", 60));
        RunEvent test = event(task(source, run, "test", "success", 90));
        atOnce(build, test);
        assertEquals(List.of("3", "step build failed"), run(run));
    }

    /**
     * A task run stored on one replica while its pipeline run's first event is being stored on the other is folded in
     * (it was kept waiting for an event of that run that might never come).
     */
    @Test
    void aTaskRunStoredWhileItsPipelineRunStartsElsewhereIsFoldedIn() throws Exception {
        String name = registered("replicas-wait");
        String source = "/tekton/" + name;
        String run = "pr-" + name;
        atOnce(event(started(source, run, name)), event(task(source, run, "build", "failure", 60)));
        assertEquals(List.of("2", "step build failed"), run(run));
        assertEquals(0, count("SELECT COUNT(*) FROM run_event_waits WHERE waits_for LIKE ?", run + "@%"));
    }

    /**
     * A run an import replaces (deleted and stored again under a new id) while an event is folded into it keeps the
     * event: the fold is done again on the run as restored (its change matched no row and was lost, with a 201).
     */
    @Test
    void anEventFoldedWhileItsRunIsReplacedIsKept() throws Exception {
        String name = registered("replicas-import");
        String source = "/tekton/" + name;
        String run = "pr-" + name;
        postCDEvent(started(source, run, name)).statusCode(201);
        CompletableFuture<Integer> sent;
        try (Connection importing = dataSource.getConnection()) {
            importing.setAutoCommit(false);
            try (PreparedStatement ps =
                    importing.prepareStatement("UPDATE runs SET id = id + 1000000000 WHERE run_key = ?")) {
                ps.setString(1, run);
                assertEquals(1, ps.executeUpdate());
            }
            sent = CompletableFuture.supplyAsync(() -> postCDEvent(task(source, run, "build", "failure", 60))
                    .extract()
                    .statusCode());
            await().atMost(PATIENCE).until(() -> sent.isDone() || waitingForALock() > 0);
            importing.commit();
        }
        assertEquals(201, sent.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        assertEquals(List.of("2", "step build failed"), run(run));
    }

    /**
     * A backfill of thousands of runs in one body is stored. A lock per run id (here each run's, its parent's and
     * its root's: 15,000) would take more of PostgreSQL's lock table than the whole server has ("out of shared
     * memory": about 64 locks per connection), so run ids share a bounded number of locks.
     */
    @Test
    void aBackfillOfManyRunsInOneBodyIsStored() {
        String namespace = unique("backfill");
        StringBuilder body = new StringBuilder("[");
        int runs = 5_000;
        for (int i = 0; i < runs; i++) {
            body.append(i == 0 ? "" : ",")
                    .append(dev.interlock.support.Api.lineage(
                            "COMPLETE",
                            T0.plusSeconds(i),
                            UUID.randomUUID().toString(),
                            namespace,
                            "job",
                            // A Spark job's run under an Airflow task's, under the DAG's: three run ids per event.
                            RunEvents.parentFacet(UUID.randomUUID().toString(), namespace, "dag.task")
                                    .replaceFirst(
                                            "}}$",
                                            "}, \"root\": {\"run\": {\"runId\": \""
                                                    + UUID.randomUUID() + "\"}, \"job\": {\"namespace\": \""
                                                    + namespace + "\", \"name\": \"dag\"}}}")));
        }
        dev.interlock.support.Api.postLineage(body.append("]").toString())
                .statusCode(201)
                .body("accepted", org.hamcrest.Matchers.equalTo(runs));
        assertEquals(runs, count("SELECT COUNT(*) FROM runs WHERE job_namespace = ?", namespace));
    }

    /**
     * Folds the first event in a transaction held open until the second event's writer has started: that writer either
     * finishes meanwhile (it did not meet the first) or waits for a lock in the database; then the first commits.
     */
    private void atOnce(RunEvent first, RunEvent second) throws Exception {
        CountDownLatch folded = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                .run(() -> {
                    assertEquals(1, ingestion.ingest(List.of(first)).accepted());
                    folded.countDown();
                    try {
                        release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        try {
            await().atMost(PATIENCE).until(() -> folded.getCount() == 0 || one.isDone());
            CompletableFuture<RunIngestion.Result> two =
                    CompletableFuture.supplyAsync(() -> ingestion.ingest(List.of(second)));
            await().atMost(PATIENCE).until(() -> two.isDone() || waitingForALock() > 0);
            release.countDown();
            one.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(1, two.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).accepted());
        } finally {
            release.countDown();
        }
    }

    /** Run writers of this database waiting for a lock: a run's row, or a run id's advisory lock. */
    private int waitingForALock() {
        return count(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = ?"
                        + " AND (query LIKE '%pg_advisory_xact_lock%' OR query LIKE 'UPDATE runs %')",
                "Lock");
    }

    /** The run's event count and error. */
    private List<String> run(String run) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT events, error FROM runs WHERE run_key = ?")) {
            ps.setString(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no run " + run);
                }
                return java.util.Arrays.asList(String.valueOf(rs.getInt(1)), rs.getString(2));
            }
        }
    }

    private int count(String sql, String param) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static RunEvent event(String json) throws Exception {
        return new CDEventsParser().parse(new ObjectMapper().readTree(json));
    }

    /** A pipeline run's start. */
    private static String started(String source, String run, String name) {
        return RunEvents.pipelineRun("0.4.1", "started", UUID.randomUUID().toString(), source, T0, run, name, null);
    }

    private static String task(String source, String run, String task, String outcome, int second) {
        return RunEvents.taskRun(
                "finished",
                UUID.randomUUID().toString(),
                source,
                T0.plusSeconds(second),
                run + "-" + task,
                task,
                run,
                outcome);
    }

    /** The name of a new pipeline that claims the CDEvents pipeline of its own name. */
    private static String registered(String prefix) {
        String name = unique(prefix);
        register(RunEvents.dataPipeline(name, "cdevents.dev/pipeline: " + name, null))
                .statusCode(201);
        return name;
    }
}
