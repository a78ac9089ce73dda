package dev.interlock.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationType;
import dev.interlock.model.Entity;
import dev.interlock.sql.Jdbc;

/**
 * What breaks downstream if an entity breaks: everything that depends on it, reads what it feeds, or consumes
 * what it provides, transitively, with the owners to notify.
 *
 * <p>An entity Y is directly downstream of X when Y depends on X ({@code dependsOn} / {@code dependencyOf}), Y is
 * a pipeline reading X ({@code readsFrom}), X is a pipeline writing Y ({@code writesTo}), X provides the API Y
 * ({@code providesApi}) or Y consumes the API X ({@code consumesApi}). Lineage (resource → pipeline → resource →
 * ...) and service → API → consumer chains are therefore both followed.
 *
 * <p>The graph is walked breadth first with a fixed number of queries per level, whatever the number of entities
 * in it, so a large catalog costs round trips in proportion to the depth of the impact, not its size.
 */
@ApplicationScoped
public class ImpactAnalysis {

    /**
     * The downstream impact of one entity.
     *
     * @param start the entity that breaks
     * @param items what breaks with it, by depth then reference; never the start itself
     * @param truncated whether more entities are downstream than the node cap allowed to list
     */
    public record Impact(EntityRef start, List<Impacted> items, boolean truncated) {}

    /**
     * One entity downstream of the start.
     *
     * @param ref the entity
     * @param depth how many relations away from the start it is (1 for direct dependents)
     * @param via the upstream entity through which it was reached first (the start at depth 1)
     * @param relation how this entity relates to {@code via}, from this entity's point of view: {@code dependsOn},
     *        {@code readsFrom}, {@code writtenBy}, {@code consumesApi} or {@code apiProvidedBy}
     * @param resolved whether the entity is in the catalog (references may name entities not registered yet)
     * @param kind the kind as written in its body; for an unresolved entity the reference's kind
     * @param title its {@code metadata.title}, else its name; for an unresolved entity the reference's name
     * @param owners the targets of its {@code ownedBy} relations, by reference
     */
    public record Impacted(
            EntityRef ref,
            int depth,
            EntityRef via,
            String relation,
            boolean resolved,
            String kind,
            String title,
            List<EntityRef> owners) {}

    /**
     * An owner to notify.
     *
     * @param ref the owner (usually a group or user)
     * @param resolved whether the owner is in the catalog
     * @param of the impacted entities it owns, in the order of the impact's items
     */
    public record Owner(EntityRef ref, boolean resolved, List<EntityRef> of) {}

    /*
     * The relations table holds each relation once, as the source's spec declared it. Downstream of X is found
     * from two sides: rows X declares whose target is downstream (X dependencyOf/writesTo/providesApi Y), and rows
     * downstream entities declare that point at X (Y dependsOn/readsFrom/consumesApi X).
     */
    private static final List<String> DOWNSTREAM_IS_TARGET =
            ids(RelationType.DEPENDENCY_OF, RelationType.WRITES_TO, RelationType.PROVIDES_API);
    private static final List<String> DOWNSTREAM_IS_SOURCE =
            ids(RelationType.DEPENDS_ON, RelationType.READS_FROM, RelationType.CONSUMES_API);
    private static final Comparator<EntityRef> BY_REF = Comparator.comparing(EntityRef::toString);

    @Inject
    DataSource dataSource;

    @Inject
    EntityJson json;

    /**
     * Everything downstream of an entity, transitively. Each entity is listed once, at the depth it is first
     * reached, so cycles end. The start need not be in the catalog: references to it are followed all the same.
     *
     * @param start the entity that breaks
     * @param maxNodes the most entities to list (at least 1); when more are downstream the result lists the first
     *        {@code maxNodes} in depth-then-reference order and says it is truncated
     */
    public Impact downstream(EntityRef start, int maxNodes) {
        if (maxNodes < 1) {
            throw new IllegalArgumentException("maxNodes must be at least 1, got " + maxNodes);
        }
        return run(c -> {
            List<Step> reached = new ArrayList<>();
            Set<String> visited = new HashSet<>(Set.of(start.toString()));
            List<String> frontier = List.of(start.toString());
            boolean truncated = false;
            for (int depth = 1; !frontier.isEmpty() && !truncated; depth++) {
                List<String> next = new ArrayList<>();
                // Edges come sorted by reference, then via: the first edge to a new entity is the one kept, so
                // "via" is deterministic and a truncated result is a prefix of the complete one.
                for (Edge edge : edgesFrom(c, frontier)) {
                    if (visited.contains(edge.ref())) {
                        continue;
                    }
                    if (reached.size() == maxNodes) {
                        truncated = true;
                        break;
                    }
                    visited.add(edge.ref());
                    reached.add(new Step(edge, depth));
                    next.add(edge.ref());
                }
                frontier = next;
            }
            List<String> refs = reached.stream().map(step -> step.edge().ref()).toList();
            Map<String, Entity> bodies = bodies(c, refs);
            Map<String, List<EntityRef>> owners = owners(c, refs);
            List<Impacted> items = new ArrayList<>();
            for (Step step : reached) {
                Edge edge = step.edge();
                EntityRef ref = EntityRef.ofCanonical(edge.ref());
                Entity body = bodies.get(edge.ref());
                items.add(new Impacted(
                        ref,
                        step.depth(),
                        EntityRef.ofCanonical(edge.via()),
                        edge.relation(),
                        body != null,
                        body == null ? ref.kind() : body.kind(),
                        body == null ? ref.name() : title(body, ref),
                        owners.getOrDefault(edge.ref(), List.of())));
            }
            return new Impact(start, List.copyOf(items), truncated);
        });
    }

    /**
     * The owners of the impacted entities, each with what it owns among them, the owner of the most impacted
     * entities first (ties by reference).
     */
    public List<Owner> ownersToNotify(Impact impact) {
        Map<EntityRef, List<EntityRef>> of = new LinkedHashMap<>();
        for (Impacted item : impact.items()) {
            for (EntityRef owner : item.owners()) {
                of.computeIfAbsent(owner, k -> new ArrayList<>()).add(item.ref());
            }
        }
        if (of.isEmpty()) {
            return List.of();
        }
        List<String> ownerRefs = of.keySet().stream().map(EntityRef::toString).toList();
        Set<String> known = run(c -> bodies(c, ownerRefs).keySet());
        return of.entrySet().stream()
                .map(e -> new Owner(e.getKey(), known.contains(e.getKey().toString()), List.copyOf(e.getValue())))
                .sorted(Comparator.comparingInt((Owner o) -> o.of().size())
                        .reversed()
                        .thenComparing(Owner::ref, BY_REF))
                .toList();
    }

    /**
     * Those of the candidates (entities downstream of the start) from which the start is downstream in turn: its own
     * upstream, reached again through a loop. Walks upstream from the start through the candidates only.
     */
    public Set<EntityRef> loopingBack(EntityRef start, Collection<EntityRef> candidates) {
        Set<String> allowed = new HashSet<>();
        candidates.forEach(r -> allowed.add(r.toString()));
        return run(c -> {
            Set<EntityRef> found = new HashSet<>();
            Set<String> visited = new HashSet<>(Set.of(start.toString()));
            List<String> frontier = List.of(start.toString());
            while (!frontier.isEmpty()) {
                List<String> next = new ArrayList<>();
                // The reverse of edgesFrom: what the frontier stands on.
                Jdbc.queryIn(
                        c,
                        "SELECT r.target_ref FROM relations r WHERE r.type IN ("
                                + Jdbc.marks(DOWNSTREAM_IS_SOURCE.size()) + ") AND r.source_ref IN (IN)",
                        DOWNSTREAM_IS_SOURCE,
                        frontier,
                        rs -> next.add(rs.getString(1)));
                Jdbc.queryIn(
                        c,
                        "SELECT r.source_ref FROM relations r WHERE r.type IN ("
                                + Jdbc.marks(DOWNSTREAM_IS_TARGET.size()) + ") AND r.target_ref IN (IN)",
                        DOWNSTREAM_IS_TARGET,
                        frontier,
                        rs -> next.add(rs.getString(1)));
                frontier = next.stream()
                        .distinct()
                        .filter(allowed::contains)
                        .filter(visited::add)
                        .toList();
                frontier.forEach(r -> found.add(EntityRef.ofCanonical(r)));
            }
            return found;
        });
    }

    /** One step downstream: {@code ref} is reached from {@code via}, to which it relates as {@code relation}. */
    private record Edge(String ref, String via, String relation) {}

    /** An edge kept by the walk, at the depth of the entity it reached. */
    private record Step(Edge edge, int depth) {}

    /** The edges from a BFS level to the next, sorted by reference, then via, then relation. */
    private static List<Edge> edgesFrom(Connection c, List<String> frontier) throws SQLException {
        List<Edge> edges = new ArrayList<>();
        // Rows the frontier declares: the target is downstream and sees the row from the other end.
        Jdbc.queryIn(
                c,
                "SELECT r.target_ref, r.source_ref, r.type FROM relations r WHERE r.type IN ("
                        + Jdbc.marks(DOWNSTREAM_IS_TARGET.size()) + ") AND r.source_ref IN (IN)",
                DOWNSTREAM_IS_TARGET,
                frontier,
                rs -> edges.add(new Edge(
                        rs.getString(1),
                        rs.getString(2),
                        RelationType.byId(rs.getString(3)).inverse().id())));
        // Rows pointing at the frontier: the source is downstream and declared the row itself.
        Jdbc.queryIn(
                c,
                "SELECT r.source_ref, r.target_ref, r.type FROM relations r WHERE r.type IN ("
                        + Jdbc.marks(DOWNSTREAM_IS_SOURCE.size()) + ") AND r.target_ref IN (IN)",
                DOWNSTREAM_IS_SOURCE,
                frontier,
                rs -> edges.add(new Edge(rs.getString(1), rs.getString(2), rs.getString(3))));
        edges.sort(Comparator.comparing(Edge::ref).thenComparing(Edge::via).thenComparing(Edge::relation));
        return edges;
    }

    /** The stored bodies of those of these entities that are in the catalog, by reference. */
    private Map<String, Entity> bodies(Connection c, List<String> refs) throws SQLException {
        Map<String, Entity> bodies = new HashMap<>();
        Jdbc.queryIn(
                c,
                "SELECT e.entity_ref, e.body FROM entities e WHERE e.entity_ref IN (IN)",
                List.of(),
                refs,
                rs -> bodies.put(rs.getString(1), json.readEntity(rs.getString(2))));
        return bodies;
    }

    /** The owners of these entities (targets of their ownedBy rows), by entity, each list sorted by reference. */
    private static Map<String, List<EntityRef>> owners(Connection c, List<String> refs) throws SQLException {
        Map<String, List<EntityRef>> owners = new HashMap<>();
        List<String> type = List.of(RelationType.OWNED_BY.id());
        Jdbc.queryIn(
                c,
                "SELECT r.source_ref, r.target_ref FROM relations r WHERE r.type = ? AND r.source_ref IN (IN)"
                        + " ORDER BY r.source_ref, r.target_ref",
                type,
                refs,
                rs -> owners.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(EntityRef.ofCanonical(rs.getString(2))));
        return owners;
    }

    /** Its {@code metadata.title}, else its name. */
    private static String title(Entity body, EntityRef ref) {
        String title = body.metadata().title();
        if (title != null && !title.isBlank()) {
            return title;
        }
        String name = body.root().at("metadata.name").text();
        return name != null ? name : ref.name();
    }

    private static List<String> ids(RelationType... types) {
        return Arrays.stream(types).map(RelationType::id).toList();
    }

    private <T> T run(Jdbc.Work<T> work) {
        return Jdbc.run(dataSource, "impact analysis query", work);
    }
}
