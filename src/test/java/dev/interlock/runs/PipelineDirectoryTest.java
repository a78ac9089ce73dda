package dev.interlock.runs;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.registerAs;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.runs.bind.PipelineDirectory;
import dev.interlock.runs.bind.PipelineInfo;
import dev.interlock.runs.derive.HealthService;

/**
 * The pipelines as runs see them follow the catalog change by change: a changed pipeline is read again with its
 * lineage, the others are kept as they were read (and so is their computed health), a deleted one is gone.
 */
@QuarkusTest
class PipelineDirectoryTest {

    @Inject
    PipelineDirectory directory;

    @Inject
    HealthService health;

    private static String pipeline(String name, String schedule, String inputs, String outputs) {
        return RunEvents.dataPipeline(
                name, "openlineage.io/job: directory/" + name, """
                trigger:
                  schedule: "%s"
                inputs: [%s]
                outputs: [%s]
                """.formatted(schedule, inputs, outputs));
    }

    private static String ref(String name) {
        return "component:default/" + name;
    }

    @Test
    void aChangeRereadsOnlyThePipelineThatChangedAndDeletedOnesAreGone() {
        String writer = unique("writer");
        String reader = unique("reader");
        String table = "resource:default/" + unique("table");
        registerAs("admin", pipeline(writer, "0 * * * *", "", table)).statusCode(201);
        registerAs("admin", pipeline(reader, "0 * * * *", table, "")).statusCode(201);

        PipelineDirectory.Snapshot first = directory.current();
        PipelineInfo writerInfo = first.get(ref(writer)).orElseThrow();
        assertEquals(List.of(table), writerInfo.outputs());
        assertEquals(Set.of(ref(writer)), first.upstreamOf(ref(reader)));
        assertEquals(Set.of(ref(reader)), first.downstreamOf(ref(writer)));
        health.warmAll();

        // The reader changes its schedule and stops reading the table: read again, lineage included.
        registerAs("admin", pipeline(reader, "30 * * * *", "", "")).statusCode(201);
        PipelineDirectory.Snapshot second = directory.current();
        assertNotSame(first, second);
        PipelineInfo readerInfo = second.get(ref(reader)).orElseThrow();
        assertEquals("30 * * * *", readerInfo.schedule());
        assertEquals(List.of(), readerInfo.inputs());
        assertEquals(Set.of(), second.upstreamOf(ref(reader)));
        assertEquals(Set.of(), second.downstreamOf(ref(writer)));
        // The writer did not change: the same value as before, and its health is not computed again (the reader's
        // is; the scheduled health job may have done it first).
        assertSame(writerInfo, second.get(ref(writer)).orElseThrow());
        assertThat(health.warmAll(), lessThanOrEqualTo(1));

        String uid = as("alice")
                .get("/api/catalog/entities/by-name/component/default/" + writer)
                .then()
                .statusCode(200)
                .extract()
                .path("metadata.uid");
        as("admin").delete("/api/catalog/entities/by-uid/" + uid).then().statusCode(204);
        PipelineDirectory.Snapshot third = directory.current();
        assertFalse(third.get(ref(writer)).isPresent());
        assertTrue(third.get(ref(reader)).isPresent());
    }
}
