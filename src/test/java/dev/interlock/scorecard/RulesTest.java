package dev.interlock.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.interlock.descriptor.EntityRef;

/** Which variables a rule reads, and the scorecards that can choose their entities from the entity alone. */
class RulesTest {

    @Test
    void aRuleReadsTheVariablesItNames() {
        assertEquals(Set.of("entity"), Rules.reads("entity.kind == 'Component' && entity.spec.type == 'pipeline'"));
        assertEquals(Set.of("entity", "owner"), Rules.reads("entity.kind == 'Component' && owner.kind == 'group'"));
        assertEquals(Set.of("relations"), Rules.reads("relations.exists(r, r.type == 'ownedBy')"));
        assertEquals(Set.of("pipeline"), Rules.reads("has(pipeline.runbook)"));
        assertEquals(Set.of(), Rules.reads("true"));
    }

    @Test
    void onlyAScorecardChoosingByTheEntityChoosesBeforeTheFacts() {
        assertTrue(scorecard("entity.kind == 'Component' && entity.spec.type == 'pipeline'")
                .choosesByEntityAlone());
        assertTrue(scorecard("true").choosesByEntityAlone());
        assertFalse(scorecard("entity.kind == 'Component' && facts.ownerIsTeam").choosesByEntityAlone());
        assertFalse(scorecard("runs.reported").choosesByEntityAlone());
        // A comprehension variable named like a variable counts as reading it: no shortcut, the same answer.
        assertFalse(
                scorecard("entity.metadata.tags.exists(owner, owner == 'x')").choosesByEntityAlone());
    }

    @Test
    void choosingFromTheEntityAloneAgreesWithChoosingFromAllTheFacts() {
        Scorecard pipelines = scorecard("entity.kind == 'Component' && entity.spec.type == 'pipeline'");
        Map<String, Object> pipeline = Map.of("kind", "Component", "spec", Map.of("type", "pipeline"));
        Map<String, Object> team = Map.of("kind", "Group", "spec", Map.of("type", "team"));
        assertTrue(pipelines.appliesTo(Map.of("entity", pipeline)));
        assertTrue(pipelines.appliesTo(Map.of("entity", pipeline, "facts", Map.of())));
        assertFalse(pipelines.appliesTo(Map.of("entity", team)));
        assertFalse(pipelines.appliesTo(Map.of("entity", team, "facts", Map.of())));
    }

    private static Scorecard scorecard(String appliesTo) {
        return new Scorecard(
                EntityRef.ofCanonical("scorecard:default/s"),
                "S",
                "",
                appliesTo,
                List.of("bronze"),
                List.of(new Scorecard.Check("c", "C", "bronze", "true", "w")));
    }
}
