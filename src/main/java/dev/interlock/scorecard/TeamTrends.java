package dev.interlock.scorecard;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The trend of one team on one scorecard: at the end of each day with a change, how many of the team's entities
 * reached each level, and the team's level by {@link TeamLevel}.
 */
@ApplicationScoped
public class TeamTrends {

    /**
     * One day of a team's trend.
     *
     * @param point how many of its entities reached each level ("none" for none)
     * @param level the team's level that day
     */
    public record Day(ScorecardService.TrendPoint point, String level) {}

    @Inject
    ScoreStore store;

    /**
     * The trend of some entities (a team's) on a scorecard, oldest day first.
     *
     * @param levels the scorecard's levels, lowest first
     */
    public List<Day> of(String scorecardRef, List<String> levels, Collection<String> entityRefs) {
        return ScoreTrend.replay(
                store.history(scorecardRef, entityRefs),
                (day, latest) -> new Day(
                        ScoreTrend.point(day, latest),
                        TeamLevel.of(levels, latest.values()).orElse(TeamLevel.NONE)));
    }
}
