package dev.interlock.teams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.sql.Jdbc;

/**
 * The team tree as it will be once a registration is stored: the catalog's parent–child relations, except those the
 * registration's own Groups stated before (each Group's relations are replaced by its new body's), and the edges those
 * Groups state now. Read around the teams a walk reaches, one query per step of the walk.
 */
final class StatedTree {

    /** One parent–child edge of the tree, by canonical references. */
    record Edge(String parent, String child) {}

    /**
     * What a registration's Groups state, found once per registration.
     *
     * @param groups the Groups it holds, whose stored relations it replaces
     * @param byTeam the edges their bodies state, under each team an edge touches
     */
    record Stated(Set<String> groups, Map<String, List<Edge>> byTeam) {

        static Stated of(Map<EntityRef, Entity> entities) {
            Set<String> groups = new java.util.HashSet<>();
            Map<String, List<Edge>> byTeam = new HashMap<>();
            entities.forEach((ref, body) -> {
                if (body.isKind("group")) {
                    String group = ref.toString();
                    groups.add(group);
                    body.refs("parent").forEach(p -> add(byTeam, new Edge(p.toString(), group)));
                    body.refs("children").forEach(c -> add(byTeam, new Edge(group, c.toString())));
                }
            });
            return new Stated(groups, byTeam);
        }

        private static void add(Map<String, List<Edge>> byTeam, Edge e) {
            byTeam.computeIfAbsent(e.parent(), k -> new ArrayList<>()).add(e);
            if (!e.child().equals(e.parent())) {
                byTeam.computeIfAbsent(e.child(), k -> new ArrayList<>()).add(e);
            }
        }
    }

    private final DataSource dataSource;
    private final Stated stated;

    StatedTree(DataSource dataSource, Stated stated) {
        this.dataSource = dataSource;
        this.stated = stated;
    }

    /** Every team under this one (not itself, unless a loop leads back), following children. */
    Set<String> below(String team) {
        return below(team, null);
    }

    /** Every team under this one, not going on below {@code stopAt} (reached, its teams not walked), or null. */
    Set<String> below(String team, String stopAt) {
        return walk(team, Edge::parent, Edge::child, stopAt);
    }

    /** Every team above this one (not itself, unless a loop leads back), following parents. */
    Set<String> above(String team) {
        return walk(team, Edge::child, Edge::parent, null);
    }

    private Set<String> walk(String from, Function<Edge, String> near, Function<Edge, String> far, String stopAt) {
        Set<String> reached = new LinkedHashSet<>();
        Set<String> asked = new TreeSet<>();
        Set<String> step = new TreeSet<>(Set.of(from));
        while (!step.isEmpty()) {
            asked.addAll(step);
            Set<String> next = new TreeSet<>();
            for (Edge e : edgesAt(step)) {
                String to = far.apply(e);
                if (step.contains(near.apply(e)) && reached.add(to) && !asked.contains(to) && !to.equals(stopAt)) {
                    next.add(to);
                }
            }
            step = next;
        }
        return reached;
    }

    /** The edges touching these teams: the stored ones nobody restates, and the registration's. */
    private List<Edge> edgesAt(Set<String> teams) {
        List<Edge> out = new ArrayList<>();
        Jdbc.run(dataSource, "team tree query", c -> {
            Jdbc.queryIn(
                    c,
                    "SELECT r.source_ref, r.type, r.target_ref FROM relations r"
                            + " WHERE r.type IN ('parentOf', 'childOf') AND r.source_ref IN (IN)"
                            + " UNION SELECT r.source_ref, r.type, r.target_ref FROM relations r"
                            + " WHERE r.type IN ('parentOf', 'childOf') AND r.target_ref IN (IN)",
                    List.of(),
                    teams,
                    rs -> {
                        String source = rs.getString(1);
                        String target = rs.getString(3);
                        if (!stated.groups().contains(source)) {
                            out.add(
                                    "parentOf".equals(rs.getString(2))
                                            ? new Edge(source, target)
                                            : new Edge(target, source));
                        }
                    });
            return null;
        });
        for (String team : teams) {
            out.addAll(stated.byTeam().getOrDefault(team, List.of()));
        }
        return out;
    }
}
