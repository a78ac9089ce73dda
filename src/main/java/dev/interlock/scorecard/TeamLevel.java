package dev.interlock.scorecard;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A team's level on a scorecard: the highest level that at least {@value #SHARE_PERCENT} % of the team's scored
 * entities reach. One rule, used by the team page and the scorecard's table per team.
 */
public final class TeamLevel {

    /** The share of a team's entities that must reach a level for the team to have it, in percent. */
    public static final int SHARE_PERCENT = 80;

    /** The rule in words, for pages. */
    public static final String RULE = "the highest level that at least " + SHARE_PERCENT + " % of its pipelines reach";

    /** What a team reaching no level is called. */
    public static final String NONE = "none";

    private TeamLevel() {}

    /**
     * The team's level.
     *
     * @param levels the scorecard's levels, lowest first
     * @param entityLevels the level of each scored entity of the team ({@value #NONE} or {@code null} for none)
     * @return the level, {@value #NONE} when none is reached by enough entities, empty when nothing is scored
     */
    public static Optional<String> of(List<String> levels, Collection<String> entityLevels) {
        if (entityLevels.isEmpty()) {
            return Optional.empty();
        }
        for (int i = levels.size() - 1; i >= 0; i--) {
            int rank = i;
            long reaching = entityLevels.stream()
                    .filter(l -> l != null && levels.indexOf(l) >= rank)
                    .count();
            if (reaching * 100 >= (long) SHARE_PERCENT * entityLevels.size()) {
                return Optional.of(levels.get(i));
            }
        }
        return Optional.of(NONE);
    }
}
