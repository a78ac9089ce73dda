package dev.interlock.teams;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.people.DependenceQueries;
import dev.interlock.people.RefViews;
import dev.interlock.scorecard.HeadlineLevels;
import dev.interlock.scorecard.ScorecardService;
import dev.interlock.scorecard.TeamLevel;
import dev.interlock.scorecard.TeamTrends;
import dev.interlock.web.EntityView;
import dev.interlock.web.TrendChart;
import dev.interlock.web.WebConfig;

/**
 * The survivability part of a team's page ({@code inject:teamSurvival.of(ref)}): its level on the headline scorecard
 * by {@link TeamLevel}, with the rule stated and its trend, its pipelines with their levels, and the pipelines its
 * members own personally. A department (a team with teams under it) answers for the pipelines of all its teams and
 * the personal pipelines of all their members, as {@code /people?team=} counts their people: its own name owns few
 * pipelines or none. The team's teams and members are read once per page, its members by team in one query.
 */
@Named("teamSurvival")
@ApplicationScoped
public class TeamSurvival {

    /**
     * What the team page shows.
     *
     * @param label the headline scorecard's level heading
     * @param level the team's level, "none", or {@code null} when none of its pipelines is scored
     * @param rule the team level rule in words
     * @param scored how many of its pipelines the scorecard scores
     * @param trend the trend chart (SVG), or a sentence
     * @param days the team's level per day with a change, oldest first
     * @param personal pipelines owned personally by a member, each with that member
     * @param teamsWithin how many teams under it (children, theirs, and so on) its figures take in
     * @param peopleWithin the members of the teams under it who are not its own members and whom the catalog holds, by
     *        name, at most the page's group limit (a department often has no members of its own: its people are its
     *        teams')
     * @param peopleWithinCount how many they are in all
     * @param pipelines its pipelines and those of the teams under it, by name, at most the page's group limit
     * @param levels the headline scorecard's level of each of its pipelines
     */
    public record View(
            String label,
            String level,
            String rule,
            int scored,
            String trend,
            List<TeamTrends.Day> days,
            List<Personal> personal,
            int teamsWithin,
            List<EntityView> peopleWithin,
            int peopleWithinCount,
            List<EntityView> pipelines,
            HeadlineLevels levels) {}

    /** A pipeline owned by a member rather than by the team. */
    public record Personal(EntityView pipeline, EntityRef member) {}

    @Inject
    ScorecardService scorecards;

    @Inject
    TeamTrends trends;

    @Inject
    DependenceQueries dependence;

    @Inject
    RefViews refViews;

    @Inject
    WebConfig config;

    /** The view of a team (a Group). */
    public View of(EntityRef team) {
        Set<String> teams = dependence.teamsWithin(team.toString());
        Set<String> pipelines = dependence.pipelines(dependence.ownedByAny(teams));
        HeadlineLevels headline = scorecards.headline(pipelines);
        List<String> scored =
                pipelines.stream().map(headline::get).filter(Objects::nonNull).toList();
        String level = TeamLevel.of(headline.levels(), scored).orElse(null);
        List<TeamTrends.Day> days = headline.scorecardRef() == null
                ? List.of()
                : trends.of(headline.scorecardRef(), headline.levels(), pipelines);
        String chart = TrendChart.svg(
                headline.levels(), days.stream().map(TeamTrends.Day::point).toList());
        List<EntityRef> byName = pipelines.stream()
                .map(EntityRef::ofCanonical)
                .sorted(Comparator.comparing(EntityRef::name).thenComparing(EntityRef::toString))
                .limit(config.catalog().groupLimit())
                .toList();
        Map<String, Set<String>> byTeam = dependence.membersByTeam(teams);
        Set<String> members = new TreeSet<>();
        byTeam.values().forEach(members::addAll);
        Set<String> others = new TreeSet<>(members);
        others.removeAll(byTeam.getOrDefault(team.toString(), Set.of()));
        // Counted as listed: a member a team names but the catalog does not hold has no page to list.
        others.retainAll(dependence.inCatalog(others));
        List<EntityRef> peopleWithin = others.stream()
                .map(EntityRef::ofCanonical)
                .sorted(Comparator.comparing(EntityRef::name).thenComparing(EntityRef::toString))
                .limit(config.catalog().groupLimit())
                .toList();
        return new View(
                headline.label(),
                level,
                TeamLevel.RULE,
                scored.size(),
                chart,
                days,
                personal(members),
                teams.size() - 1,
                refViews.of(peopleWithin),
                others.size(),
                refViews.of(byName),
                headline);
    }

    /** The pipelines these members own personally, by member: one query for all of them, not one per member. */
    private List<Personal> personal(Set<String> members) {
        Map<String, Set<String>> owned = dependence.ownedByEach(members);
        Set<String> pipelines = dependence.pipelines(
                owned.values().stream().flatMap(Set::stream).toList());
        List<Personal> out = new ArrayList<>();
        owned.forEach((member, refs) -> refViews.ofCanonical(
                        refs.stream().filter(pipelines::contains).toList())
                .forEach(v -> out.add(new Personal(v, EntityRef.ofCanonical(member)))));
        return out;
    }
}
