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
 * @param failed the failed checks with why they matter and how to fix them
 */
public record ScoreView(
        EntityRef scorecard, String title, String level, int passed, int total, List<FailedCheck> failed) {

    /**
     * A failed check, from a failure to its fix.
     *
     * @param error why its rule could not be evaluated for this entity, or empty when it answered no
     * @param level the level the check belongs to
     * @param howTo what to do, or empty
     * @param howToLink where to read more, or empty
     * @param offending what in the entity makes it fail, where the catalog can tell
     */
    public record FailedCheck(
            String id,
            String title,
            String why,
            String error,
            String level,
            String howTo,
            String howToLink,
            List<String> offending) {}

    /** Views of results, with titles from the scorecards (results of removed scorecards are left out). */
    static List<ScoreView> of(List<ScoreResult> results, Map<String, Scorecard> scorecards) {
        return of(results, scorecards, null);
    }

    /** Views of one entity's results, each failed check with its level, how-to and offending items. */
    static List<ScoreView> of(List<ScoreResult> results, Map<String, Scorecard> scorecards, EntityView entity) {
        return results.stream()
                .filter(r -> scorecards.containsKey(r.scorecardRef()))
                .map(r -> {
                    Scorecard s = scorecards.get(r.scorecardRef());
                    List<FailedCheck> failed = r.failed().stream()
                            .map(f -> {
                                Scorecard.Check check = s.checks().stream()
                                        .filter(c -> c.id().equals(f.id()))
                                        .findFirst()
                                        .orElse(null);
                                return check == null
                                        ? new FailedCheck(f.id(), f.title(), f.why(), error(f), "", "", "", List.of())
                                        : new FailedCheck(
                                                f.id(),
                                                f.title(),
                                                f.why(),
                                                error(f),
                                                check.level(),
                                                check.howTo(),
                                                dev.interlock.validation.Formats.isHttpUrl(check.howToLink())
                                                        ? check.howToLink()
                                                        : "",
                                                entity == null ? List.of() : Offending.of(check.rule(), entity));
                            })
                            .toList();
                    return new ScoreView(
                            s.ref(),
                            s.title(),
                            r.level(),
                            r.passed().size(),
                            s.checks().size(),
                            failed);
                })
                .toList();
    }

    private static String error(ScoreResult.Failed failed) {
        return failed.error() == null ? "" : failed.error();
    }
}
