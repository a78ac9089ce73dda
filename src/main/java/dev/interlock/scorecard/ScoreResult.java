package dev.interlock.scorecard;

import java.util.List;

/**
 * One entity's result on one scorecard, in the API's shape.
 *
 * @param entityRef the entity
 * @param scorecardRef the scorecard
 * @param level the level reached, or {@code null}
 * @param passed ids of the passed checks
 * @param failed the failed checks with why they matter
 * @param evaluatedAt when (ISO-8601)
 */
public record ScoreResult(
        String entityRef,
        String scorecardRef,
        String level,
        List<String> passed,
        List<Failed> failed,
        String evaluatedAt) {

    /** A failed check. */
    public record Failed(String id, String title, String why) {}
}
