package dev.interlock.runs;

import static dev.interlock.runs.RunEvents.postGitHub;
import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.support.Api;

/**
 * A CI pipeline's health is its main line's: a pull request's failing GitHub run (a branch of the repository, or a
 * fork's branch of the same name as the default) is listed with its branch and does not make the pipeline failing,
 * unless the pipeline names that branch, or every branch, with {@code interlock.dev/github-branch}.
 */
@QuarkusTest
class GitHubBranchTest {

    private static final Instant T0 = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    private static final AtomicLong IDS = new AtomicLong(7_000_000_000L + (long) (Math.random() * 1_000_000));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPullRequestsFailingRunIsListedButLeavesTheMainLineHealthy() throws Exception {
        String name = unique("ci");
        String repo = "northwind-cloud/" + name;
        registerCi(name, repo, null);
        long main = IDS.incrementAndGet(), pr = IDS.incrementAndGet(), fork = IDS.incrementAndGet();
        postGitHub(run(main, repo, "success", T0, "main", repo)).statusCode(201);
        postGitHub(run(pr, repo, "failure", T0.plusSeconds(600), "feature/login", repo))
                .statusCode(201);
        // A fork's pull request from its own main: same branch name, not this repository's main line.
        postGitHub(run(fork, repo, "failure", T0.plusSeconds(1200), "main", "someone/" + name))
                .statusCode(201);
        as("bob")
                .get("/api/pipelines/default/" + name + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("healthy"))
                .body("lastRun.runId", equalTo(String.valueOf(main)))
                .body("successRate.finished", equalTo(1));
        as("bob")
                .get("/api/pipelines/default/" + name + "/runs")
                .then()
                .statusCode(200)
                .body("items.runId", equalTo(List.of(String.valueOf(fork), String.valueOf(pr), String.valueOf(main))))
                .body("items.branch", equalTo(List.of("main", "feature/login", "main")))
                .body("items.countsForHealth", equalTo(List.of(false, false, true)));
        Api.browserAs("bob").get("/runs/default/" + name).then().statusCode(200).body(containsString("feature/login"));
        // The main line failing is the pipeline failing.
        postGitHub(run(IDS.incrementAndGet(), repo, "failure", T0.plusSeconds(1800), "main", repo))
                .statusCode(201);
        as("bob").get("/api/pipelines/default/" + name + "/health").then().body("status", equalTo("failing"));
    }

    @Test
    void aPipelineMayJudgeAnotherBranchOrEveryBranch() throws Exception {
        String release = unique("release-ci"), every = unique("every-ci");
        String repo = "northwind-cloud/" + unique("shop");
        registerCi(release, repo, "release/2.x", "release.yml");
        registerCi(every, repo, "*", "ci.yml");
        for (String workflow : List.of("release.yml", "ci.yml")) {
            postGitHub(run(IDS.incrementAndGet(), repo, "success", T0, "release/2.x", repo, workflow))
                    .statusCode(201);
            postGitHub(run(IDS.incrementAndGet(), repo, "failure", T0.plusSeconds(600), "main", repo, workflow))
                    .statusCode(201);
        }
        as("bob")
                .get("/api/pipelines/default/" + release + "/health")
                .then()
                .body("status", equalTo("healthy"))
                .body("successRate.finished", equalTo(1));
        as("bob")
                .get("/api/pipelines/default/" + every + "/health")
                .then()
                .body("status", equalTo("failing"))
                .body("successRate.finished", equalTo(2));
    }

    private static void registerCi(String name, String repo, String branch) {
        registerCi(name, repo, branch, "ci.yml");
    }

    private static void registerCi(String name, String repo, String branch, String workflow) {
        register(RunEvents.dataPipeline(
                                name,
                                "github.com/project-slug: " + repo + "\ngithub.com/workflow: .github/workflows/"
                                        + workflow
                                        + (branch == null ? "" : "\ninterlock.dev/github-branch: \"" + branch + "\""),
                                null)
                        .replace("family: data", "family: delivery"))
                .statusCode(201);
    }

    /** A completed workflow_run delivery of a branch, pushed from {@code headRepo}, on a repository whose default is main. */
    private static String run(long id, String repo, String conclusion, Instant at, String branch, String headRepo)
            throws Exception {
        return run(id, repo, conclusion, at, branch, headRepo, "ci.yml");
    }

    private static String run(
            long id, String repo, String conclusion, Instant at, String branch, String headRepo, String workflow)
            throws Exception {
        ObjectNode delivery = (ObjectNode) JSON.readTree(RunEvents.workflowRun(
                "completed",
                id,
                1,
                repo,
                ".github/workflows/" + workflow,
                conclusion,
                at,
                at.plusSeconds(300),
                "push",
                "jonas"));
        ObjectNode run = (ObjectNode) delivery.get("workflow_run");
        run.put("head_branch", branch);
        run.putObject("head_repository").put("full_name", headRepo);
        ((ObjectNode) delivery.get("repository")).put("default_branch", "main");
        return JSON.writeValueAsString(delivery);
    }
}
