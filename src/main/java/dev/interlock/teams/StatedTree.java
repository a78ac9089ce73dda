package dev.interlock.teams;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.interlock.sql.Jdbc;

/**
 * The team tree as it will be once a registration is stored: the catalog's parent–child relations, except those the
 * registration's own Groups stated before (each Group's relations are replaced by its new body's), and the edges those
 * Groups state now. Read around the teams a walk reaches, one query per step of the walk.
 */
final class StatedTree {

    /** One parent–child edge of the tree, by canonical references. */
    record Edge(String parent, String child) {}

    private final DataSource dataSource;
    private final Set<String> restated;
    private final List<Edge> stated;

    /**
     * @param restated the Groups the registration holds, whose stored relations it replaces
     * @param stated the edges their new bodies state
     */
    StatedTree(DataSource dataSource, Set<String> restated, List<Edge> stated) {
        this.dataSource = dataSource;
        this.restated = restated;
        this.stated = stated;
    }

    /** Every team under these (not themselves, unless a loop leads back), following children. */
    Set<String> below(Collection<String> teams) {
        return walk(teams, Edge::parent, Edge::child);
    }

    /** Every team above these (not themselves, unless a loop leads back), following parents. */
    Set<String> above(Collection<String> teams) {
        return walk(teams, Edge::child, Edge::parent);
    }

    private Set<String> walk(Collection<String> from, Function<Edge, String> near, Function<Edge, String> far) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(from);
        Set<String> asked = new TreeSet<>();
        while (!next.isEmpty()) {
            Set<String> step = new TreeSet<>(next);
            next.clear();
            step.removeAll(asked);
            asked.addAll(step);
            for (Edge e : edgesAt(step)) {
                if (step.contains(near.apply(e)) && reached.add(far.apply(e))) {
                    next.add(far.apply(e));
                }
            }
        }
        return reached;
    }

    /** The edges touching these teams: the stored ones nobody restates, and the registration's. */
    private List<Edge> edgesAt(Set<String> teams) {
        List<Edge> out = new ArrayList<>();
        if (teams.isEmpty()) {
            return out;
        }
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
                        if (!restated.contains(source)) {
                            out.add(
                                    "parentOf".equals(rs.getString(2))
                                            ? new Edge(source, target)
                                            : new Edge(target, source));
                        }
                    });
            return null;
        });
        for (Edge e : stated) {
            if (teams.contains(e.parent()) || teams.contains(e.child())) {
                out.add(e);
            }
        }
        return out;
    }
}
