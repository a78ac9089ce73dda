package dev.interlock.people;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.web.EntityView;
import dev.interlock.web.EntityViews;

/**
 * People ranked by how much hangs on them ({@code /people}): production pipelines they alone maintain or that run
 * as them, then how far the damage reaches downstream; filterable by team. The list a leader takes into a staffing
 * conversation.
 */
@Path("/people")
@Produces(MediaType.TEXT_HTML)
public class PeoplePage {

    /** A person in the ranking, with their page's view. */
    public record Row(EntityView person, DependenceService.Ranked rank) {

        /** The teams the person is in. */
        public List<EntityView.RefView> teams() {
            return person.related(dev.interlock.descriptor.RelationType.MEMBER_OF);
        }
    }

    /** A team to filter by: its reference, its name, whether it is the one chosen. */
    public record TeamOption(String value, String label, boolean chosen) {

        /**
         * The options of a team select, by the name its page gives it (its title or display name; with its namespace
         * when not the default, as two teams may share a name), the chosen one (canonical reference, or empty)
         * marked.
         */
        /** A team's name in a select or a heading: its title, with its namespace when not the default. */
        public static String labelOf(EntityView team) {
            return team.ref().namespace().equals(EntityRef.DEFAULT_NAMESPACE)
                    ? team.title()
                    : team.title() + " (" + team.ref().namespace() + ")";
        }

        public static List<TeamOption> of(List<EntityView> teams, String chosen) {
            return teams.stream()
                    .map(t -> new TeamOption(
                            t.ref().toString(), labelOf(t), t.ref().toString().equals(chosen)))
                    .sorted(Comparator.comparing((TeamOption o) -> o.label().toLowerCase(Locale.ROOT))
                            .thenComparing(TeamOption::value))
                    .toList();
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance people(List<Row> rows, List<TeamOption> teams, EntityView team);
    }

    @Inject
    DependenceService dependence;

    @Inject
    DependenceQueries dependenceQueries;

    @Inject
    RefViews refViews;

    @Inject
    EntityViews views;

    @GET
    public TemplateInstance people(@QueryParam("team") String teamParam) {
        EntityView team = TeamParam.resolve(teamParam, views);
        List<DependenceService.Ranked> ranked = dependence.ranking(team == null ? null : team.ref());
        List<EntityView> people = refViews.of(
                ranked.stream().map(DependenceService.Ranked::person).toList());
        Map<EntityRef, EntityView> byRef = new java.util.HashMap<>();
        people.forEach(p -> byRef.put(p.ref(), p));
        List<Row> rows = ranked.stream()
                .filter(r -> byRef.containsKey(r.person()))
                .map(r -> new Row(byRef.get(r.person()), r))
                .toList();
        String chosen = team == null ? "" : team.ref().toString();
        return Templates.people(rows, TeamOption.of(refViews.ofCanonical(dependenceQueries.teams()), chosen), team);
    }
}
