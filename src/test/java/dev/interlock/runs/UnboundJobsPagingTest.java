package dev.interlock.runs;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.lineage;
import static dev.interlock.support.Api.postLineage;
import static dev.interlock.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.support.Api;

/**
 * The jobs no pipeline claims, paged and searched: thousands of unclaimed job names must not make one answer of
 * megabytes, and a cursor names a position, so a job seen again meanwhile is not repeated (it moves to the first page).
 */
@QuarkusTest
class UnboundJobsPagingTest {

    private static final Instant T0 = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void unclaimedJobsArePagedByCursorAndFoundBySearch() {
        String namespace = unique("unclaimed");
        for (int i = 0; i < 3; i++) {
            postLineage(lineage(
                            "COMPLETE",
                            T0.plusSeconds(60L * i),
                            UUID.randomUUID().toString(),
                            namespace,
                            "job" + i,
                            null))
                    .statusCode(201);
        }
        String cursor = as("bob")
                .queryParam("q", namespace.toUpperCase(java.util.Locale.ROOT))
                .queryParam("limit", 2)
                .get("/api/runs/unbound")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(3))
                .body("items.name", equalTo(List.of("job2", "job1")))
                .extract()
                .path("pageInfo.nextCursor");
        // job2 reports again: it moves to the front, and the next page still holds only job0.
        postLineage(lineage("COMPLETE", T0.plusSeconds(600), UUID.randomUUID().toString(), namespace, "job2", null))
                .statusCode(201);
        as("bob")
                .queryParam("q", namespace)
                .queryParam("limit", 2)
                .queryParam("cursor", cursor)
                .get("/api/runs/unbound")
                .then()
                .statusCode(200)
                .body("items.name", equalTo(List.of("job0")))
                .body("pageInfo.nextCursor", nullValue());
        as("bob")
                .queryParam("q", "job1  " + namespace.toUpperCase(java.util.Locale.ROOT))
                .get("/api/runs/unbound")
                .then()
                .body("totalItems", equalTo(1));
        as("bob")
                .queryParam("q", namespace + "/job1")
                .get("/api/runs/unbound")
                .then()
                .body("totalItems", equalTo(1))
                .body("items[0].job", equalTo(namespace + "/job1"));
        for (String[] bad : new String[][] {{"cursor", "bm90IGEgY3Vyc29y"}, {"cursor", "%%%"}, {"limit", "0"}}) {
            as("bob")
                    .queryParam(bad[0], bad[1])
                    .get("/api/runs/unbound")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo(bad[0]));
        }
        Api.browserAs("bob")
                .queryParam("q", namespace)
                .get("/runs/unbound")
                .then()
                .statusCode(200)
                .body(containsString("3 jobs matching “" + namespace + "”, most recently seen first."))
                .body(containsString(namespace + "/job0"));
        Api.browserAs("bob")
                .queryParam("q", namespace + "-nothing")
                .get("/runs/unbound")
                .then()
                .statusCode(200)
                .body(containsString("No unclaimed job matches"));
    }

    /**
     * Two organisations' repositories of one name run a workflow of one name: once the first one's pipeline is
     * registered, the second's snippet offers a name of its own, so registering it as offered makes a second pipeline
     * and takes nothing from the first.
     */
    @Test
    void aSnippetNeverOffersTheNameOfAnEntityInTheCatalog() throws Exception {
        String repo = unique("web");
        String first = RunEvents.workflowRun(
                "completed",
                8_100_000_001L + (long) (Math.random() * 1e6),
                1,
                "acme/" + repo,
                ".github/workflows/ci.yml",
                "success",
                T0,
                T0.plusSeconds(60),
                "push",
                "jonas");
        RunEvents.postGitHub(first).statusCode(201);
        String yaml = as("bob")
                .queryParam("q", "acme/" + repo)
                .get("/api/runs/unbound")
                .then()
                .body("items[0].suggestedName", equalTo(repo + "-ci"))
                .extract()
                .path("items[0].yaml");
        // Sent as offered, with its placeholders left in, it says what is still to fill in.
        as("alice")
                .contentType("application/yaml")
                .body(yaml)
                .post("/api/catalog/entities?dryRun=true")
                .then()
                .statusCode(200)
                .body("entities[0].warnings[0]", containsString("\"spec.owner\" is group:CHANGE-ME, the placeholder"))
                .body("entities[0].warnings[1]", containsString("spec.pipeline.maintainers.0"));
        dev.interlock.support.Api.register(
                        yaml.replace("group:CHANGE-ME", "group:revops").replace("user:CHANGE-ME", "user:alice"))
                .statusCode(201);
        String second = RunEvents.workflowRun(
                "completed",
                8_200_000_001L + (long) (Math.random() * 1e6),
                1,
                "globex/" + repo,
                ".github/workflows/ci.yml",
                "failure",
                T0,
                T0.plusSeconds(60),
                "push",
                "jonas");
        RunEvents.postGitHub(second).statusCode(201);
        String other = as("bob")
                .queryParam("q", "globex/" + repo)
                .get("/api/runs/unbound")
                .then()
                .body("items[0].suggestedName", equalTo("globex-" + repo + "-ci"))
                .extract()
                .path("items[0].yaml");
        dev.interlock.support.Api.register(
                        other.replace("group:CHANGE-ME", "group:revops").replace("user:CHANGE-ME", "user:alice"))
                .statusCode(201);
        // Earlier runs move to a pipeline registered after them once the registration's rebinding pass is done.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> as("bob")
                        .get("/api/pipelines/default/" + repo + "-ci/health")
                        .then()
                        .body("lastRun.state", equalTo("succeeded")));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> as("bob")
                        .get("/api/pipelines/default/globex-" + repo + "-ci/health")
                        .then()
                        .body("lastRun.state", equalTo("failed")));
    }
}
