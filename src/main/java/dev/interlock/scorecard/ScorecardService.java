package dev.interlock.scorecard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;

/**
 * What the rest of the application asks of scoring, in one place: the scorecards ({@link Scorecards}), what an
 * entity would score ({@link Scorer}), the stored results ({@link ScoreStore}), a scorecard's trend
 * ({@link ScoreTrend}), and the scoring work ({@link ScoringLoop}). Results of a removed scorecard are never
 * answered, even in the moment before the scorer deletes them.
 */
@ApplicationScoped
public class ScorecardService {

    /** One day of a scorecard's trend: how many entities reached each level ("none" for none). */
    public record TrendPoint(String day, Map<String, Long> levels) {}

    @Inject
    Scorecards scorecards;

    @Inject
    Scorer scorer;

    @Inject
    ScoreStore store;

    @Inject
    ScoreTrend trend;

    @Inject
    ScoringLoop loop;

    @Inject
    ScoringWork work;

    @Inject
    ScorecardConfig config;

    /** Every registered scorecard. */
    public List<Scorecard> scorecards() {
        return scorecards.all();
    }

    public Optional<Scorecard> scorecard(EntityRef ref) {
        return scorecards.get(ref);
    }

    /**
     * The results an entity would get before it is stored (the register preview): each scorecard that applies to
     * it, evaluated against the catalog as it stands.
     */
    public List<ScoreResult> wouldScore(Entity entity) {
        return scorer.wouldScore(entity);
    }

    /** The current results of one scorecard (all entities), or of one entity (all scorecards). */
    public List<ScoreResult> results(String scorecardRef, String entityRef) {
        Set<String> existing = scorecards.refs();
        return store.results(scorecardRef, entityRef).stream()
                .filter(r -> existing.contains(r.scorecardRef()))
                .toList();
    }

    /** The current results of these entities on every scorecard, by entity reference. */
    public Map<String, List<ScoreResult>> resultsOf(Collection<String> entityRefs) {
        Set<String> existing = scorecards.refs();
        Map<String, List<ScoreResult>> out = new HashMap<>();
        store.resultsOf(entityRefs).stream()
                .filter(r -> existing.contains(r.scorecardRef()))
                .forEach(r -> out.computeIfAbsent(r.entityRef(), k -> new ArrayList<>())
                        .add(r));
        return out;
    }

    /** The levels of these entities on the headline scorecard; empty when it is not registered. */
    public HeadlineLevels headline(Collection<String> entityRefs) {
        EntityRef ref = EntityRef.parse(config.headline(), "scorecard", EntityRef.DEFAULT_NAMESPACE);
        Optional<Scorecard> scorecard = scorecard(ref);
        if (scorecard.isEmpty()) {
            return new HeadlineLevels("Level", null, List.of(), Map.of());
        }
        Map<String, String> levels = new HashMap<>();
        store.levelsOf(ref.toString(), entityRefs)
                .forEach((entity, level) -> levels.put(entity, level == null ? "none" : level));
        return new HeadlineLevels(
                scorecard.get().title() + " level",
                ref.toString(),
                scorecard.get().levels(),
                levels);
    }

    /** The level distribution at the end of each day with a change, from the history. */
    public List<TrendPoint> trend(String scorecardRef) {
        return trend.of(scorecardRef);
    }

    /** Re-scores, on the scoring task, what a change to these entities may have affected. */
    public void rescoreLater(Collection<String> changed) {
        work.add(ScoringWork.Kind.CHANGE, changed);
        loop.wake();
    }

    /**
     * Keeps the scoring that committed run changes to these pipelines call for (them and what reads from them
     * downstream); {@link #wake()} then scores it, with whatever else came meanwhile.
     */
    public void runsChanged(Collection<String> pipelines) {
        work.add(ScoringWork.Kind.RUNS, pipelines);
    }

    /** Scores the work that waits, soon, on the scoring task. */
    public void wake() {
        loop.wake();
    }

    /** Whether no scoring work waits, here or in the database (for tests and readiness). */
    public boolean idle() {
        return loop.idle();
    }
}
