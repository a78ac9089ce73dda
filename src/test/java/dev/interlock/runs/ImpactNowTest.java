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
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The impact page says "affected now" of what is downstream only when the entity it starts from is broken now; a
 * downstream pipeline broken for reasons of its own shows its own status, not blame on the start.
 */
@QuarkusTest
class ImpactNowTest {

    private static final Instant NOW = Instant.now();

    @Test
    void whatIsDownstreamOfABrokenPipelineIsAffectedNowAndNothingElseIsBlamedOnIt() {
        String broken = unique("broken"), reader = unique("reader");
        String healthy = unique("healthy"), failingItself = unique("self");
        register(String.join(
                        "---\n",
                        RunEvents.dataPipeline(broken, "openlineage.io/job: now/" + broken, null),
                        RunEvents.dataPipeline(
                                reader,
                                "openlineage.io/job: now/" + reader,
                                "trigger:\n  after: [component:" + broken + "]\n"),
                        RunEvents.dataPipeline(healthy, "openlineage.io/job: now/" + healthy, null),
                        RunEvents.dataPipeline(
                                failingItself,
                                "openlineage.io/job: now/" + failingItself,
                                "trigger:\n  after: [component:" + healthy + "]\n")))
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

        Document ofHealthy = page("/catalog/default/component/" + healthy + "/impact");
        assertNull(ofHealthy.selectFirst("p.now-note"), ofHealthy.html());
        // Its reader fails on its own: it says so, and does not say the healthy pipeline affects it.
        assertEquals("✗ Failing now", mark(ofHealthy, failingItself));
        assertTrue(!ofHealthy.text().contains("affected now"), ofHealthy.text());
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
