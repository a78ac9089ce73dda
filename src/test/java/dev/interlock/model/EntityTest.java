package dev.interlock.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.interlock.descriptor.EntityRef;

class EntityTest {

    private static final Map<String, Object> PIPELINE = Map.of(
            "apiVersion",
            "backstage.io/v1alpha1",
            "kind",
            "Component",
            "metadata",
            Map.of(
                    "name",
                    "orders-sync",
                    "namespace",
                    "revops",
                    "labels",
                    Map.of("tier", "1", "n", 3),
                    "tags",
                    List.of("crm", 7)),
            "spec",
            Map.of(
                    "type",
                    "pipeline",
                    "owner",
                    "data-team",
                    "pipeline",
                    Map.of(
                            "inputs",
                            List.of("salesforce-accounts", "resource:default/x", "bad:"),
                            "trigger",
                            Map.of("schedule", "@hourly", "grace", 15),
                            "slo",
                            Map.of("successRate", 0.95),
                            "checks",
                            List.of(Map.of("name", "not-null", "type", "dbt")))));

    @Test
    void readsEnvelopeMetadataAndRef() {
        Entity e = Entity.of(PIPELINE);
        assertEquals(new EntityRef("component", "revops", "orders-sync"), e.ref());
        assertEquals(Map.of("tier", "1"), e.metadata().labels());
        assertEquals(List.of("crm"), e.metadata().tags());
        assertTrue(e.isPipeline());
    }

    @Test
    void aNumberWrittenAsTitleOrDescriptionIsKeptAsText() {
        // The schema accepts numbers there (Backstage does), and pages show them.
        Metadata m = Entity.of(
                        Map.of("kind", "Component", "metadata", Map.of("name", "x", "title", 2024, "description", 1.5)))
                .metadata();
        assertEquals("2024", m.title());
        assertEquals("1.5", m.description());
    }

    @Test
    void parsesReferencesWithTheFieldsDefaultKindAndSkipsMalformedOnes() {
        Entity e = Entity.of(PIPELINE);
        assertEquals(List.of(new EntityRef("group", "revops", "data-team")), e.refs("owner"));
        assertEquals(
                List.of(
                        new EntityRef("resource", "revops", "salesforce-accounts"),
                        new EntityRef("resource", "default", "x")),
                e.refs("pipeline.inputs"));
    }

    @Test
    void readsThePipelineBlockWithoutTypeTestsOutsideNode() {
        PipelineSpec p = Entity.of(PIPELINE).pipeline().orElseThrow();
        assertEquals("@hourly", p.trigger().schedule());
        assertEquals("15", p.trigger().grace());
        assertEquals("0.95", p.slo().successRate());
        assertEquals(List.of(new PipelineSpec.Check("not-null", "dbt")), p.checks());
        assertEquals("", p.runbook());
    }

    @Test
    void absentOrWrongTypedFieldsAreEmptyNotErrors() {
        Node n = Node.of(Map.of("a", "text"));
        assertTrue(n.at("a.b.c").isMissing());
        assertEquals(List.of(), n.get("a").items());
        assertEquals(Map.of(), n.get("a").fields());
        assertEquals("fallback", n.get("zz").text("fallback"));
    }
}
