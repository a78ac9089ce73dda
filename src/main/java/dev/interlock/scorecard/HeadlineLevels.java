package dev.interlock.scorecard;

import java.util.List;
import java.util.Map;

/**
 * The levels entities reach on the headline scorecard ({@link ScorecardConfig#headline()}), for the tables of the
 * pipelines, team and start pages.
 *
 * @param label the column heading: the scorecard's title and "level"
 * @param scorecardRef the scorecard, or {@code null} when it is not registered
 * @param levels its levels, lowest first
 * @param byRef each scored entity's level, "none" when it reaches no level
 */
public record HeadlineLevels(String label, String scorecardRef, List<String> levels, Map<String, String> byRef) {

    /** The level of an entity ("none" for no level), or {@code null} when the scorecard does not score it. */
    public String get(String entityRef) {
        return byRef.get(entityRef);
    }

    /** Rank for ordering by risk: no level first, then each level in order, unscored entities last. */
    public int rank(String entityRef) {
        String level = byRef.get(entityRef);
        if (level == null) {
            return levels.size();
        }
        return "none".equals(level) ? -1 : levels.indexOf(level);
    }
}
