package dev.interlock.people;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The team tree above some teams, as {@link DependenceQueries#teamsAbove} reads it: each team's direct parents (from
 * either side, {@code childOf} or {@code parentOf}; in the catalog or not) and which of them the catalog holds. A walk
 * goes through a parent the catalog does not hold, as that one's parents are still the team's departments, and only
 * leaves it out of the answer; a cycle ends it.
 *
 * @param parents each team's direct parents, sorted
 * @param inCatalog the parents the catalog holds
 */
public record TeamTree(Map<String, Set<String>> parents, Set<String> inCatalog) {

    /** Every team above this one in the catalog, nearest first: its parents, theirs, and so on. */
    public Set<String> above(String team) {
        Set<String> above = new LinkedHashSet<>();
        Deque<String> walk = new ArrayDeque<>(parents.getOrDefault(team, Set.of()));
        while (!walk.isEmpty()) {
            String parent = walk.poll();
            if (!parent.equals(team) && above.add(parent)) {
                walk.addAll(parents.getOrDefault(parent, Set.of()));
            }
        }
        above.retainAll(inCatalog);
        return above;
    }

    /**
     * The way down to this team from the top of its tree, itself last, through its first parent (by reference) at
     * each step: where a table that lists each team once shows it. Only teams in the catalog are on it, besides
     * itself.
     */
    public List<String> path(String team) {
        List<String> path = new ArrayList<>(List.of(team));
        Set<String> seen = new HashSet<>(path);
        String current = team;
        while (true) {
            String next = parents.getOrDefault(current, Set.of()).stream()
                    .filter(p -> !seen.contains(p))
                    .findFirst()
                    .orElse(null);
            if (next == null) {
                return path;
            }
            seen.add(next);
            if (inCatalog.contains(next)) {
                path.add(0, next);
            }
            current = next;
        }
    }
}
