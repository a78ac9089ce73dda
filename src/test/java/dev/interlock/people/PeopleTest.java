package dev.interlock.people;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.interlock.support.Api;

/**
 * What hangs on a person, through the API: sole maintainer, run-as identity, personal ownership, what is
 * downstream through lineage, and a person in no pipeline.
 */
@QuarkusTest
class PeopleTest {

    private static final String S = unique("pp");
    static final String PAT = "pat-" + S;
    static final String QUINN = "quinn-" + S;
    static final String IDLE = "idle-" + S;

    private static boolean registered;

    /** Registers the scenario once (the application is not up yet in a static @BeforeAll). */
    @BeforeEach
    void catalog() {
        if (registered) {
            return;
        }
        registered = true;
        register(String.join(
                        "---\n",
                        user(PAT),
                        user(QUINN),
                        user(IDLE),
                        group("team-" + S),
                        group("readers-" + S),
                        group("sinks-" + S),
                        pipeline("solo-" + S, "group:team-" + S, "production", """
                        maintainers: [user:%s]
                        runbook: https://runbooks.example/solo
                        runsAs: service-account
                        outputs: [resource:raw-%s]
                        """.formatted(PAT, S)),
                        resource("raw-" + S, "group:readers-" + S),
                        pipeline("reader-" + S, "group:sinks-" + S, "production", """
                        maintainers: [user:%s, user:%s]
                        runsAs: service-account
                        inputs: [resource:raw-%s]
                        """.formatted(
                                        QUINN, "someone-" + S, S)),
                        pipeline("shared-" + S, "group:team-" + S, "experimental", """
                        maintainers: [user:%s, user:%s]
                        runsAs: user:%s
                        """.formatted(PAT, QUINN, PAT)),
                        """
                        apiVersion: backstage.io/v1alpha1
                        kind: Component
                        metadata: {name: mine-%s}
                        spec: {type: service, lifecycle: production, owner: user:%s}
                        """.formatted(S, PAT)))
                .statusCode(201);
    }

    @Test
    void aSoleMaintainerRunAsIdentityAndOwnerIsNamedWithWhatIsDownstream() {
        as("bob")
                .get("/api/people/default/" + PAT + "/dependence")
                .then()
                .statusCode(200)
                .body("person", equalTo("user:default/" + PAT))
                .body("soleMaintainer", contains("component:default/solo-" + S))
                .body("runsAs", contains("component:default/shared-" + S))
                .body("owns", contains("component:default/mine-" + S))
                .body("soleRestorer", empty())
                // Through lineage: solo writes raw, which reader reads.
                .body("downstream", containsInAnyOrder("resource:default/raw-" + S, "component:default/reader-" + S))
                .body("downstreamOwners", containsInAnyOrder("group:default/readers-" + S, "group:default/sinks-" + S))
                // Only the documented fields: no "empty" from the record's isEmpty().
                .body(
                        "keySet()",
                        containsInAnyOrder(
                                "person",
                                "soleMaintainer",
                                "runsAs",
                                "soleRestorer",
                                "owns",
                                "downstream",
                                "downstreamOwners"));
    }

    @Test
    void theOnePersonWhoRestoresEveryFailureIsNamed() {
        // In the example run history carol restores the storefront's nightly release every time it fails.
        as("bob")
                .get("/api/people/default/carol/dependence")
                .then()
                .statusCode(200)
                .body("soleRestorer", contains("component:default/web-storefront-nightly-release"))
                .body("downstream", org.hamcrest.Matchers.not(empty()));
    }

    /**
     * A person of another namespace, named by the runs as a reference ({@code user:ops/dana}): the person's page finds
     * what they alone restored as the ranking does, from the health figures, not by matching run actors to the name.
     */
    @Test
    void aPersonOfAnotherNamespaceWhoRestoresEveryFailureIsNamed() {
        String dana = "dana-" + S, pipeline = "restored-" + S, namespace = "people-" + S;
        register(String.join(
                        "---\n",
                        """
                        apiVersion: backstage.io/v1alpha1
                        kind: User
                        metadata: {name: %s, namespace: ops}
                        spec: {memberOf: []}
                        """.formatted(dana),
                        pipeline(pipeline, "group:team-" + S, "production", """
                        maintainers: [user:%s, user:ops/%s]
                        """.formatted(QUINN, dana))
                                .replace(
                                        "  name: " + pipeline + "\n",
                                        "  name: " + pipeline + "\n  annotations: {openlineage.io/job: " + namespace
                                                + "/load}\n")))
                .statusCode(201);
        java.time.Instant failed = java.time.Instant.now().minus(java.time.Duration.ofHours(2));
        postRun("FAIL", failed, "\"interlock\": {\"actor\": \"scheduler\"}", namespace);
        postRun(
                "COMPLETE",
                failed.plus(java.time.Duration.ofHours(1)),
                "\"interlock\": {\"actor\": \"user:ops/" + dana + "\"}",
                namespace);
        as("bob")
                .get("/api/people/ops/" + dana + "/dependence")
                .then()
                .statusCode(200)
                .body("person", equalTo("user:ops/" + dana))
                .body("soleRestorer", contains("component:default/" + pipeline));
        as("bob").get("/api/people/default/" + dana + "/dependence").then().statusCode(404);
    }

    /** One OpenLineage run of the job {@code <namespace>/load}, ended at {@code time}, with these run facets. */
    private static void postRun(String type, java.time.Instant time, String facets, String namespace) {
        Api.postLineage(Api.lineage(type, time, java.util.UUID.randomUUID().toString(), namespace, "load", facets))
                .statusCode(201);
    }

    /**
     * Quinn shares shared-… with Pat, who is in the catalog; reader-…'s second maintainer is not, so reader-… hangs on
     * Quinn alone.
     */
    @Test
    void aSecondMaintainerCountsOnlyWhenInTheCatalog() {
        as("bob")
                .get("/api/people/default/" + QUINN + "/dependence")
                .then()
                .statusCode(200)
                .body("soleMaintainer", contains("component:default/reader-" + S))
                .body("runsAs", empty())
                .body("owns", empty())
                .body("downstream", empty());
    }

    @Test
    void aPersonInNoPipelineHasNothingHangingOnThem() {
        as("bob")
                .get("/api/people/default/" + IDLE + "/dependence")
                .then()
                .statusCode(200)
                .body("soleMaintainer", empty())
                .body("runsAs", empty())
                .body("soleRestorer", empty())
                .body("owns", empty())
                .body("downstream", empty())
                .body("downstreamOwners", empty());
    }

    @Test
    void somebodyNotInTheCatalogIsNotFound() {
        as("bob").get("/api/people/default/nobody-" + S + "/dependence").then().statusCode(404);
        as("bob").get("/api/people/default/team-" + S + "/dependence").then().statusCode(404);
    }

    @Test
    void theApiNeedsSignIn() {
        dev.interlock.support.Api.anonymous()
                .get("/api/people/default/" + PAT + "/dependence")
                .then()
                .statusCode(401);
    }

    @Test
    void theRankingPutsProductionPipelinesHeldAloneFirst() {
        var ranking = io.quarkus.arc.Arc.container()
                .instance(DependenceService.class)
                .get()
                .ranking(null);
        var pat = ranking.stream()
                .filter(r -> r.person().name().equals(PAT))
                .findFirst()
                .orElseThrow();
        org.junit.jupiter.api.Assertions.assertEquals(1, pat.productionAlone());
        org.junit.jupiter.api.Assertions.assertEquals(2, pat.alone());
        org.junit.jupiter.api.Assertions.assertEquals(1, pat.owns());
        org.junit.jupiter.api.Assertions.assertEquals(2, pat.reach());
        org.hamcrest.MatcherAssert.assertThat(
                ranking.stream().map(r -> r.person().name()).toList(), not(hasItem(IDLE)));
    }

    @Test
    void theOnePersonWhoRestoresAProductionPipelineIsRanked() {
        DependenceService service =
                io.quarkus.arc.Arc.container().instance(DependenceService.class).get();
        var ranking = service.ranking(null);
        // Carol alone restores the storefront's nightly release (production) and nothing else hangs on her alone.
        var carol = ranking.stream()
                .filter(r -> r.person().name().equals("carol"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("carol is not ranked: " + ranking));
        org.junit.jupiter.api.Assertions.assertTrue(carol.productionAlone() >= 1, carol.toString());
        org.junit.jupiter.api.Assertions.assertTrue(carol.alone() >= 1, carol.toString());
        org.junit.jupiter.api.Assertions.assertTrue(carol.reach() >= 1, carol.toString());
    }

    @Test
    void theRankingCountsWhatTheApiCounts() {
        DependenceService service =
                io.quarkus.arc.Arc.container().instance(DependenceService.class).get();
        var ranking = service.ranking(null);
        org.junit.jupiter.api.Assertions.assertFalse(ranking.isEmpty());
        for (var r : ranking) {
            // People named as maintainers but not in the catalog have no page and no API answer.
            var found = service.of(r.person());
            if (found.isEmpty()) {
                continue;
            }
            PersonDependence d = found.get();
            org.junit.jupiter.api.Assertions.assertEquals(
                    d.downstream().size(), r.reach(), r.person() + ": downstream in the ranking and in the API");
            org.junit.jupiter.api.Assertions.assertEquals(
                    DependenceService.alone(d).size(), r.alone(), r.person() + ": pipelines on them alone");
            org.junit.jupiter.api.Assertions.assertEquals(d.owns().size(), r.owns(), r.person() + ": owned");
        }
    }

    static String user(String name) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: %s}
                spec: {profile: {displayName: %s Person, email: %s@example.com}, memberOf: []}
                """.formatted(name, name, name);
    }

    static String group(String name) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: %s}
                spec: {type: team, children: [], profile: {email: %s@example.com}}
                """.formatted(name, name);
    }

    static String resource(String name, String owner) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: {name: %s}
                spec: {type: dataset, owner: %s}
                """.formatted(name, owner);
    }

    static String pipeline(String name, String owner, String lifecycle, String block) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                spec:
                  type: pipeline
                  lifecycle: %s
                  owner: %s
                  pipeline:
                    family: data
                """.formatted(name, lifecycle, owner) + block.indent(4);
    }
}
