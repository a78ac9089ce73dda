package dev.interlock.runs;

import static dev.interlock.support.Api.lineage;
import static dev.interlock.support.Api.page;
import static dev.interlock.support.Api.postLineage;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The impact page says "affected now" of what is downstream only when the entity it starts from is broken now (a
 * pipeline failing, late or reading stale data, or a dataset such a pipeline writes); a downstream pipeline broken for
 * reasons of its own shows its own status, not blame on the start.
 */
@QuarkusTest
class ImpactNowTest {

    private static final Instant NOW = Instant.now();

    @Test
    void whatIsDownstreamOfABrokenPipelineIsAffectedNowAndNothingElseIsBlamedOnIt() {
        String broken = unique("broken"), reader = unique("reader"), table = unique("table");
        String healthy = unique("healthy"), failingItself = unique("self"), fresh = unique("fresh");
        register(String.join(
                        "---\n",
                        resource(table),
                        resource(fresh),
                        RunEvents.dataPipeline(
                                broken, "openlineage.io/job: now/" + broken, "outputs: [resource:" + table + "]\n"),
                        RunEvents.dataPipeline(
                                reader,
                                "openlineage.io/job: now/" + reader,
                                "inputs: [resource:" + table + "]\ntrigger:\n  after: [component:" + broken + "]\n"),
                        RunEvents.dataPipeline(
                                healthy, "openlineage.io/job: now/" + healthy, "outputs: [resource:" + fresh + "]\n"),
                        RunEvents.dataPipeline(
                                failingItself,
                                "openlineage.io/job: now/" + failingItself,
                                "inputs: [resource:" + fresh + "]\n")))
                .statusCode(201);
        run(broken, 60, "FAIL");
        run(reader, 30, "COMPLETE");
        run(healthy, 60, "COMPLETE");
        run(failingItself, 30, "FAIL");

        Document ofBroken = page("/catalog/default/component/" + broken + "/impact");
        assertEquals(
                "✗ Failing now: everything downstream of " + broken + " is affected now, and marked so below.",
                ofBroken.selectFirst("p.now-note").text());
        assertEquals("✗ affected now", mark(ofBroken, reader));

        // A dataset the failing pipeline writes is stale now, and so is everything downstream of it.
        Document ofTable = page("/catalog/default/resource/" + table + "/impact");
        assertEquals(
                "Written by " + broken + ", which is ✗ Failing now: everything downstream of " + table
                        + " is affected now, and marked so below.",
                ofTable.selectFirst("p.now-note").text());
        assertEquals(
                "/catalog/default/component/" + broken,
                ofTable.selectFirst("p.now-note a").attr("href"));
        assertEquals("✗ affected now", mark(ofTable, reader));

        for (String path : List.of("component/" + healthy, "resource/" + fresh)) {
            Document ofHealthy = page("/catalog/default/" + path + "/impact");
            assertNull(ofHealthy.selectFirst("p.now-note"), ofHealthy.html());
            // Its reader fails on its own: it says so, and does not say the healthy start affects it.
            assertEquals("✗ Failing now", mark(ofHealthy, failingItself));
            assertTrue(!ofHealthy.text().contains("affected now"), ofHealthy.text());
        }
    }

    private static String resource(String name) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: {name: %s}
                spec: {type: dataset, owner: group:data-engineering}
                """.formatted(name);
    }

    /** The run-health mark next to an entity in the downstream table. */
    private static String mark(Document doc, String name) {
        Element cell = doc.select("table tbody td").stream()
                .filter(td -> td.selectFirst("a[href$=/" + name + "]") != null)
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not listed: " + doc.text()));
        return cell.selectFirst(".health").text();
    }

    private static void run(String job, int minutesAgo, String type) {
        String id = UUID.randomUUID().toString();
        postLineage("["
                        + lineage("START", NOW.minus(minutesAgo, ChronoUnit.MINUTES), id, "now", job, null)
                        + ","
                        + lineage(type, NOW.minus(minutesAgo - 1, ChronoUnit.MINUTES), id, "now", job, null)
                        + "]")
                .statusCode(201);
    }
}
