package dev.interlock.web;

import java.util.List;
import java.util.Map;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.scorecard.ScoreResult;
import dev.interlock.scorecard.Scorecard;

/**
 * An entity's result on one scorecard, as pages show it.
 *
 * @param scorecard the scorecard's reference
 * @param title the scorecard's title
 * @param level the level reached, or {@code null}
 * @param passed how many checks passed
 * @param total how many checks there are
 * @param failed the failed checks with why they matter
 */
public record ScoreView(EntityRef scorecard, String title, String level, int passed, int total,
        List<ScoreResult.Failed> failed) {

    /** Views of results, with titles from the scorecards (results of removed scorecards are left out). */
    static List<ScoreView> of(List<ScoreResult> results, Map<String, Scorecard> scorecards) {
        return results.stream().filter(r -> scorecards.containsKey(r.scorecardRef())).map(r -> {
            Scorecard s = scorecards.get(r.scorecardRef());
            return new ScoreView(s.ref(), s.title(), r.level(), r.passed().size(), s.checks().size(), r.failed());
        }).toList();
    }
}
