package dev.interlock.scorecard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Entities' results rolled up the team tree, for a table by team: each team counts the entities it owns, and every
 * department above it counts them too. The rows come as the tree reads, each department followed by the teams under
 * it, depth first and by reference among siblings, so that a leader sees which teams make up a department's figures.
 *
 * <p>A team with two parents counts in both, and is listed once, under the one its path goes through
 * ({@code DependenceQueries.teamsAbove}: the first parent at each step). Only teams in the catalog are listed, so a
 * team whose parent is missing is listed under the team above that one, or starts a tree of its own.
 */
public final class TeamRollup {

    private TeamRollup() {}

    /**
     * One row of the table.
     *
     * @param team the team's canonical reference
     * @param items its own entities' results and those of every team under it
     * @param teamsWithin how many teams under it own some of {@code items}
     * @param parent the department it is listed under, or {@code null} at the top of a tree
     * @param depth how many departments it is listed under (0 at the top)
     */
    public record Row<T>(String team, List<T> items, int teamsWithin, String parent, int depth) {}

    /**
     * The rows for these owners.
     *
     * @param owned each owning team's own results
     * @param above a team's teams above it in the catalog, every one whose figures take in its own
     * @param path the way down to a team from the top of its tree, itself last: where it is listed
     */
    public static <T> List<Row<T>> of(
            Map<String, List<T>> owned,
            Function<String, ? extends Collection<String>> above,
            Function<String, List<String>> path) {
        Map<String, List<T>> byTeam = new TreeMap<>();
        Map<String, Integer> within = new HashMap<>();
        owned.forEach((owner, own) -> {
            byTeam.computeIfAbsent(owner, k -> new ArrayList<>()).addAll(own);
            for (String department : above.apply(owner)) {
                byTeam.computeIfAbsent(department, k -> new ArrayList<>()).addAll(own);
                within.merge(department, 1, Integer::sum);
            }
        });
        Map<String, List<String>> paths = new HashMap<>();
        byTeam.keySet().forEach(team -> paths.put(team, listed(team, path.apply(team), byTeam.keySet())));
        List<String> order = new ArrayList<>(byTeam.keySet());
        order.sort((a, b) -> comparePaths(paths.get(a), paths.get(b)));
        List<Row<T>> rows = new ArrayList<>();
        for (String team : order) {
            List<String> p = paths.get(team);
            rows.add(new Row<>(
                    team,
                    List.copyOf(byTeam.get(team)),
                    within.getOrDefault(team, 0),
                    p.size() < 2 ? null : p.get(p.size() - 2),
                    p.size() - 1));
        }
        return rows;
    }

    /** A team's path with only the teams that have rows: a department listed is one that takes in some figures. */
    private static List<String> listed(String team, List<String> path, Set<String> rows) {
        List<String> out = new ArrayList<>();
        for (String t : path) {
            if (t.equals(team) || rows.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Depth first: a department before the teams under it, siblings by reference. */
    private static int comparePaths(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
