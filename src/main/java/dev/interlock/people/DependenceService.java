package dev.interlock.people;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.catalog.ImpactAnalysis;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.pipeline.SinglePointsOfFailure;

/**
 * Computes what hangs on a person ({@link PersonDependence}) and ranks people by it: the pipelines they alone
 * maintain, that run as them, that they own personally, and what is downstream of those.
 */
@ApplicationScoped
public class DependenceService {

    /** Most entities followed downstream of one entity. */
    static final int DOWNSTREAM_LIMIT = 500;

    /**
     * One person in the ranking.
     *
     * @param person the person
     * @param productionAlone production pipelines they alone maintain, that run as them or that only they restored
     * @param alone pipelines (any lifecycle) they alone maintain, that run as them or that only they restored
     * @param owns entities they own personally
     * @param reach how many entities are downstream of all that
     */
    public record Ranked(EntityRef person, int productionAlone, int alone, int owns, int reach) {}

    private static final Comparator<Ranked> MOST_FIRST = Comparator.comparingInt(Ranked::productionAlone)
            .reversed()
            .thenComparing(Comparator.comparingInt(Ranked::reach).reversed())
            .thenComparing(Comparator.comparingInt(Ranked::alone).reversed())
            .thenComparing(Comparator.comparingInt(Ranked::owns).reversed())
            .thenComparing(r -> r.person().toString());

    @Inject
    DependenceQueries queries;

    @Inject
    CatalogQueries catalog;

    @Inject
    ImpactAnalysis impact;

    @Inject
    dev.interlock.runs.derive.Restorers restorers;

    /** What hangs on a person; empty when the catalog has no such User. */
    public Optional<PersonDependence> of(EntityRef person) {
        if (!person.kind().equals("user") || catalog.byRef(person).isEmpty()) {
            return Optional.empty();
        }
        String key = person.toString();
        return Optional.of(dependence(
                key,
                queries.soleMaintainers(key).get(key),
                queries.runsAs(person).get(key),
                soleRestorer(person),
                queries.ownedPersonally(key).get(key),
                new HashMap<>()));
    }

    /**
     * What hangs on one person, from what they alone maintain, run as, restore and own: the one computation behind
     * the API, the person's page and the ranking, so that all three count the same downstream.
     *
     * @param cache each start's downstream entities with their owners, shared within one ranking
     */
    private PersonDependence dependence(
            String key,
            Collection<String> soleMaintainer,
            Collection<String> runsAs,
            Collection<String> soleRestorer,
            Collection<String> owns,
            Map<String, Map<String, List<String>>> cache) {
        List<String> sole = list(soleMaintainer);
        List<String> runs = list(runsAs);
        List<String> restorer = list(soleRestorer);
        List<String> owned = list(owns);
        Set<String> hanging = new TreeSet<>();
        hanging.addAll(sole);
        hanging.addAll(runs);
        hanging.addAll(restorer);
        hanging.addAll(owned);
        Downstream down = downstream(hanging, key, cache);
        return new PersonDependence(key, sole, runs, restorer, owned, list(down.refs()), list(down.owners()));
    }

    /**
     * Pipelines whose failures of the last 90 days were all restored by this person, as far as their run sources name
     * who restored them (runs.md §4, "who restored each episode").
     */
    List<String> soleRestorer(EntityRef person) {
        return List.copyOf(soleRestorers().getOrDefault(person.toString(), Set.of()));
    }

    /**
     * For every person who alone restored some pipelines: those pipelines, in reference order. Read afresh, not from
     * {@link dev.interlock.pipeline.SoleRestorers}' list answer, which may be seconds old: a person's page follows a
     * run that has just ended.
     */
    Map<String, Set<String>> soleRestorers() {
        Map<String, Set<String>> out = new HashMap<>();
        restorers
                .all()
                .forEach((pipeline, restorers) -> SinglePointsOfFailure.soleRestorer(restorers)
                        .ifPresent(p -> out.computeIfAbsent(p.toString(), k -> new TreeSet<>())
                                .add(pipeline)));
        return out;
    }

    /**
     * People ranked by how much hangs on them, the most first; people on whom nothing hangs are left out.
     *
     * @param team only the members of this team, or {@code null} for everyone
     */
    public List<Ranked> ranking(EntityRef team) {
        Map<String, Set<String>> sole = queries.soleMaintainers(null);
        Map<String, Set<String>> runsAs = queries.runsAs(null);
        Map<String, Set<String>> restorer = soleRestorers();
        Map<String, Set<String>> owns = queries.ownedPersonally(null);
        Set<String> people = new TreeSet<>();
        people.addAll(sole.keySet());
        people.addAll(runsAs.keySet());
        people.addAll(restorer.keySet());
        people.addAll(owns.keySet());
        if (team != null) {
            people.retainAll(queries.membersWithin(team.toString()));
        }
        Map<String, Map<String, List<String>>> cache = new HashMap<>();
        List<PersonDependence> dependences = new ArrayList<>();
        Set<String> alonePipelines = new TreeSet<>();
        for (String p : people) {
            PersonDependence d = dependence(p, sole.get(p), runsAs.get(p), restorer.get(p), owns.get(p), cache);
            dependences.add(d);
            alonePipelines.addAll(alone(d));
        }
        Set<String> production = queries.inProduction(alonePipelines);
        List<Ranked> out = new ArrayList<>();
        for (PersonDependence d : dependences) {
            Set<String> alone = alone(d);
            out.add(new Ranked(
                    EntityRef.ofCanonical(d.person()),
                    (int) alone.stream().filter(production::contains).count(),
                    alone.size(),
                    d.owns().size(),
                    d.downstream().size()));
        }
        out.sort(MOST_FIRST);
        return out;
    }

    /** The pipelines that hang on the person alone: they alone maintain it, it runs as them, or only they restore it. */
    static Set<String> alone(PersonDependence d) {
        Set<String> alone = new TreeSet<>(d.soleMaintainer());
        alone.addAll(d.runsAs());
        alone.addAll(d.soleRestorer());
        return alone;
    }

    /** Everything downstream of some entities, and its owners. */
    private record Downstream(Set<String> refs, Set<String> owners) {}

    /**
     * What is downstream of the starts (never a start itself) and who owns it, other than the person.
     *
     * @param cache each start's downstream entities with their owners, shared within one ranking
     */
    private Downstream downstream(
            Collection<String> starts, String person, Map<String, Map<String, List<String>>> cache) {
        Map<String, List<String>> reached = new HashMap<>();
        for (String start : starts) {
            reached.putAll(cache.computeIfAbsent(start, s -> {
                Map<String, List<String>> one = new HashMap<>();
                for (ImpactAnalysis.Impacted i : impact.downstream(EntityRef.ofCanonical(s), DOWNSTREAM_LIMIT)
                        .items()) {
                    one.put(
                            i.ref().toString(),
                            i.owners().stream().map(EntityRef::toString).toList());
                }
                return one;
            }));
        }
        starts.forEach(reached::remove);
        Set<String> owners = new TreeSet<>();
        reached.values().forEach(owners::addAll);
        owners.remove(person);
        return new Downstream(new TreeSet<>(reached.keySet()), owners);
    }

    private static List<String> list(Collection<String> values) {
        return values == null ? List.of() : List.copyOf(new TreeSet<>(values));
    }
}
