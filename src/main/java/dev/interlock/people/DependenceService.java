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
     * @param productionAlone production pipelines they alone maintain or that run as them
     * @param alone pipelines (any lifecycle) they alone maintain or that run as them
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
    dev.interlock.runs.derive.HealthService health;

    /** What hangs on a person; empty when the catalog has no such User. */
    public Optional<PersonDependence> of(EntityRef person) {
        if (!person.kind().equals("user") || catalog.byRef(person).isEmpty()) {
            return Optional.empty();
        }
        String key = person.toString();
        List<String> sole = list(queries.soleMaintainers(key).get(key));
        List<String> runsAs = list(queries.runsAs(person).get(key));
        List<String> restorer = soleRestorer(person);
        List<String> owns = list(queries.ownedPersonally(key).get(key));
        Set<String> hanging = new TreeSet<>();
        hanging.addAll(sole);
        hanging.addAll(runsAs);
        hanging.addAll(restorer);
        hanging.addAll(owns);
        Downstream down = downstream(hanging, key, new HashMap<>());
        return Optional.of(
                new PersonDependence(key, sole, runsAs, restorer, owns, list(down.refs()), list(down.owners())));
    }

    /**
     * Pipelines whose failures of the last 90 days were all restored by this person, as far as their run sources name
     * who restored them (runs.md §4, "who restored each episode").
     */
    List<String> soleRestorer(EntityRef person) {
        Set<String> me = Set.of(person.toString(), "user:" + person.name());
        return health.of(queries.pipelinesWithRunsBy(person.name())).entrySet().stream()
                .filter(e -> !e.getValue().restorers().isEmpty()
                        && me.containsAll(e.getValue().restorers()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /**
     * People ranked by how much hangs on them, the most first; people on whom nothing hangs are left out.
     *
     * @param team only the members of this team, or {@code null} for everyone
     */
    public List<Ranked> ranking(EntityRef team) {
        Map<String, Set<String>> sole = queries.soleMaintainers(null);
        Map<String, Set<String>> runsAs = queries.runsAs(null);
        Map<String, Set<String>> owns = queries.ownedPersonally(null);
        Set<String> people = new TreeSet<>();
        people.addAll(sole.keySet());
        people.addAll(runsAs.keySet());
        people.addAll(owns.keySet());
        if (team != null) {
            people.retainAll(queries.members(team.toString()));
        }
        Set<String> alonePipelines = new TreeSet<>();
        people.forEach(p -> {
            alonePipelines.addAll(sole.getOrDefault(p, Set.of()));
            alonePipelines.addAll(runsAs.getOrDefault(p, Set.of()));
        });
        Set<String> production = queries.inProduction(alonePipelines);
        Map<String, Map<String, List<String>>> cache = new HashMap<>();
        List<Ranked> out = new ArrayList<>();
        for (String p : people) {
            Set<String> alone = new TreeSet<>(sole.getOrDefault(p, Set.of()));
            alone.addAll(runsAs.getOrDefault(p, Set.of()));
            Set<String> owned = owns.getOrDefault(p, Set.of());
            Set<String> hanging = new TreeSet<>(alone);
            hanging.addAll(owned);
            int prod = (int) alone.stream().filter(production::contains).count();
            out.add(new Ranked(
                    EntityRef.ofCanonical(p),
                    prod,
                    alone.size(),
                    owned.size(),
                    downstream(hanging, p, cache).refs().size()));
        }
        out.sort(MOST_FIRST);
        return out;
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
