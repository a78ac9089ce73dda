package dev.interlock.scorecard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.catalog.EntityFilter;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.people.DependenceQueries;

/** The scorecards API: every scorecard, one scorecard's results, one entity's results. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ScorecardResource {

    @Inject
    ScorecardService scorecards;

    @Inject
    CatalogQueries queries;

    @Inject
    DependenceQueries teams;

    @Inject
    ScorecardConfig config;

    @GET
    @Path("/scorecards")
    public Map<String, Object> list() {
        return Map.of(
                "items",
                scorecards.scorecards().stream()
                        .map(s -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("ref", s.ref().toString());
                            m.put("title", s.title());
                            m.put("description", s.description());
                            m.put("appliesTo", s.appliesTo());
                            m.put("levels", s.levels());
                            m.put("checks", s.checks().size());
                            return m;
                        })
                        .toList());
    }

    /** Results per entity; {@code filter} (Backstage's syntax) and {@code owner} narrow the entities. */
    @GET
    @Path("/scorecards/{namespace}/{name}/results")
    public Map<String, Object> results(
            @PathParam("namespace") String namespace,
            @PathParam("name") String name,
            @QueryParam("filter") List<String> filter,
            @QueryParam("owner") String owner) {
        EntityRef ref = new EntityRef("scorecard", namespace, name);
        scorecards.scorecard(ref).orElseThrow(() -> new NotFoundException("no scorecard " + ref));
        List<ScoreResult> results = scorecards.results(ref.toString(), null);
        if (!filter.isEmpty() || owner != null) {
            Set<String> allowed = matching(filter, owner);
            results = results.stream()
                    .filter(r -> allowed.contains(r.entityRef()))
                    .toList();
        }
        return Map.of("items", results);
    }

    private Set<String> matching(List<String> filter, String owner) {
        EntityFilter f;
        try {
            f = EntityFilter.parse(filter);
            if (owner != null) {
                // A department answers for the teams under it, as its page and the scorecard's table by team do.
                EntityFilter.Condition owned = new EntityFilter.Condition(
                        "relations.ownedby",
                        Set.copyOf(teams.teamsWithin(EntityRef.parse(owner, "group", EntityRef.DEFAULT_NAMESPACE)
                                .toString())));
                f = new EntityFilter(
                        f.alternatives().isEmpty()
                                ? List.of(List.of(owned))
                                : f.alternatives().stream()
                                        .map(a -> {
                                            List<EntityFilter.Condition> and = new ArrayList<>(a);
                                            and.add(owned);
                                            return and;
                                        })
                                        .toList());
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        return queries.list(new CatalogQueries.Query(f, List.of(), null, List.of()), 0, config.filterLimit()).stream()
                .map(e -> Entity.of(e).ref().toString())
                .collect(Collectors.toSet());
    }
}
