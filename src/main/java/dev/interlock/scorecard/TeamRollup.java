package dev.interlock.scorecard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Entities' results rolled up the team tree, for a table by team: each team counts the entities it owns, and every
 * department above it counts them too. The rows come as the tree reads, each department followed by the teams under
 * it, depth first and by reference among siblings, so that a leader sees which teams make up a department's figures.
 *
 * <p>Teams above come nearest first, as {@code DependenceQueries.teamsAbove} gives them; only teams in the catalog are
 * there, so a team whose parent is missing starts a tree of its own. A team with two parents is listed under the
 * nearest one found first.
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
     * @param above each team's teams above it in the catalog, nearest first; teams with none may be left out
     */
    public static <T> List<Row<T>> of(Map<String, List<T>> owned, Map<String, Set<String>> above) {
        Map<String, List<T>> byTeam = new TreeMap<>();
        Map<String, Integer> within = new HashMap<>();
        // Each team's way down from the top of its tree, itself last.
        Map<String, List<String>> paths = new HashMap<>();
        owned.forEach((owner, own) -> {
            byTeam.computeIfAbsent(owner, k -> new ArrayList<>()).addAll(own);
            List<String> chain = new ArrayList<>(above.getOrDefault(owner, Set.of()));
            for (String department : chain) {
                byTeam.computeIfAbsent(department, k -> new ArrayList<>()).addAll(own);
                within.merge(department, 1, Integer::sum);
            }
            chain.add(0, owner);
            for (int i = 0; i < chain.size(); i++) {
                List<String> path = new ArrayList<>(chain.subList(i, chain.size()));
                Collections.reverse(path);
                paths.putIfAbsent(chain.get(i), path);
            }
        });
        List<String> order = new ArrayList<>(byTeam.keySet());
        order.sort((a, b) -> comparePaths(paths.get(a), paths.get(b)));
        List<Row<T>> rows = new ArrayList<>();
        for (String team : order) {
            List<String> path = paths.get(team);
            rows.add(new Row<>(
                    team,
                    List.copyOf(byTeam.get(team)),
                    within.getOrDefault(team, 0),
                    path.size() < 2 ? null : path.get(path.size() - 2),
                    path.size() - 1));
        }
        return rows;
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
