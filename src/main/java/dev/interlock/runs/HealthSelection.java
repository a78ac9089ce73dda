package dev.interlock.runs;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.people.DependenceQueries;
import dev.interlock.runs.derive.HealthService;
import dev.interlock.runs.derive.HealthService.PipelineStatus;

/**
 * Which pipelines a list of health takes before it looks at their status: those of a family, owned by a team or by a
 * team under it (a department answers for its teams, as its page does), in production. One rule for the health API
 * ({@code /api/pipelines/health}) and the health overview ({@code /runs}), so that both list the same pipelines for the
 * same filters.
 */
@ApplicationScoped
public class HealthSelection {

    /**
     * The pipelines the filters leave, each with its status, in reference order.
     *
     * @param pipelines the pipelines, of every status
     * @param teams the owning teams the team filter took in, the chosen one first ({@code null}: no team chosen)
     */
    public record Selected(List<PipelineStatus> pipelines, Set<String> teams) {

        /** Those with one of these statuses, in the same order; no status chosen: all of them. */
        public List<PipelineStatus> withStatus(Set<String> statuses) {
            return statuses.isEmpty()
                    ? pipelines
                    : pipelines.stream()
                            .filter(s -> statuses.contains(s.status()))
                            .toList();
        }

        /** How many have this status. */
        public long count(String status) {
            return pipelines.stream().filter(s -> s.status().equals(status)).count();
        }
    }

    @Inject
    HealthService health;

    @Inject
    DependenceQueries dependence;

    /**
     * Every pipeline of this family owned by this team or a team under it, in production or of any lifecycle.
     *
     * @param family {@code data}, {@code delivery}, or {@code null} for both
     * @param team the owning team, or {@code null} for every owner
     * @param production only pipelines whose lifecycle is {@code production}
     */
    public Selected of(String family, EntityRef team, boolean production) {
        Set<String> teams = team == null ? null : dependence.teamsWithin(team.toString());
        List<PipelineStatus> matching = health.statuses().stream()
                .filter(s -> family == null || family.equals(s.pipeline().family()))
                .filter(s -> teams == null || teams.contains(s.pipeline().owner()))
                .toList();
        if (production) {
            Set<String> inProduction = dependence.inProduction(
                    matching.stream().map(s -> s.pipeline().ref()).toList());
            matching = matching.stream()
                    .filter(s -> inProduction.contains(s.pipeline().ref()))
                    .toList();
        }
        return new Selected(matching, teams);
    }
}
