package dev.interlock.scorecard;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.catalog.EntityFilter;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;

/**
 * The scorecards registered in the catalog, read as {@link Scorecard}s, and which of them apply to an entity.
 */
@ApplicationScoped
public class Scorecards {

    @Inject
    CatalogQueries queries;

    @Inject
    ScorecardConfig config;

    /** Every registered scorecard (at most {@link ScorecardConfig#max()}), by reference. */
    public List<Scorecard> all() {
        EntityFilter kind = EntityFilter.parse(List.of("kind=scorecard"));
        return queries.list(new CatalogQueries.Query(kind, List.of(), null, List.of()), 0, config.max()).stream()
                .map(e -> Scorecard.of(Entity.of(e)))
                .toList();
    }

    /** The references of every registered scorecard. */
    public Set<String> refs() {
        return all().stream().map(s -> s.ref().toString()).collect(Collectors.toSet());
    }

    /** One scorecard, when it is registered. */
    public Optional<Scorecard> get(EntityRef ref) {
        return queries.byRef(ref).map(e -> Scorecard.of(Entity.of(e)));
    }

    /** The scorecards that judge an entity with these facts ({@link Facts}). */
    static List<Scorecard> applying(List<Scorecard> scorecards, Map<String, Object> facts) {
        return scorecards.stream().filter(s -> s.appliesTo(facts)).toList();
    }
}
