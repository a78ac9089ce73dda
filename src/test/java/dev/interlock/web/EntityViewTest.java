package dev.interlock.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationType;
import dev.interlock.model.Entity;
import dev.interlock.pipeline.SinglePointsOfFailure;
import dev.interlock.validation.Problem;

/** The typed views pages read, built from {@link Entity} values in the API's shape. */
class EntityViewTest {

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
                    "tags",
                    List.of("crm"),
                    "links",
                    List.of(
                            Map.of("url", "https://runs.example/orders", "title", "Runs"),
                            Map.of("url", "javascript:alert(1)"),
                            Map.of("url", "http://wiki.example/x"))),
            "spec",
            Map.of(
                    "type",
                    "pipeline",
                    "lifecycle",
                    "production",
                    "owner",
                    "revops",
                    "pipeline",
                    Map.of(
                            "inputs",
                            List.of("salesforce-accounts"),
                            "outputs",
                            List.of("resource:default/deals"),
                            "maintainers",
                            List.of("alice"),
                            "runsAs",
                            "user:bob",
                            "oncall",
                            "https://page.example",
                            "url",
                            "ftp://runs.example",
                            "trigger",
                            Map.of("after", List.of("nightly-load"), "events", List.of("manual")),
                            "slo",
                            Map.of("successRate", 0.99))),
            "relations",
            List.of(
                    Map.of("type", "ownedBy", "targetRef", "group:revops/revops"),
                    Map.of("type", "partOf", "targetRef", "system:revops/crm"),
                    Map.of("type", "noSuchRelation", "targetRef", "group:revops/x")),
            "status",
            Map.of("items", List.of(Map.of("message", "the owner is not in the catalog"))));

    private static final Map<String, Object> PERSON = Map.of(
            "apiVersion",
            "backstage.io/v1alpha1",
            "kind",
            "User",
            "metadata",
            Map.of("name", "alice"),
            "spec",
            Map.of("profile", Map.of("displayName", "Alice A.")));

    @Test
    void readsEnvelopeRelationsLinksAndWarnings() {
        EntityView v = EntityView.of(Entity.of(PIPELINE), Set.of("group:revops/revops"), Map.of());
        assertEquals(new EntityRef("component", "revops", "orders-sync"), v.ref());
        assertEquals("orders-sync", v.title());
        assertEquals("production", v.lifecycle());
        assertEquals(new EntityView.RefView(EntityRef.ofCanonical("group:revops/revops"), true), v.owner());
        assertEquals(new EntityView.RefView(EntityRef.ofCanonical("system:revops/crm"), false), v.system());
        assertEquals(2, v.relations().size(), "unknown relation types are left out");
        assertEquals(
                List.of(
                        new EntityView.Link("https://runs.example/orders", "Runs"),
                        new EntityView.Link("http://wiki.example/x", "http://wiki.example/x")),
                v.links());
        assertEquals(List.of("the owner is not in the catalog"), v.warnings());
        assertEquals(List.of("crm"), v.tags());
    }

    @Test
    void pipelineReferencesTakeTheirFieldsDefaultKinds() {
        EntityView v = EntityView.of(
                Entity.of(PIPELINE), Set.of("resource:revops/salesforce-accounts", "user:revops/alice"), Map.of());
        PipelineView p = v.pipeline();
        assertTrue(v.isPipeline());
        assertEquals(
                List.of(new EntityView.RefView(EntityRef.ofCanonical("resource:revops/salesforce-accounts"), true)),
                p.inputs());
        assertEquals(
                EntityRef.ofCanonical("resource:default/deals"),
                p.outputs().get(0).ref());
        assertEquals(
                EntityRef.ofCanonical("component:revops/nightly-load"),
                p.after().get(0).ref());
        assertEquals(
                EntityRef.ofCanonical("user:revops/alice"),
                p.maintainers().get(0).ref());
        assertEquals(List.of("manual"), p.events());
        assertEquals("", p.url(), "only http(s) URLs become links");
        assertEquals("https://page.example", p.oncallUrl());
        assertEquals("0.99", p.successRate());
        assertEquals(
                List.of(
                        SinglePointsOfFailure.Reason.ONE_MAINTAINER,
                        SinglePointsOfFailure.Reason.NO_RUNBOOK,
                        SinglePointsOfFailure.Reason.PERSONAL_IDENTITY),
                p.singlePointsOfFailure());
        // Without alice in the catalog, nobody who can be called maintains it.
        assertEquals(
                SinglePointsOfFailure.Reason.NO_MAINTAINER,
                EntityView.of(Entity.of(PIPELINE), Set.of(), Map.of())
                        .pipeline()
                        .singlePointsOfFailure()
                        .get(0));
        // When one person alone restored its failures, its runs add that reason last.
        assertEquals(
                List.of(
                        SinglePointsOfFailure.Reason.ONE_MAINTAINER,
                        SinglePointsOfFailure.Reason.NO_RUNBOOK,
                        SinglePointsOfFailure.Reason.PERSONAL_IDENTITY,
                        SinglePointsOfFailure.Reason.SOLE_RESTORER),
                EntityView.of(
                                Entity.of(PIPELINE),
                                Set.of("user:revops/alice"),
                                Map.of(
                                        EntityRef.ofCanonical("component:revops/orders-sync"),
                                        EntityRef.ofCanonical("user:revops/bo")))
                        .pipeline()
                        .singlePointsOfFailure());
        // Whom it hangs on, reason by reason: its one maintainer, the person it runs as, who alone restored it.
        assertEquals(
                List.of(
                        new PipelineWords.HangsOn("", EntityRef.ofCanonical("user:revops/alice")),
                        new PipelineWords.HangsOn("runs as", EntityRef.ofCanonical("user:revops/bob")),
                        new PipelineWords.HangsOn("restored only by", EntityRef.ofCanonical("user:revops/bo"))),
                PipelineWords.hangsOn(EntityView.of(
                        Entity.of(PIPELINE),
                        Set.of("user:revops/alice"),
                        Map.of(
                                EntityRef.ofCanonical("component:revops/orders-sync"),
                                EntityRef.ofCanonical("user:revops/bo")))));
        // Its maintainer not in the catalog: it hangs on nobody anyone can call.
        assertEquals(
                List.of(
                        new PipelineWords.HangsOn("", null),
                        new PipelineWords.HangsOn("runs as", EntityRef.ofCanonical("user:revops/bob"))),
                PipelineWords.hangsOn(EntityView.of(Entity.of(PIPELINE), Set.of(), Map.of())));
    }

    @Test
    void shownRefsAreTheRelationsAndThePipelinesReferences() {
        assertEquals(
                List.of(
                        "group:revops/revops",
                        "system:revops/crm",
                        "component:revops/nightly-load",
                        "resource:revops/salesforce-accounts",
                        "resource:default/deals",
                        "user:revops/alice"),
                EntityView.shownRefs(Entity.of(PIPELINE)));
    }

    @Test
    void peopleWithoutTitleAreKnownByTheirDisplayName() {
        EntityView v = EntityView.of(Entity.of(PERSON), Set.of(), Map.of());
        assertEquals("Alice A.", v.title());
        assertFalse(v.isPipeline());
        assertNull(v.owner());
        assertEquals(List.of(), v.related(RelationType.MEMBER_OF));
    }

    @Test
    void inputProblemsSerialiseAsTheApiListsThem() throws Exception {
        String json = new ObjectMapper()
                .writeValueAsString(ErrorMappers.InputProblem.of(new Problem(
                        Problem.Severity.ERROR, 2, 7, null, null, "document 2 (line 7): spec.owner is missing")));
        assertEquals(
                "{\"name\":\"InputError\",\"document\":2,\"line\":7,\"column\":null,\"field\":null,"
                        + "\"message\":\"document 2 (line 7): spec.owner is missing\"}",
                json);
    }
}
