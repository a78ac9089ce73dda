package dev.interlock.scorecard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.sql.Jdbc;

/**
 * What a row of scoring work calls for: which entities to score on which scorecards. A change is scored for what it
 * may have affected: the changed entities, the entities whose relations point at them (a team that lost a member, a
 * table a pipeline reads), the entities maintained by a changed team's members, and everything a changed scorecard
 * applies to. Run changes are scored for the pipelines and what reads from them downstream.
 */
@ApplicationScoped
public class ScoringPlanner {

    private static final Logger LOG = Logger.getLogger(ScoringPlanner.class);

    @Inject
    Scorecards scorecards;

    @Inject
    Scorer scorer;

    @Inject
    ScoreStore store;

    @Inject
    Instance<RunFacts> runFacts;

    @Inject
    DataSource dataSource;

    /** Queues the entities one row of work calls for, on the scorecards it concerns. */
    void plan(ScoringWork.Item item, ScoringQueue queue) {
        try {
            switch (item.kind()) {
                case CHANGE -> rescore(item.refs(), queue);
                case RESTORED -> {
                    // Restored with their results: only the entities around them may need scoring.
                    scorer.forget();
                    Set<String> affected = pointingAt(item.refs());
                    affected.removeAll(new HashSet<>(item.refs()));
                    queueOnEveryScorecard(affected, queue);
                }
                case RUNS -> runs(new LinkedHashSet<>(item.refs()), queue);
            }
        } catch (RuntimeException e) {
            // Dropped like a failed scoring always was: the next change to these entities scores them again.
            LOG.errorf(
                    e,
                    "Planning the scoring of %d entities (%s) failed",
                    item.refs().size(),
                    item.kind());
        }
    }

    /** Queues the pipelines whose runs changed (of all the rows claimed together) and what reads from them. */
    void runs(Set<String> pipelines, ScoringQueue queue) {
        if (pipelines.isEmpty()) {
            return;
        }
        try {
            scorer.forget();
            queueOnEveryScorecard(runFacts.isResolvable() ? runFacts.get().affectedBy(pipelines) : pipelines, queue);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Planning the scoring after run changes to %d pipelines failed", pipelines.size());
        }
    }

    private void queueOnEveryScorecard(Collection<String> refs, ScoringQueue queue) {
        List<EntityRef> entities = parsed(refs);
        scorecards.all().forEach(s -> queue.add(s.ref(), entities));
    }

    /** References as the queue holds them (stored ones are canonical). */
    private static List<EntityRef> parsed(Collection<String> canonical) {
        return canonical.stream().map(EntityRef::ofCanonical).toList();
    }

    /** Queues what a change to these entities may have affected. */
    void rescore(Collection<String> changed, ScoringQueue queue) {
        scorer.forget();
        List<Scorecard> all = scorecards.all();
        List<String> current = all.stream().map(s -> s.ref().toString()).toList();
        queue.retain(all.stream().map(Scorecard::ref).toList());
        List<String> changedScorecards =
                changed.stream().filter(r -> r.startsWith("scorecard:")).toList();
        if (!changedScorecards.isEmpty()) {
            // A removed scorecard leaves no results behind.
            store.keepOnlyScorecards(current);
        }
        if (all.isEmpty()) {
            return;
        }
        // A changed scorecard is re-scored for every entity; the others only for what the change affected.
        List<Scorecard> everything = all.stream()
                .filter(s -> changedScorecards.contains(s.ref().toString()))
                .toList();
        if (!everything.isEmpty()) {
            List<String> entities = new ArrayList<>();
            Jdbc.run(dataSource, "entity list", c -> {
                Jdbc.query(
                        c,
                        "SELECT entity_ref FROM entities ORDER BY entity_ref",
                        List.of(),
                        rs -> entities.add(rs.getString(1)));
                return null;
            });
            List<EntityRef> refs = parsed(entities);
            everything.forEach(s -> queue.add(s.ref(), refs));
        }
        Set<String> affected = new LinkedHashSet<>(changed);
        affected.addAll(pointingAt(changed));
        List<EntityRef> refs = parsed(affected);
        all.stream().filter(s -> !everything.contains(s)).forEach(s -> queue.add(s.ref(), refs));
    }

    /**
     * What a change may have affected besides the changed entities: entities whose relations point at them, the
     * targets of their own relations (which gain or lose an inverse relation), what the members of a changed team
     * maintain, and what the teams of a changed person own (their member count changed).
     */
    private Set<String> pointingAt(Collection<String> changed) {
        Set<String> out = new LinkedHashSet<>(sources(changed, null));
        out.addAll(targets(changed, null));
        List<String> groups =
                changed.stream().filter(r -> r.startsWith("group:")).toList();
        Set<String> members = new LinkedHashSet<>();
        members.addAll(targets(groups, "hasMember"));
        members.addAll(sources(groups, "memberOf"));
        out.addAll(sources(members, "maintainedBy"));
        List<String> people =
                changed.stream().filter(r -> r.startsWith("user:")).toList();
        Set<String> teams = new LinkedHashSet<>(targets(people, "memberOf"));
        teams.addAll(sources(people, "hasMember"));
        out.addAll(sources(teams, "ownedBy"));
        return out;
    }

    private Set<String> sources(Collection<String> targets, String type) {
        return related("source_ref", "target_ref", targets, type);
    }

    private Set<String> targets(Collection<String> sources, String type) {
        return related("target_ref", "source_ref", sources, type);
    }

    /** The {@code wanted} ends of the relations (of one type, or any) whose {@code known} end is one of these. */
    private Set<String> related(String wanted, String known, Collection<String> keys, String type) {
        Set<String> out = new LinkedHashSet<>();
        String sql = "SELECT DISTINCT " + wanted + " FROM relations WHERE " + (type == null ? "" : "type = ? AND ")
                + known + " IN (IN)";
        Jdbc.run(dataSource, "relations query", c -> {
            Jdbc.queryIn(c, sql, type == null ? List.of() : List.of(type), keys, rs -> out.add(rs.getString(1)));
            return null;
        });
        return out;
    }
}
