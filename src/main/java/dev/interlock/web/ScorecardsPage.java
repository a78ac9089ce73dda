package dev.interlock.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.people.DependenceQueries;
import dev.interlock.people.TeamTree;
import dev.interlock.scorecard.ScoreResult;
import dev.interlock.scorecard.Scorecard;
import dev.interlock.scorecard.ScorecardService;
import dev.interlock.scorecard.TeamLevel;
import dev.interlock.scorecard.TeamRollup;
import dev.interlock.scorecard.TeamTrends;

/** Scorecards in the browser: the list, and one scorecard with its levels, checks, teams and trend. */
@Path("/scorecards")
@Produces(MediaType.TEXT_HTML)
public class ScorecardsPage {

    /** How many entities reached each level, lowest level last ("none" for no level). */
    public record Distribution(List<Share> shares, long total) {

        /** One level's share; {@code offset} is the percentage before it (where its bar starts). */
        public record Share(String level, long count, double percent, double offset) {}

        static Distribution of(List<String> levels, Map<String, Long> counts) {
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            List<Share> shares = new ArrayList<>();
            List<String> order = new ArrayList<>(levels);
            Collections.reverse(order);
            order.add("none");
            double offset = 0;
            for (String level : order) {
                long n = counts.getOrDefault(level, 0L);
                double percent = total == 0 ? 0 : Math.round(1000.0 * n / total) / 10.0;
                shares.add(new Share(level, n, percent, offset));
                offset += percent;
            }
            return new Distribution(shares, total);
        }
    }

    /** A scorecard in the list. */
    public record Summary(Scorecard scorecard, Distribution distribution) {}

    /**
     * A check with its pass rate, and how many entities its rule could not be evaluated for (counted as failed).
     *
     * @param unanswered one of those entities, or {@code null} when there are none
     * @param error why the rule could not be evaluated for it
     */
    public record CheckRate(
            Scorecard.Check check,
            long passed,
            long total,
            double percent,
            long errors,
            EntityRef unanswered,
            String error) {}

    /** An entity's row. */
    public record Row(EntityRef ref, String level, int failed, EntityRef owner) {}

    /**
     * One team's distribution, its level by {@link dev.interlock.scorecard.TeamLevel} and that level per day. A
     * department (a team with teams under it) takes in their entities, as its page does.
     *
     * @param teamsWithin how many teams under it own entities that its figures take in
     * @param parent the department it is listed under, or {@code null}
     * @param depth how many departments it is listed under, for its indent
     */
    public record Team(
            EntityRef owner,
            Distribution distribution,
            String level,
            List<TeamTrends.Day> days,
            int teamsWithin,
            EntityRef parent,
            int depth) {

        /** The indent's class: deeper trees stop indenting at four levels, so that a phone keeps room for names. */
        public int indent() {
            return Math.min(depth, 4);
        }

        /** The last days of the trend, at most five. */
        public List<TeamTrends.Day> recentDays() {
            return days.subList(Math.max(0, days.size() - 5), days.size());
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Summary> scorecards);

        static native TemplateInstance detail(
                Scorecard scorecard,
                Distribution distribution,
                List<CheckRate> checks,
                List<Team> teams,
                List<Row> rows,
                String trend,
                String teamRule);
    }

    @Inject
    ScorecardService scorecards;

    @Inject
    EntityViews views;

    @Inject
    TeamTrends teamTrends;

    @Inject
    DependenceQueries dependence;

    @GET
    public TemplateInstance list() {
        List<Summary> out = new ArrayList<>();
        for (Scorecard s : scorecards.scorecards()) {
            out.add(new Summary(s, distribution(s, scorecards.results(s.ref().toString(), null))));
        }
        return Templates.list(out);
    }

    @GET
    @Path("{namespace}/{name}")
    public TemplateInstance detail(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        EntityRef ref = new EntityRef("scorecard", namespace, name);
        Scorecard scorecard = scorecards
                .scorecard(ref)
                .orElseThrow(() -> new NotFoundException("There is no scorecard " + ref + "."));
        List<ScoreResult> results = scorecards.results(ref.toString(), null);
        Map<String, EntityRef> owners = owners(results);
        List<CheckRate> checks = scorecard.checks().stream()
                .map(c -> {
                    long passed = results.stream()
                            .filter(r -> r.passed().contains(c.id()))
                            .count();
                    List<Map.Entry<String, String>> errors = results.stream()
                            .flatMap(r -> r.failed().stream()
                                    .filter(f -> f.id().equals(c.id()) && f.error() != null)
                                    .map(f -> Map.entry(r.entityRef(), f.error())))
                            .toList();
                    return new CheckRate(
                            c,
                            passed,
                            results.size(),
                            results.isEmpty() ? 0 : Math.round(1000.0 * passed / results.size()) / 10.0,
                            errors.size(),
                            errors.isEmpty()
                                    ? null
                                    : EntityRef.ofCanonical(errors.get(0).getKey()),
                            errors.isEmpty() ? "" : errors.get(0).getValue());
                })
                .toList();
        Map<String, List<ScoreResult>> owned = new TreeMap<>();
        for (ScoreResult r : results) {
            EntityRef owner = owners.get(r.entityRef());
            if (owner != null) {
                owned.computeIfAbsent(owner.toString(), k -> new ArrayList<>()).add(r);
            }
        }
        // Each team's own entities count for it and for every team above it, listed as the tree reads.
        TeamTree tree = dependence.teamsAbove(owned.keySet());
        List<Team> teams = TeamRollup.of(owned, tree::above, tree::path).stream()
                .map(t -> new Team(
                        EntityRef.ofCanonical(t.team()),
                        distribution(scorecard, t.items()),
                        TeamLevel.of(
                                        scorecard.levels(),
                                        t.items().stream()
                                                .map(r -> r.level() == null ? "none" : r.level())
                                                .toList())
                                .orElse("none"),
                        teamTrends.of(
                                ref.toString(),
                                scorecard.levels(),
                                t.items().stream().map(ScoreResult::entityRef).toList()),
                        t.teamsWithin(),
                        t.parent() == null ? null : EntityRef.ofCanonical(t.parent()),
                        t.depth()))
                .toList();
        List<Row> rows = results.stream()
                .map(r -> new Row(
                        EntityRef.ofCanonical(r.entityRef()),
                        r.level() == null ? "none" : r.level(),
                        r.failed().size(),
                        owners.get(r.entityRef())))
                .sorted(Comparator.comparingInt((Row r) -> rank(scorecard, r.level()))
                        .thenComparing(r -> r.ref().toString()))
                .toList();
        return Templates.detail(
                scorecard,
                distribution(scorecard, results),
                checks,
                teams,
                rows,
                TrendChart.svg(scorecard.levels(), scorecards.trend(ref.toString())),
                TeamLevel.RULE);
    }

    private static int rank(Scorecard scorecard, String level) {
        return "none".equals(level) ? -1 : scorecard.levels().indexOf(level);
    }

    private static Distribution distribution(Scorecard scorecard, List<ScoreResult> results) {
        Map<String, Long> counts = new LinkedHashMap<>();
        results.forEach(r -> counts.merge(r.level() == null ? "none" : r.level(), 1L, Long::sum));
        return Distribution.of(scorecard.levels(), counts);
    }

    private Map<String, EntityRef> owners(List<ScoreResult> results) {
        Map<String, EntityRef> out = new LinkedHashMap<>();
        List<EntityRef> refs =
                results.stream().map(r -> EntityRef.ofCanonical(r.entityRef())).toList();
        // Only the owner is wanted, not whether it is in the catalog: no query for that.
        for (Entity e : views.entities(refs)) {
            EntityView view = EntityView.of(e, Set.of(), Map.of());
            if (view.owner() != null) {
                out.put(view.ref().toString(), view.owner().ref());
            }
        }
        return out;
    }
}
