package dev.interlock.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The team level rule: the highest level that at least 80 % of a team's pipelines reach. */
class TeamLevelTest {

    private static final List<String> LEVELS = List.of("bronze", "silver", "gold");

    @Test
    void theHighestLevelEnoughPipelinesReach() {
        // 4 of 5 reach silver or better (80 %), only 2 of 5 reach gold.
        assertEquals(
                "silver",
                TeamLevel.of(LEVELS, List.of("gold", "gold", "silver", "silver", "none"))
                        .orElseThrow());
        assertEquals(
                "gold",
                TeamLevel.of(LEVELS, List.of("gold", "gold", "gold", "gold", "silver"))
                        .orElseThrow());
    }

    @Test
    void belowTheShareTheTeamFallsToALowerLevelOrNone() {
        // 3 of 4 (75 %) reach bronze: not enough.
        assertEquals(
                "none",
                TeamLevel.of(LEVELS, List.of("gold", "gold", "bronze", "none")).orElseThrow());
        assertEquals(
                "bronze",
                TeamLevel.of(LEVELS, List.of("gold", "silver", "bronze", "bronze", "none"))
                        .orElseThrow());
        assertEquals(
                "none", TeamLevel.of(LEVELS, Collections.singletonList(null)).orElseThrow());
    }

    @Test
    void aTeamWithNothingScoredHasNoLevelAtAll() {
        assertTrue(TeamLevel.of(LEVELS, List.of()).isEmpty());
    }

    @Test
    void theRuleIsStatedInWords() {
        assertEquals("the highest level that at least 80 % of its pipelines reach", TeamLevel.RULE);
    }
}
