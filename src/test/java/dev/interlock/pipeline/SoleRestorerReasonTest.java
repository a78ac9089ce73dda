package dev.interlock.pipeline;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.lineage;
import static dev.interlock.support.Api.page;
import static dev.interlock.support.Api.postLineage;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static dev.interlock.support.Api.user;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * A pipeline that only one person ever brings back after a failure hangs on that person, however well its descriptor
 * reads: two maintainers, a runbook and a service account, and still only Kim fixes it. Its runs say so, and the
 * pipelines page, its filter and the pipeline's page count it as a single point of failure until someone else
 * restores a failure.
 */
@QuarkusTest
class SoleRestorerReasonTest {

    @Inject
    PipelineQueries pipelines;

    @Test
    void aPipelineOnlyOnePersonRestoresIsASinglePointOfFailureUntilASecondPersonDoes() {
        String kim = unique("kim");
        String lee = unique("lee");
        String name = unique("heroic");
        String namespace = unique("restores");
        String ref = "component:default/" + name;
        register(String.join(
                        "---\n",
                        user(kim),
                        user(lee),
                        component(name, "group:revops", """
                        pipeline:
                          family: data
                          maintainers: [user:%s, user:%s]
                          runbook: https://runbooks.example/heroic
                          runsAs: service-account
                        """.formatted(kim, lee))
                                .replace("type: service", "type: pipeline")
                                .replace(
                                        "  name: " + name + "\n",
                                        "  name: " + name + "\n  annotations: {openlineage.io/job: " + namespace
                                                + "/load}\n")))
                .statusCode(201);
        assertFalse(listed(null).contains(ref), "its descriptor gives no reason");
        assertNull(risk(name));

        Instant failed = Instant.now().minus(Duration.ofHours(3));
        run("FAIL", failed, "scheduler", namespace);
        run("COMPLETE", failed.plus(Duration.ofMinutes(40)), "user:" + kim, namespace);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> listed("restorer").contains(ref));
        assertTrue(listed(null).contains(ref), "a single point of failure");
        assertEquals(
                "Single point of failure: only one person restored it.",
                risk(name).text());
        Document list = page("/pipelines?reason=restorer");
        assertEquals(
                "Only one person restores it",
                list.selectFirst("nav.filters a.spof-toggle[aria-current]")
                        .text()
                        .replace("✓ ", ""));
        Element row = list.select("#pipelines tbody tr").stream()
                .filter(tr -> tr.html().contains("/catalog/default/component/" + name + "\""))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(list.select("#pipelines tbody").html()));
        Element reason = row.selectFirst("a.reason");
        assertNotNull(reason, row.html());
        assertEquals("only one person restored it", reason.text());
        // As every reason in a row, it chooses its filter, here the one chosen: it goes back to every pipeline.
        assertEquals("/pipelines", reason.attr("href"));

        // Lee restores the next failure: it no longer hangs on one person.
        run("FAIL", failed.plus(Duration.ofMinutes(90)), "scheduler", namespace);
        run("COMPLETE", failed.plus(Duration.ofMinutes(120)), "user:" + lee, namespace);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !listed("restorer").contains(ref));
        assertFalse(listed(null).contains(ref));
        assertNull(risk(name));
        // Its page names both by name, each linked to their page, as its maintainers are.
        Element restoredBy = page("/catalog/default/component/" + name).selectFirst("dt:containsOwn(Restored by) + dd");
        assertNotNull(restoredBy);
        assertEquals(
                List.of("/catalog/default/user/" + kim, "/catalog/default/user/" + lee),
                restoredBy.select("a").eachAttr("href").stream().distinct().toList(),
                restoredBy.html());
        assertTrue(restoredBy.text().contains(kim) && !restoredBy.text().contains("user:"), restoredBy.text());
    }

    /**
     * A restorer the catalog holds no User of (a bot's login, as GitHub names the actor) is no one a leader can call:
     * the pipeline is not listed as hanging on one person, as no person's page could name whom it hangs on.
     */
    @Test
    void aRestorerTheCatalogDoesNotHoldIsNoSinglePointOfFailure() {
        String bot = unique("release-bot");
        String name = unique("botfixed");
        String namespace = unique("bot");
        String ref = "component:default/" + name;
        register(wellKept(name, namespace)).statusCode(201);
        Instant failed = Instant.now().minus(Duration.ofHours(3));
        run("FAIL", failed, "scheduler", namespace);
        run("COMPLETE", failed.plus(Duration.ofMinutes(40)), "user:" + bot, namespace);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as("bob")
                        .get("/api/pipelines/default/" + name + "/health")
                        .then()
                        .body("restorers", hasItem("user:" + bot)));
        // The pipeline's page reads who restored it afresh (the pipelines list may reuse its answer for seconds).
        assertNull(risk(name));
        // Once the catalog holds that User, it is a person, and the pipeline hangs on them.
        register(user(bot)).statusCode(201);
        assertEquals(
                "Single point of failure: only one person restored it.",
                risk(name).text());
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> listed("restorer").contains(ref));
    }

    /**
     * OpenLineage and CDEvents name nobody: a failure restored by a run that names no one may have been anyone's, so
     * one named restorer beside it is not "the only one".
     */
    @Test
    void aFailureRestoredByARunThatNamesNobodyLeavesNoSoleRestorer() {
        String kim = unique("kim");
        String name = unique("unnamed");
        String namespace = unique("unnamed");
        String ref = "component:default/" + name;
        register(user(kim) + "---\n" + wellKept(name, namespace)).statusCode(201);
        Instant failed = Instant.now().minus(Duration.ofHours(3));
        run("FAIL", failed, "scheduler", namespace);
        run("COMPLETE", failed.plus(Duration.ofMinutes(40)), "user:" + kim, namespace);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> listed("restorer").contains(ref));

        run("FAIL", failed.plus(Duration.ofMinutes(90)), "scheduler", namespace);
        run("COMPLETE", failed.plus(Duration.ofMinutes(120)), null, namespace);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !listed("restorer").contains(ref));
        as("bob")
                .get("/api/pipelines/default/" + name + "/health")
                .then()
                .body("restorers", org.hamcrest.Matchers.contains("user:" + kim))
                .body("unnamedRestores", org.hamcrest.Matchers.equalTo(1));
        assertNull(risk(name));
        assertEquals(
                kim + "; 1 restore by a run that names nobody",
                page("/catalog/default/component/" + name)
                        .selectFirst("dt:containsOwn(Restored by) + dd")
                        .text());
        assertFalse(
                page("/catalog/default/user/" + kim).html().contains("/catalog/default/component/" + name),
                "the person's page does not say it hangs on them");
    }

    /**
     * A pipeline whose descriptor gives no reason (two maintainers, a runbook, a service account) claiming the job
     * {@code <namespace>/load}.
     */
    private static String wellKept(String name, String namespace) {
        return component(name, "group:revops", """
                        pipeline:
                          family: data
                          maintainers: [user:alice, user:bob]
                          runbook: https://runbooks.example/kept
                          runsAs: service-account
                        """)
                .replace("type: service", "type: pipeline")
                .replace(
                        "  name: " + name + "\n",
                        "  name: " + name + "\n  annotations: {openlineage.io/job: " + namespace + "/load}\n");
    }

    /** The pipeline page's single-point-of-failure note, or {@code null}. */
    private static Element risk(String name) {
        return page("/catalog/default/component/" + name).selectFirst("#pipeline-h ~ .risk");
    }

    /** Every pipeline the pipelines page lists for one reason, or for any reason with {@code null}. */
    private List<String> listed(String reason) {
        return pipelines
                .page(new PipelineCriteria(null, reason == null, reason, false, "name", false), 0, Integer.MAX_VALUE)
                .refs();
    }

    /**
     * One OpenLineage run of the job {@code <namespace>/load}, reported once at {@code time} by {@code actor} (by nobody
     * named with {@code null}).
     */
    private static void run(String type, Instant time, String actor, String namespace) {
        postLineage(lineage(
                        type,
                        time,
                        UUID.randomUUID().toString(),
                        namespace,
                        "load",
                        actor == null ? null : "\"interlock\": {\"actor\": \"" + actor + "\"}"))
                .statusCode(201);
    }
}
