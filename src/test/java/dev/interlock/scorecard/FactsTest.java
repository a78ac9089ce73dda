package dev.interlock.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;

/** What a rule sees of an entity, computed from the typed entity. */
class FactsTest {

    private static Map<String, Object> facts(Map<String, Object> tree) {
        Entity entity = Entity.of(tree);
        return Facts.of(List.of(entity), refs -> Map.of()).get(entity.ref());
    }

    private static Map<String, Object> pipeline(Map<String, Object> block) {
        return Map.of(
                "apiVersion",
                "backstage.io/v1alpha1",
                "kind",
                "Component",
                "metadata",
                Map.of("name", "orders-sync", "namespace", "default"),
                "spec",
                Map.of("type", "pipeline", "owner", "group:revops", "pipeline", block),
                "relations",
                List.of(
                        Map.of("type", "ownedBy", "targetRef", "group:default/revops"),
                        Map.of("type", "maintainedBy", "targetRef", "user:default/ann")));
    }

    @Test
    void aPipelineSeesItsSinglePointsOfFailureByTheOneRule() {
        Map<String, Object> vars = facts(pipeline(Map.of(
                "maintainers",
                List.of("ann"),
                "runsAs",
                "service-account",
                "trigger",
                Map.of("schedule", "0 * * * *"),
                "retries",
                3)));
        Map<?, ?> facts = (Map<?, ?>) vars.get("facts");
        // Ann is not in the catalog (nothing around is found): a name nobody can call is no maintainer.
        assertEquals(List.of("NO_MAINTAINER", "NO_RUNBOOK"), facts.get("singlePointsOfFailure"));
        assertEquals(true, facts.get("scheduleValid"));
        assertEquals(true, facts.get("runsAsServiceAccount"));
        assertEquals(3L, ((Map<?, ?>) vars.get("pipeline")).get("retries"), "ints are CEL's int64");
        assertTrue(Rules.test(
                "'NO_MAINTAINER' in facts.singlePointsOfFailure && size(maintainers) == 1"
                        + " && !maintainers[0].resolved && owner.ref == 'group:default/revops' && !owner.resolved",
                vars));
    }

    @Test
    void aMaintainerInTheCatalogCounts() {
        Entity entity = Entity.of(pipeline(Map.of("maintainers", List.of("ann"), "runbook", "https://wiki/runbook")));
        Entity ann = Entity.of(Map.of("kind", "User", "metadata", Map.of("name", "ann")));
        Map<String, Object> vars = Facts.of(
                        List.of(entity), refs -> refs.contains(ann.ref()) ? Map.of(ann.ref(), ann) : Map.of())
                .get(entity.ref());
        assertEquals(List.of("ONE_MAINTAINER"), ((Map<?, ?>) vars.get("facts")).get("singlePointsOfFailure"));
    }

    @Test
    void anEntityThatIsNoPipelineHasNoSinglePointsOfFailureAndAnEmptyPipeline() {
        Map<String, Object> vars = facts(Map.of(
                "apiVersion",
                "backstage.io/v1alpha1",
                "kind",
                "Group",
                "metadata",
                Map.of("name", "revops", "namespace", "default"),
                "spec",
                Map.of("type", "team")));
        assertEquals(List.of(), ((Map<?, ?>) vars.get("facts")).get("singlePointsOfFailure"));
        assertEquals(Map.of(), vars.get("pipeline"));
        assertEquals(RunFacts.NONE, vars.get("runs"));
        assertEquals(
                new EntityRef("group", "default", "revops"),
                Entity.of(Map.of("kind", "Group", "metadata", Map.of("name", "revops")))
                        .ref());
    }
}
