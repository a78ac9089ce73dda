package dev.interlock.catalog;

import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.catalog.ImpactAnalysis.Impact;
import dev.interlock.catalog.ImpactAnalysis.Impacted;
import dev.interlock.catalog.ImpactAnalysis.Owner;
import dev.interlock.descriptor.EntityRef;

/** Impact analysis over entities registered through the API, each test with names of its own. */
@QuarkusTest
class ImpactAnalysisTest {

    @Inject
    ImpactAnalysis impact;

    /** The names of one lineage chain with a service, its API and a consumer at the end. */
    private record Chain(
            String sfdc,
            String fivetran,
            String raw,
            String dbt,
            String fct,
            String svc,
            String api,
            String consumer,
            String teamA,
            String teamB) {}

    /**
     * Registers resource sfdc → pipeline fivetran → resource raw → pipeline dbt (run after fivetran) → resource fct;
     * a service depending on dbt and providing an API; a consumer of that API. team-a is a registered group, team-b
     * is not.
     */
    private static Chain chain() {
        String s = unique("ia");
        Chain c = new Chain(
                "sfdc-" + s,
                "fivetran-" + s,
                "raw-" + s,
                "dbt-" + s,
                "fct-" + s,
                "svc-" + s,
                "api-" + s,
                "cons-" + s,
                "team-a-" + s,
                "team-b-" + s);
        String a = "group:" + c.teamA();
        String b = "group:" + c.teamB();
        register(String.join(
                        "---\n",
                        """
                        apiVersion: backstage.io/v1alpha1
                        kind: Group
                        metadata: {name: %s}
                        spec: {type: team, children: []}
                        """.formatted(c.teamA()),
                        resource(c.sfdc(), a),
                        pipeline(c.fivetran(), a, """
                        pipeline:
                          family: data
                          inputs: [resource:%s]
                          outputs: [resource:%s]
                        """.formatted(c.sfdc(), c.raw())),
                        resource(c.raw(), a),
                        pipeline(c.dbt(), b, """
                        pipeline:
                          family: data
                          inputs: [resource:%s]
                          outputs: [resource:%s]
                          trigger:
                            after: [component:%s]
                        """.formatted(c.raw(), c.fct(), c.fivetran())),
                        resource(c.fct(), b),
                        component(
                                c.svc(),
                                b,
                                "dependsOn: [component:%s]\nprovidesApis: [%s]\n".formatted(c.dbt(), c.api())),
                        """
                        apiVersion: backstage.io/v1alpha1
                        kind: API
                        metadata: {name: %s, title: Orders API}
                        spec: {type: openapi, lifecycle: production, owner: %s, definition: "openapi: 3.0.3"}
                        """.formatted(c.api(), a),
                        component(c.consumer(), a, "consumesApis: [api:%s]\n".formatted(c.api()))))
                .log()
                .ifValidationFails()
                .statusCode(201);
        return c;
    }

    private static String resource(String name, String owner) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: {name: %s}
                spec: {type: warehouse-table, owner: %s}
                """.formatted(name, owner);
    }

    private static String pipeline(String name, String owner, String extraSpec) {
        return component(name, owner, extraSpec).replace("type: service", "type: pipeline");
    }

    private static EntityRef ref(String kind, String name) {
        return new EntityRef(kind, "default", name);
    }

    private static Map<String, Impacted> byName(Impact result) {
        return result.items().stream().collect(Collectors.toMap(i -> i.ref().name(), Function.identity()));
    }

    private static void assertReached(Impacted item, int depth, EntityRef via, String relation) {
        assertEquals(depth, item.depth(), item.ref() + " depth");
        assertEquals(via, item.via(), item.ref() + " via");
        assertEquals(relation, item.relation(), item.ref() + " relation");
        assertTrue(item.resolved(), item.ref() + " resolved");
    }

    @Test
    void followsLineageDependenciesAndApisDownstream() {
        Chain c = chain();
        Impact result = impact.downstream(ref("resource", c.sfdc()), 500);

        assertFalse(result.truncated());
        assertEquals(ref("resource", c.sfdc()), result.start());
        // Sorted by depth then reference. dbt is two steps away, not three: it runs after fivetran (dependsOn),
        // which is a shorter path than fivetran → raw → dbt.
        assertEquals(
                List.of(
                        ref("component", c.fivetran()),
                        ref("component", c.dbt()),
                        ref("resource", c.raw()),
                        ref("component", c.svc()),
                        ref("resource", c.fct()),
                        ref("api", c.api()),
                        ref("component", c.consumer())),
                result.items().stream().map(Impacted::ref).toList());

        Map<String, Impacted> items = byName(result);
        assertReached(items.get(c.fivetran()), 1, ref("resource", c.sfdc()), "readsFrom");
        assertReached(items.get(c.raw()), 2, ref("component", c.fivetran()), "writtenBy");
        assertReached(items.get(c.dbt()), 2, ref("component", c.fivetran()), "dependsOn");
        assertReached(items.get(c.fct()), 3, ref("component", c.dbt()), "writtenBy");
        assertReached(items.get(c.svc()), 3, ref("component", c.dbt()), "dependsOn");
        assertReached(items.get(c.api()), 4, ref("component", c.svc()), "apiProvidedBy");
        assertReached(items.get(c.consumer()), 5, ref("api", c.api()), "consumesApi");

        Impacted api = items.get(c.api());
        assertEquals("API", api.kind());
        assertEquals("Orders API", api.title());
        assertEquals(List.of(ref("group", c.teamA())), api.owners());
        Impacted raw = items.get(c.raw());
        assertEquals("Resource", raw.kind());
        assertEquals(c.raw(), raw.title());
        assertEquals(List.of(ref("group", c.teamB())), items.get(c.dbt()).owners());
    }

    @Test
    void theLineageChainAloneIsFollowedStepByStep() {
        Chain c = chain();
        // From raw: dbt reads it, dbt writes fct, the service depends on dbt, and so on.
        Map<String, Impacted> items = byName(impact.downstream(ref("resource", c.raw()), 500));
        assertEquals(5, items.size());
        assertReached(items.get(c.dbt()), 1, ref("resource", c.raw()), "readsFrom");
        assertReached(items.get(c.fct()), 2, ref("component", c.dbt()), "writtenBy");
        assertReached(items.get(c.svc()), 2, ref("component", c.dbt()), "dependsOn");
        assertReached(items.get(c.api()), 3, ref("component", c.svc()), "apiProvidedBy");
        assertReached(items.get(c.consumer()), 4, ref("api", c.api()), "consumesApi");
    }

    @Test
    void cyclesEndAndListEachEntityOnce() {
        String s = unique("cyc");
        String table = "t-" + s;
        String loop = "loop-" + s;
        String a = "a-" + s;
        String b = "b-" + s;
        register(String.join(
                        "---\n",
                        resource(table, "group:team-" + s),
                        pipeline(loop, "group:team-" + s, """
                        pipeline:
                          family: data
                          inputs: [resource:%s]
                          outputs: [resource:%s]
                        """.formatted(table, table)),
                        component(a, "group:team-" + s, "dependsOn: [component:%s, component:%s]\n".formatted(loop, b)),
                        component(b, "group:team-" + s, "dependsOn: [component:%s]\n".formatted(a))))
                .log()
                .ifValidationFails()
                .statusCode(201);

        Impact fromTable = impact.downstream(ref("resource", table), 500);
        assertFalse(fromTable.truncated());
        assertEquals(
                List.of(ref("component", loop), ref("component", a), ref("component", b)),
                fromTable.items().stream().map(Impacted::ref).toList());
        assertEquals(ref("component", a), byName(fromTable).get(b).via());

        Impact fromA = impact.downstream(ref("component", a), 500);
        assertEquals(
                List.of(ref("component", b)),
                fromA.items().stream().map(Impacted::ref).toList());
    }

    @Test
    void unresolvedEntitiesAreReportedAndFollowed() {
        String s = unique("ghost");
        String svc = "svc-" + s;
        String ghost = "ghost-" + s;
        String after = "after-" + s;
        register(String.join(
                        "---\n",
                        component(svc, "group:team-" + s, "dependencyOf: [component:%s]\n".formatted(ghost)),
                        component(after, "group:team-" + s, "dependsOn: [component:%s]\n".formatted(ghost))))
                .log()
                .ifValidationFails()
                .statusCode(201);

        Impact result = impact.downstream(ref("component", svc), 500);
        Map<String, Impacted> items = byName(result);
        assertEquals(2, items.size());
        Impacted missing = items.get(ghost);
        assertFalse(missing.resolved());
        assertEquals(1, missing.depth());
        assertEquals("dependsOn", missing.relation());
        assertEquals("component", missing.kind());
        assertEquals(ghost, missing.title());
        assertEquals(List.of(), missing.owners());
        assertReached(items.get(after), 2, ref("component", ghost), "dependsOn");
    }

    @Test
    void theNodeCapTruncatesToAPrefixOfTheFullResult() {
        Chain c = chain();
        Impact full = impact.downstream(ref("resource", c.sfdc()), 500);
        Impact capped = impact.downstream(ref("resource", c.sfdc()), 3);
        assertTrue(capped.truncated());
        assertEquals(full.items().subList(0, 3), capped.items());

        Impact exact = impact.downstream(ref("resource", c.sfdc()), full.items().size());
        assertFalse(exact.truncated());
        assertEquals(full.items(), exact.items());
    }

    @Test
    void ownersToNotifyAreAggregatedMostImpactedFirst() {
        Chain c = chain();
        List<Owner> owners = impact.ownersToNotify(impact.downstream(ref("resource", c.sfdc()), 500));
        assertEquals(
                List.of(
                        new Owner(
                                ref("group", c.teamA()),
                                true,
                                List.of(
                                        ref("component", c.fivetran()),
                                        ref("resource", c.raw()),
                                        ref("api", c.api()),
                                        ref("component", c.consumer()))),
                        new Owner(
                                ref("group", c.teamB()),
                                false,
                                List.of(
                                        ref("component", c.dbt()),
                                        ref("component", c.svc()),
                                        ref("resource", c.fct())))),
                owners);
    }
}
