package dev.interlock.scorecard;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;

/**
 * Evaluates scorecards on entities: computes each entity's {@link Facts} (with what the catalog knows around it and
 * what its runs say), keeps those that apply, and runs every check's {@link Rules rule} to get the level reached.
 */
@ApplicationScoped
public class Scorer {

    /**
     * What scoring some entities on one scorecard found.
     *
     * @param results the results of the entities the scorecard applies to
     * @param notApplying the entities it does not apply to (any result of theirs goes)
     * @param gone the entities no longer in the catalog
     */
    record Outcome(List<ScoreResult> results, List<ScoreStore.Key> notApplying, Set<EntityRef> gone) {}

    @Inject
    CatalogQueries queries;

    @Inject
    Scorecards scorecards;

    @Inject
    Instance<RunFacts> runFacts;

    @Inject
    ScorecardConfig config;

    /**
     * Facts of entities computed since the last change was planned, reused by the other scorecards scoring the same
     * entities; used only by the scoring loop, which scores one slice at a time.
     */
    private final Map<EntityRef, Map<String, Object>> kept = new HashMap<>();

    /**
     * Entities around the scored ones (owners, maintainers) read since the last change was planned: the pipelines of
     * one change share a few teams and people, and reading them again for every slice cost as much as the slice.
     * Used only by the scoring loop, like {@link #kept}.
     */
    private final Map<EntityRef, Entity> around = new HashMap<>();

    /** Drops the kept facts and entities: a change may have made them wrong. */
    void forget() {
        kept.clear();
        around.clear();
    }

    /** Scores these entities on a scorecard. */
    Outcome score(List<EntityRef> refs, Scorecard scorecard) {
        List<Entity> present = queries.byRefs(refs).stream()
                .filter(Objects::nonNull)
                .map(Entity::of)
                .toList();
        Set<EntityRef> gone = new HashSet<>(refs);
        present.forEach(e -> gone.remove(e.ref()));
        List<ScoreStore.Key> notApplying = new ArrayList<>();
        List<Entity> judged = present;
        boolean chosen = scorecard.choosesByEntityAlone();
        if (chosen) {
            // The facts around an entity cost lookups (its owner, its maintainers' teams, its runs); a team or a
            // person that a pipeline scorecard does not judge needs none of them.
            judged = new ArrayList<>();
            for (Entity entity : present) {
                if (scorecard.appliesTo(Facts.ofEntityAlone(entity))) {
                    judged.add(entity);
                } else {
                    notApplying.add(new ScoreStore.Key(
                            scorecard.ref().toString(), entity.ref().toString()));
                }
            }
        }
        Map<EntityRef, Map<String, Object>> facts = facts(judged);
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        List<ScoreResult> results = new ArrayList<>();
        for (Entity entity : judged) {
            Map<String, Object> vars = facts.get(entity.ref());
            if (!chosen && !scorecard.appliesTo(vars)) {
                notApplying.add(new ScoreStore.Key(
                        scorecard.ref().toString(), entity.ref().toString()));
                continue;
            }
            results.add(evaluate(scorecard, entity.ref(), vars, now));
        }
        return new Outcome(results, notApplying, gone);
    }

    /** The facts of these entities, reusing those computed for another scorecard since the last change. */
    private Map<EntityRef, Map<String, Object>> facts(List<Entity> entities) {
        List<Entity> missing =
                entities.stream().filter(e -> !kept.containsKey(e.ref())).toList();
        if (kept.size() + missing.size() > config.scoring().factsKept()) {
            kept.clear();
            missing = entities;
        }
        if (!missing.isEmpty()) {
            kept.putAll(Facts.of(missing, keptLookup()));
        }
        Map<EntityRef, Map<String, Object>> out = new HashMap<>();
        entities.forEach(e -> out.put(e.ref(), kept.get(e.ref())));
        return out;
    }

    /**
     * The results an entity would get before it is stored (the register preview): each scorecard that applies to
     * it, evaluated against the catalog as it stands.
     *
     * @param entity the entity in the API's shape, with its declared relations
     */
    List<ScoreResult> wouldScore(Entity entity) {
        Map<String, Object> vars = Facts.of(List.of(entity), lookup()).get(entity.ref());
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        return Scorecards.applying(scorecards.all(), vars).stream()
                .map(scorecard -> evaluate(scorecard, entity.ref(), vars, now))
                .toList();
    }

    /** One entity's result on one scorecard. */
    static ScoreResult evaluate(Scorecard scorecard, EntityRef ref, Map<String, Object> vars, String now) {
        List<String> passed = new ArrayList<>();
        List<ScoreResult.Failed> failed = new ArrayList<>();
        for (Scorecard.Check check : scorecard.checks()) {
            Rules.Answer answer = Rules.answer(check.rule(), vars);
            if (answer.passed()) {
                passed.add(check.id());
            } else {
                failed.add(new ScoreResult.Failed(check.id(), check.title(), check.why(), answer.error()));
            }
        }
        return new ScoreResult(
                ref.toString(),
                scorecard.ref().toString(),
                scorecard.levelReached(new HashSet<>(passed)),
                passed,
                failed,
                now);
    }

    /** {@link #lookup()} keeping what it read around the scored entities until the next change ({@link #forget}). */
    private Facts.Lookup keptLookup() {
        Facts.Lookup read = lookup();
        return new Facts.Lookup() {
            @Override
            public Map<EntityRef, Entity> entities(Set<EntityRef> refs) {
                Set<EntityRef> missing = new LinkedHashSet<>(refs);
                missing.removeAll(around.keySet());
                if (around.size() + missing.size() > config.scoring().factsKept()) {
                    around.clear();
                    missing = refs;
                }
                if (!missing.isEmpty()) {
                    around.putAll(read.entities(missing));
                }
                Map<EntityRef, Entity> out = new LinkedHashMap<>();
                refs.forEach(r -> {
                    Entity e = around.get(r);
                    if (e != null) {
                        out.put(r, e);
                    }
                });
                return out;
            }

            @Override
            public Map<EntityRef, Map<String, Object>> runs(List<EntityRef> refs) {
                return read.runs(refs);
            }
        };
    }

    private Facts.Lookup lookup() {
        return new Facts.Lookup() {
            @Override
            public Map<EntityRef, Entity> entities(Set<EntityRef> refs) {
                Map<EntityRef, Entity> out = new LinkedHashMap<>();
                queries.byRefs(List.copyOf(new LinkedHashSet<>(refs)), Facts.AROUND_RELATIONS).stream()
                        .filter(Objects::nonNull)
                        .map(Entity::of)
                        .forEach(e -> out.put(e.ref(), e));
                return out;
            }

            @Override
            public Map<EntityRef, Map<String, Object>> runs(List<EntityRef> refs) {
                return runFacts.isResolvable() ? runFacts.get().of(refs) : Map.of();
            }
        };
    }
}
