package dev.interlock.runs.web;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.people.DependenceQueries;
import dev.interlock.people.PeoplePage.TeamOption;
import dev.interlock.people.RefViews;
import dev.interlock.people.TeamParam;
import dev.interlock.runs.HealthSelection;
import dev.interlock.runs.derive.Health;
import dev.interlock.runs.derive.HealthService;
import dev.interlock.web.EntityView;
import dev.interlock.web.EntityViews;
import dev.interlock.web.WebConfig;

/**
 * What the health overview ({@code /runs}) shows for its filters ({@link HealthFilter}): every pipeline the family,
 * team and lifecycle filters leave, counted by status for the status links, and those of the chosen statuses worst
 * first, a page at a time, each with its owner. A team takes in the teams under it, as its page and the API's {@code owner=} do.
 */
@ApplicationScoped
public class HealthOverview {

    /** One status filter link, with how many of the filtered pipelines have that status. */
    public record StatusLink(String status, String word, String href, boolean chosen, long count) {}

    /** A pipeline of the list and its owner (a link when the catalog holds it). */
    public record Row(HealthView health, EntityView.RefView owner) {}

    /**
     * The page's model.
     *
     * @param team the chosen team's view, or {@code null} for every team
     * @param teamLabel its name as the select gives it, or {@code null}
     * @param teamsWithin how many teams under the chosen one its list takes in (0: none, or no team chosen)
     * @param teams the team select's options, by title
     * @param matching how many pipelines the family, team and lifecycle filters leave, of any status
     * @param listed how many of them have a chosen status, on every page
     * @param pages how many pages they fill
     * @param rows the pipelines of the filter's page
     */
    public record View(
            HealthFilter filter,
            EntityView team,
            String teamLabel,
            int teamsWithin,
            List<StatusLink> statuses,
            List<TeamOption> teams,
            int matching,
            int listed,
            int pages,
            List<Row> rows) {}

    @Inject
    HealthService health;

    @Inject
    HealthSelection selection;

    @Inject
    DependenceQueries dependence;

    @Inject
    EntityViews views;

    @Inject
    RefViews refViews;

    @Inject
    WebConfig config;

    /** The list for these filters; a team the catalog does not hold as a Group is a 404, not every team's list. */
    public View of(String status, String family, String team, String production, String page) {
        EntityView teamView = TeamParam.resolve(team, views);
        HealthFilter filter =
                HealthFilter.of(status, family, teamView == null ? null : teamView.ref(), production, page);
        HealthSelection.Selected all = selection.of(filter.family(), filter.team(), filter.production());
        List<StatusLink> links = Health.STATUSES.stream()
                .map(s -> new StatusLink(s, HealthView.word(s), filter.onlyStatus(s), filter.chosen(s), all.count(s)))
                .toList();
        List<HealthService.PipelineStatus> chosen = all.withStatus(filter.statuses()).stream()
                .sorted(Comparator.comparingInt((HealthService.PipelineStatus s) -> Health.rank(s.status())))
                .toList();
        // Only the page's pipelines are built in full (reasons, culprits, last run): a list of every pipeline of a
        // large catalog would be both slow and unreadable.
        int size = config.pipelines().pageSize();
        int pages = Math.max(1, (chosen.size() + size - 1) / size);
        int from = (int) Math.min((long) (filter.page() - 1) * size, chosen.size());
        List<HealthService.PipelineStatus> shown = chosen.subList(from, Math.min(chosen.size(), from + size));
        Set<String> ownersHeld = dependence.inCatalog(shown.stream()
                .map(s -> s.pipeline().owner())
                .filter(o -> o != null)
                .toList());
        List<Row> rows = health.of(shown.stream().map(s -> s.pipeline().ref()).toList()).values().stream()
                .map(h -> new Row(
                        HealthView.of(h, List.of()),
                        h.owner() == null
                                ? null
                                : new EntityView.RefView(
                                        EntityRef.ofCanonical(h.owner()), ownersHeld.contains(h.owner()))))
                .toList();
        return new View(
                filter,
                teamView,
                teamView == null ? null : TeamOption.labelOf(teamView),
                all.teams() == null ? 0 : all.teams().size() - 1,
                links,
                TeamOption.of(refViews.ofCanonical(dependence.teams()), filter.teamValue()),
                all.pipelines().size(),
                chosen.size(),
                pages,
                rows);
    }
}
