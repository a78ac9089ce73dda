package dev.interlock.scorecard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A scorecard's trend: the history replayed day by day, giving at the end of each day with a change how many
 * entities stood at each level ("none" for none). Entities that left the scorecard no longer count.
 */
@ApplicationScoped
public class ScoreTrend {

    @Inject
    ScoreStore store;

    /** The level distribution at the end of each day with a change, oldest first. */
    public List<ScorecardService.TrendPoint> of(String scorecardRef) {
        return replay(store.history(scorecardRef, null), (day, latest) -> point(day, latest));
    }

    /**
     * Replays history rows (oldest first) and makes one value per day with a change, from the level each entity
     * stood at at the end of that day.
     */
    static <T> List<T> replay(List<ScoreStore.Change> history, BiFunction<String, Map<String, String>, T> day) {
        Map<String, String> latest = new HashMap<>();
        List<T> out = new ArrayList<>();
        String current = null;
        for (ScoreStore.Change change : history) {
            String d = change.at().toString().substring(0, 10);
            if (current != null && !d.equals(current)) {
                out.add(day.apply(current, latest));
            }
            current = d;
            if (ScoreStore.REMOVED.equals(change.level())) {
                latest.remove(change.entityRef());
            } else {
                latest.put(change.entityRef(), change.level() == null ? TeamLevel.NONE : change.level());
            }
        }
        if (current != null) {
            out.add(day.apply(current, latest));
        }
        return out;
    }

    /** How many entities stand at each level. */
    static ScorecardService.TrendPoint point(String day, Map<String, String> latest) {
        Map<String, Long> counts = new HashMap<>();
        latest.values().forEach(l -> counts.merge(l, 1L, Long::sum));
        return new ScorecardService.TrendPoint(day, counts);
    }
}
