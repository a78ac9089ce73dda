package dev.interlock.runs;

import static dev.interlock.runs.RunEvents.postGitHub;
import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.browserAs;
import static dev.interlock.support.Api.lineage;
import static dev.interlock.support.Api.postLineage;
import static dev.interlock.support.Api.registerAs;
import static dev.interlock.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Two pipelines claiming one job equally exactly: the one registered first keeps its runs, whatever the names, the
 * later registration is told whose job it claims, and both pipelines' pages say so while both claim it.
 */
@QuarkusTest
class ContestedClaimTest {

    private static final Instant T0 = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private static String pipeline(String name, String owner, String repo) {
        return RunEvents.dataPipeline(
                        name,
                        "github.com/project-slug: " + repo + "\ngithub.com/workflow: .github/workflows/ci.yml",
                        null)
                .replace("family: data", "family: delivery")
                .replace("group:data-engineering", owner);
    }

    private static String runs(String name) {
        return "/api/pipelines/default/" + name + "/runs";
    }

    @Test
    void anEquallyExactLaterClaimDoesNotTakeAnotherPipelinesRuns() {
        String suffix = unique("svc");
        String repo = "northwind-cloud/checkout-" + suffix;
        String owned = "zzz-checkout-" + suffix + "-ci";
        String hijack = "aaa-hijack-" + suffix;
        registerAs("admin", pipeline(owned, "group:payments", repo))
                .statusCode(201)
                .body("entities[0].warnings", empty());
        long id = 7_000_000L + (long) (Math.random() * 1_000_000);
        for (int i = 0; i < 3; i++) {
            postGitHub(RunEvents.workflowRun(
                            "completed",
                            id + i,
                            1,
                            repo,
                            ".github/workflows/ci.yml",
                            "success",
                            T0.plusSeconds(600L * i),
                            T0.plusSeconds(600L * i + 120),
                            "push",
                            "jonas"))
                    .statusCode(201);
        }
        as("bob").get(runs(owned)).then().body("items.size()", equalTo(3));

        // Alice (revops) claims the same job with the same annotations, under a name that sorts first.
        registerAs("alice", pipeline(hijack, "group:revops", repo))
                .statusCode(201)
                .body(
                        "entities[0].warnings",
                        hasItem(containsString("github.com/workflow .github/workflows/ci.yml of " + repo
                                + " is already claimed by component:default/" + owned)));
        // Runs arriving after the hijacking registration go to the first pipeline too.
        postGitHub(RunEvents.workflowRun(
                        "completed",
                        id + 3,
                        1,
                        repo,
                        ".github/workflows/ci.yml",
                        "failure",
                        T0.plusSeconds(2400),
                        T0.plusSeconds(2500),
                        "push",
                        "jonas"))
                .statusCode(201);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> as("bob").get(runs(owned)).then().body("items.size()", equalTo(4)));
        as("bob").get(runs(hijack)).then().body("items.size()", equalTo(0));
        as("bob").get("/api/pipelines/default/" + owned + "/health").then().body("lastRun.state", equalTo("failed"));
        // Both pipelines' pages say whose runs these are, for as long as both claim the job, and link to the other.
        String keeps = "its runs stay with this pipeline";
        assertThat(
                page(owned),
                containsString("is also claimed by <a href=\"/catalog/default/component/" + hijack
                        + "\">component:default/" + hijack + "</a>, registered later: " + keeps));
        assertThat(
                page(hijack),
                containsString("is already claimed by <a href=\"/catalog/default/component/" + owned
                        + "\">component:default/" + owned + "</a>, registered earlier"));
        // The first pipeline's own registration, again, names the later claim.
        registerAs("admin", pipeline(owned, "group:payments", repo))
                .statusCode(201)
                .body(
                        "entities[0].warnings",
                        hasItem(containsString("is also claimed by component:default/" + hijack)));
        // Once the later claim is gone, the first pipeline's page no longer mentions it.
        as("admin")
                .delete("/api/catalog/entities/by-uid/"
                        + as("bob")
                                .get("/api/catalog/entities/by-name/component/default/" + hijack)
                                .then()
                                .extract()
                                .path("metadata.uid"))
                .then()
                .statusCode(204);
        assertThat(page(owned), not(containsString(hijack)));
        assertThat(page(owned), not(containsString(keeps)));
    }

    @Test
    void aThirdClaimIsToldThatThePipelineRegisteredFirstKeepsTheRuns() {
        String suffix = unique("svc");
        String repo = "northwind-cloud/billing-" + suffix;
        String first = "ccc-billing-" + suffix + "-ci";
        String second = "bbb-billing-" + suffix + "-ci";
        String third = "aaa-billing-" + suffix + "-ci";
        registerAs("admin", pipeline(first, "group:payments", repo)).statusCode(201);
        registerAs("admin", pipeline(second, "group:payments", repo)).statusCode(201);
        String claim = "github.com/workflow .github/workflows/ci.yml of " + repo;
        // The second pipeline is no keeper: the third is told the first one keeps the runs, whichever it meets.
        registerAs("admin", pipeline(third, "group:payments", repo))
                .statusCode(201)
                .body(
                        "entities[0].warnings",
                        hasItem(claim + " is already claimed by component:default/" + first
                                + ", registered earlier: its runs stay with component:default/" + first
                                + " and this pipeline gets none of them"))
                .body(
                        "entities[0].warnings",
                        hasItem(claim + " is also claimed by component:default/" + second
                                + ": its runs stay with component:default/" + first
                                + ", registered first, and this pipeline gets none of them"))
                .body("entities[0].warnings", not(hasItem(containsString("stay with component:default/" + second))));
        // The second pipeline's page does not say the runs stay with it because the third came later.
        String secondPage = page(second);
        assertThat(secondPage, not(containsString("its runs stay with this pipeline")));
        assertThat(
                secondPage,
                containsString(
                        "is also claimed by <a href=\"/catalog/default/component/" + third + "\">component:default/"
                                + third + "</a>: its runs stay with <a href=\"/catalog/default/component/" + first
                                + "\">component:default/" + first + "</a>, registered first"));
        assertThat(page(first), containsString("registered later: its runs stay with this pipeline"));
    }

    /**
     * Two pipelines registered in one body claiming one job are each told of the other, and which keeps the runs: the
     * first by reference, as neither was registered earlier. A pipeline that stops claiming a job in the same body as
     * another starts to claim it is no contest.
     */
    @Test
    void pipelinesRegisteredTogetherAreToldOfEachOther() {
        String suffix = unique("svc");
        String repo = "northwind-cloud/orders-" + suffix;
        String first = "aaa-orders-" + suffix + "-ci";
        String second = "bbb-orders-" + suffix + "-ci";
        String claim = "github.com/workflow .github/workflows/ci.yml of " + repo;
        registerAs(
                        "admin",
                        pipeline(second, "group:payments", repo) + "---\n" + pipeline(first, "group:payments", repo))
                .statusCode(201)
                .body(
                        "entities[0].warnings",
                        equalTo(java.util.List.of(claim + " is also claimed by component:default/" + first
                                + ", registered at the same moment: its runs go to component:default/" + first
                                + ", first by reference, and this pipeline gets none of them")))
                .body(
                        "entities[1].warnings",
                        equalTo(java.util.List.of(claim + " is also claimed by component:default/" + second
                                + ", registered at the same moment: its runs go to this pipeline, first by reference, and"
                                + " component:default/" + second + " gets none of them")));
        postGitHub(RunEvents.workflowRun(
                        "completed",
                        9_100_000_001L + (long) (Math.random() * 1e6),
                        1,
                        repo,
                        ".github/workflows/ci.yml",
                        "success",
                        T0,
                        T0.plusSeconds(60),
                        "push",
                        "jonas"))
                .statusCode(201);
        as("bob").get(runs(first)).then().body("items.size()", equalTo(1));
        as("bob").get(runs(second)).then().body("items.size()", equalTo(0));
        assertThat(
                page(second),
                containsString(
                        "registered at the same moment: its runs go to that pipeline, first by reference, and this"
                                + " one gets none of them"));
        assertThat(page(first), containsString("registered at the same moment: its runs go to this pipeline, first"));

        // The second hands the job to a third in one body (it now claims its deploy workflow): the third is told only
        // of the first, which claims the job still; the second is told of nothing.
        String third = "ccc-orders-" + suffix + "-ci";
        registerAs(
                        "admin",
                        pipeline(second, "group:payments", repo)
                                        .replace(".github/workflows/ci.yml", ".github/workflows/deploy.yml")
                                + "---\n" + pipeline(third, "group:payments", repo))
                .statusCode(201)
                .body("entities[0].action", equalTo("updated"))
                .body("entities[0].warnings", empty())
                .body(
                        "entities[1].warnings",
                        equalTo(java.util.List.of(claim + " is already claimed by component:default/" + first
                                + ", registered earlier: its runs stay with component:default/" + first
                                + " and this pipeline gets none of them")));
    }

    /**
     * Three pipelines in one body claiming one job: the first by reference keeps its runs, and each of the other two is
     * told so of the third too. With a wildcard in the same body, only the exact claim that keeps the job is told it
     * takes the wildcard's runs, and not of runs stored before, which a new wildcard never had.
     */
    @Test
    void threeClaimsAndAWildcardInOneBody() {
        String ns = unique("crm");
        String claim = "openlineage.io/job " + ns + "/accounts";
        String a = "aaa-" + ns;
        String b = "bbb-" + ns;
        String c = "ccc-" + ns;
        String wide = "www-" + ns;
        String exact = "openlineage.io/job: " + ns + "/accounts";
        registerAs(
                        "admin",
                        RunEvents.dataPipeline(c, exact, null) + "---\n" + RunEvents.dataPipeline(a, exact, null)
                                + "---\n" + RunEvents.dataPipeline(b, exact, null) + "---\n"
                                + RunEvents.dataPipeline(wide, "openlineage.io/job: " + ns + "/*", null))
                .statusCode(201)
                .body(
                        "entities[0].warnings",
                        equalTo(java.util.List.of(
                                claim + " is also claimed by component:default/" + a + ", registered at the same"
                                        + " moment: its runs go to component:default/" + a + ", first by reference,"
                                        + " and this pipeline gets none of them",
                                claim + " is also claimed by component:default/" + b + ": its runs go to"
                                        + " component:default/" + a + ", registered at the same moment as this"
                                        + " pipeline and first by reference, and this pipeline gets none of them")))
                .body(
                        "entities[1].warnings",
                        hasItem(claim + " is also matched by a wildcard of component:default/" + wide
                                + ": a claim without wildcards wins, so the job's runs are this pipeline's"))
                .body("entities[2].warnings", not(hasItem(containsString("wildcard"))))
                .body("entities[3].warnings", empty());
        assertThat(
                page(b),
                containsString("its runs go to <a href=\"/catalog/default/component/" + a + "\">component:default/" + a
                        + "</a>, registered at the same moment as this one and first by reference"));
    }

    /**
     * Seven pipelines of one body claiming one job (descriptors made from one template): each is told of the pipeline
     * that keeps the runs and one other, and the rest are counted in one warning, not one each (a thousand such
     * pipelines would have made a million warnings); their pages say it the same way.
     */
    @Test
    void manyClaimsOfOneJobAreCountedNotListed() {
        String ns = unique("mono");
        String claim = "openlineage.io/job " + ns + "/build";
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            // The last names the job twice: it is one claim, and each other pipeline is counted once.
            String jobs = ns + "/build" + (i == 6 ? ", " + ns + "/build" : "");
            body.append(i == 0 ? "" : "---\n")
                    .append(RunEvents.dataPipeline("p" + i + "-" + ns, "openlineage.io/job: " + jobs, null));
        }
        String p = "component:default/p";
        registerAs("admin", body.toString())
                .statusCode(201)
                .body(
                        "entities[0].warnings",
                        equalTo(java.util.List.of(
                                claim + " is also claimed by " + p + "1-" + ns + ", registered at the same moment: its"
                                        + " runs go to this pipeline, first by reference, and " + p + "1-" + ns
                                        + " gets none of them",
                                claim + " is also claimed by " + p + "2-" + ns + ", registered at the same moment: its"
                                        + " runs go to this pipeline, first by reference, and " + p + "2-" + ns
                                        + " gets none of them",
                                claim + " is also claimed by 4 more pipelines, which get none of its runs: " + p + "3-"
                                        + ns + ", " + p + "4-" + ns + ", " + p + "5-" + ns + " and 1 more")))
                .body(
                        "entities[6].warnings",
                        equalTo(java.util.List.of(
                                claim + " is also claimed by " + p + "0-" + ns + ", registered at the same moment: its"
                                        + " runs go to " + p + "0-" + ns + ", first by reference, and this pipeline"
                                        + " gets none of them",
                                claim + " is also claimed by " + p + "1-" + ns + ": its runs go to " + p + "0-" + ns
                                        + ", registered at the same moment as this pipeline and first by reference,"
                                        + " and this pipeline gets none of them",
                                claim + " is also claimed by 4 more pipelines, which get none of its runs: " + p + "2-"
                                        + ns + ", " + p + "3-" + ns + ", " + p + "4-" + ns + " and 1 more")));
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(page("p6-" + ns));
        org.jsoup.select.Elements said = page.select(".notice li");
        assertThat(said.size(), equalTo(3));
        assertThat(said.get(0).text(), containsString("its runs go to that pipeline, first by reference"));
        assertThat(
                said.get(2).text(),
                equalTo(claim + " is also claimed by 4 more pipelines, which get none of its runs: " + p + "2-" + ns
                        + ", " + p + "3-" + ns + ", " + p + "4-" + ns + " and 1 more"));
    }

    /**
     * A pipeline registered earlier keeps the job, and is said first, whatever its name; the others are named by
     * reference, whatever the body's order, so the registration and the page (which reads the pipelines in the order
     * of their references) name the same ones.
     */
    @Test
    void theKeeperIsSaidFirstWhereverItsNameSorts() {
        String ns = unique("kept");
        String claim = "openlineage.io/job " + ns + "/load";
        String job = "openlineage.io/job: " + ns + "/load";
        String keeper = "component:default/zz-" + ns;
        registerAs("admin", RunEvents.dataPipeline("zz-" + ns, job, null)).statusCode(201);
        StringBuilder body = new StringBuilder();
        // In the body's order a4 to a1: the others are still named by reference, as the page names them.
        for (int i = 4; i >= 1; i--) {
            body.append(i == 4 ? "" : "---\n").append(RunEvents.dataPipeline("a" + i + "-" + ns, job, null));
        }
        String said = claim + " is already claimed by " + keeper + ", registered earlier: its runs stay with " + keeper
                + " and this pipeline gets none of them";
        registerAs("admin", body.toString())
                .statusCode(201)
                .body("entities[3].ref", equalTo("component:default/a1-" + ns))
                .body(
                        "entities[3].warnings",
                        equalTo(java.util.List.of(
                                said,
                                claim + " is also claimed by component:default/a2-" + ns + ": its runs stay with "
                                        + keeper + ", registered first, and this pipeline gets none of them",
                                claim + " is also claimed by 2 more pipelines, which get none of its runs:"
                                        + " component:default/a3-" + ns + ", component:default/a4-" + ns)));
        org.jsoup.select.Elements lines =
                org.jsoup.Jsoup.parse(page("a1-" + ns)).select(".notice li");
        assertThat(lines.size(), equalTo(3));
        assertThat(
                lines.get(0).text(),
                equalTo(claim + " is already claimed by " + keeper + ", registered earlier: its runs stay with that"
                        + " pipeline and this one gets none of them"));
        assertThat(lines.get(2).text(), containsString("2 more pipelines, which get none of its runs"));
    }

    /**
     * An exact claim wins over another pipeline's wildcard and takes the job's stored runs with it: its registration
     * says so, naming the pipeline whose history it takes.
     */
    @Test
    void anExactClaimIsToldItTakesTheRunsAnotherPipelinesWildcardHad() {
        String ns = unique("warehouse");
        String wide = unique("all-models");
        String narrow = unique("orders-model");
        registerAs("admin", RunEvents.dataPipeline(wide, "openlineage.io/job: " + ns + "/*", null))
                .statusCode(201)
                .body("entities[0].warnings", empty());
        String runId = java.util.UUID.randomUUID().toString();
        postLineage("[" + lineage("COMPLETE", T0, runId, ns, "orders", null) + "]")
                .statusCode(201);
        as("bob").get(runs(wide)).then().body("items.runId", equalTo(java.util.List.of(runId)));

        registerAs(
                        "alice",
                        RunEvents.dataPipeline(narrow, "openlineage.io/job: " + ns + "/orders", null)
                                .replace("group:data-engineering", "group:revops"))
                .statusCode(201)
                .body(
                        "entities[0].warnings",
                        hasItem("openlineage.io/job " + ns + "/orders is also matched by a wildcard of"
                                + " component:default/" + wide + ": a claim without wildcards wins, so the job's runs,"
                                + " those stored before included, are this pipeline's and no longer"
                                + " component:default/" + wide + "'s"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        as("bob").get(runs(narrow)).then().body("items.runId", equalTo(java.util.List.of(runId))));
        as("bob").get(runs(wide)).then().body("items.size()", equalTo(0));
    }

    private static String page(String name) {
        return browserAs("bob")
                .get("/catalog/default/component/" + name)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }
}
