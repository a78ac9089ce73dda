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
        registerCi(name, repo, null, "ci.yml");
        long main = IDS.incrementAndGet(), pr = IDS.incrementAndGet(), fork = IDS.incrementAndGet();
        long push = IDS.incrementAndGet();
        postGitHub(run(main, repo, "success", T0, "main", repo, "ci.yml", "push"))
                .statusCode(201);
        postGitHub(run(pr, repo, "failure", T0.plusSeconds(600), "feature/login", repo, "ci.yml", "pull_request"))
                .statusCode(201);
        // A fork's pull request from its own main: same branch name, not this repository's main line.
        postGitHub(run(
                        fork,
                        repo,
                        "failure",
                        T0.plusSeconds(1200),
                        "main",
                        "someone/" + name,
                        "ci.yml",
                        "pull_request"))
                .statusCode(201);
        // A push to a branch of one's own is that branch's build, not the main line's.
        postGitHub(run(push, repo, "failure", T0.plusSeconds(1300), "spike", repo, "ci.yml", "push"))
                .statusCode(201);
        as("bob")
                .get("/api/pipelines/default/" + name + "/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("healthy"))
                .body("lastRun.runId", equalTo(String.valueOf(main)))
                .body("successRate.finished", equalTo(1))
                .body("judgedBranches.scope", equalTo("default"))
                .body("judgedBranches.patterns", equalTo(List.of()));
        as("bob")
                .get("/api/pipelines/default/" + name + "/runs")
                .then()
                .statusCode(200)
                .body(
                        "items.runId",
                        equalTo(List.of(push, fork, pr, main).stream()
                                .map(String::valueOf)
                                .toList()))
                .body("items.branch", equalTo(List.of("spike", "main", "feature/login", "main")))
                .body("items.branchKind", equalTo(List.of("other", "proposal", "proposal", "main")))
                .body("items.countsForHealth", equalTo(List.of(false, false, false, true)));
        Api.browserAs("bob")
                .get("/runs/default/" + name)
                .then()
                .statusCode(200)
                .body(containsString("pull request feature/login (not counted in health)"));
        // The pipeline's page draws an uncounted run apart, and says so in words.
        Api.browserAs("bob")
                .get("/catalog/default/component/" + name)
                .then()
                .statusCode(200)
                .body(containsString("run run-failed uncounted"))
                .body(containsString(", pull request feature/login (not counted in health)</span>"));
        // The main line failing is the pipeline failing.
        postGitHub(run(IDS.incrementAndGet(), repo, "failure", T0.plusSeconds(1800), "main", repo, "ci.yml", "push"))
                .statusCode(201);
        as("bob").get("/api/pipelines/default/" + name + "/health").then().body("status", equalTo("failing"));
    }

    @Test
    void aPipelineMayJudgeAnotherBranchOrEveryBranch() throws Exception {
        String release = unique("release-ci"), every = unique("every-ci");
        String repo = "northwind-cloud/" + unique("shop");
        registerCi(release, repo, "release/*, hotfix", "release.yml");
        registerCi(every, repo, "*", "ci.yml");
        for (String workflow : List.of("release.yml", "ci.yml")) {
            postGitHub(run(IDS.incrementAndGet(), repo, "success", T0, "release/2.x", repo, workflow, "push"))
                    .statusCode(201);
            postGitHub(run(IDS.incrementAndGet(), repo, "failure", T0.plusSeconds(600), "main", repo, workflow, "push"))
                    .statusCode(201);
            // A fork's pull request from a branch of the named branch's name is not that branch's build.
            postGitHub(run(
                            IDS.incrementAndGet(),
                            repo,
                            "failure",
                            T0.plusSeconds(900),
                            "release/2.x",
                            "mallory/shop",
                            workflow,
                            "pull_request"))
                    .statusCode(201);
        }
        as("bob")
                .get("/api/pipelines/default/" + release + "/health")
                .then()
                .body("status", equalTo("healthy"))
                .body("successRate.finished", equalTo(1))
                .body("judgedBranches.scope", equalTo("named"))
                .body("judgedBranches.patterns", equalTo(List.of("release/*", "hotfix")));
        as("bob")
                .get("/api/pipelines/default/" + every + "/health")
                .then()
                .body("status", equalTo("failing"))
                .body("successRate.finished", equalTo(3))
                .body("judgedBranches.scope", equalTo("all"));
    }

    /**
     * A release workflow runs for tags: a release's run is the main line's, while a tag push's is not, and a pipeline
     * with only such runs says why it has no status and how to choose.
     */
    @Test
    void releaseRunsCountAndTagPushesSayHowToCountThem() throws Exception {
        String tags = unique("tag-ci"), releases = unique("release-ci");
        String repo = "northwind-cloud/" + unique("app");
        registerCi(tags, repo, null, "tag.yml");
        registerCi(releases, repo, null, "release.yml");
        postGitHub(run(IDS.incrementAndGet(), repo, "success", T0, "v1.3.0", repo, "tag.yml", "push"))
                .statusCode(201);
        postGitHub(run(IDS.incrementAndGet(), repo, "success", T0, "v1.3.0", repo, "release.yml", "release"))
                .statusCode(201);
        as("bob")
                .get("/api/pipelines/default/" + tags + "/health")
                .then()
                .body("status", equalTo("unknown"))
                .body(
                        "reasons[0]",
                        equalTo(
                                "no run of its default branch yet; 1 run of other branches or pull requests not"
                                        + " counted (interlock.dev/github-branch names the branch to judge, \"*\" every branch)"));
        as("bob").get("/api/pipelines/default/" + releases + "/health").then().body("status", equalTo("healthy"));
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

    /**
     * A completed workflow_run delivery of a branch, from {@code headRepo}, started by {@code event}, on a repository
     * whose default branch is main.
     */
    private static String run(
            long id,
            String repo,
            String conclusion,
            Instant at,
            String branch,
            String headRepo,
            String workflow,
            String event)
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
                event,
                "jonas"));
        ObjectNode run = (ObjectNode) delivery.get("workflow_run");
        run.put("head_branch", branch);
        run.putObject("head_repository").put("full_name", headRepo);
        ((ObjectNode) delivery.get("repository")).put("default_branch", "main");
        return JSON.writeValueAsString(delivery);
    }
}
