package dev.interlock.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.interlock.people.TeamTree;

class TeamRollupTest {

    private static final String DEPT = "group:default/m-dept";
    private static final String NORTH = "group:default/a-north";
    private static final String SOUTH = "group:default/b-south";
    private static final String INNER = "group:default/c-inner";

    private static Set<String> sorted(String... teams) {
        return new TreeSet<>(List.of(teams));
    }

    private static <T> List<TeamRollup.Row<T>> rows(Map<String, List<T>> owned, TeamTree tree) {
        return TeamRollup.of(owned, tree::above, tree::path);
    }

    /** A department counts its teams' entities and its teams follow it, depth first, siblings by name. */
    @Test
    void rowsReadAsTheTeamTreeWithEachDepartmentTakingInTheTeamsUnderIt() {
        Map<String, List<String>> owned = Map.of(
                SOUTH,
                List.of("s1"),
                NORTH,
                List.of("n1", "n2"),
                INNER,
                List.of("i1"),
                "group:default/a-alone",
                List.of("x1"),
                "group:default/z-team",
                List.of("z1"));
        TeamTree tree = new TeamTree(
                Map.of(SOUTH, sorted(DEPT), NORTH, sorted(DEPT), INNER, sorted(NORTH)), Set.of(DEPT, NORTH));

        List<TeamRollup.Row<String>> rows = rows(owned, tree);

        assertEquals(
                List.of("group:default/a-alone", DEPT, NORTH, INNER, SOUTH, "group:default/z-team"),
                rows.stream().map(TeamRollup.Row::team).toList());
        assertEquals(
                List.of(0, 0, 1, 2, 1, 0),
                rows.stream().map(TeamRollup.Row::depth).toList());
        assertEquals(
                Arrays.asList(null, null, DEPT, NORTH, DEPT, null),
                rows.stream().map(TeamRollup.Row::parent).toList());
        TeamRollup.Row<String> dept = rows.get(1);
        assertEquals(Set.of("s1", "n1", "n2", "i1"), Set.copyOf(dept.items()));
        assertEquals(3, dept.teamsWithin());
        TeamRollup.Row<String> north = rows.get(2);
        assertEquals(Set.of("n1", "n2", "i1"), Set.copyOf(north.items()));
        assertEquals(1, north.teamsWithin());
        assertEquals(List.of("i1"), rows.get(3).items());
        assertEquals(0, rows.get(3).teamsWithin());
    }

    /**
     * A team with two parents counts in both, and is listed once, under its first: neither parent is shown inside the
     * other. A diamond (two parents under one department) lists each parent under the department.
     */
    @Test
    void aTeamWithTwoParentsCountsInBothAndIsListedUnderTheFirst() {
        Map<String, List<String>> owned = Map.of(INNER, List.of("i1"));
        TeamTree two = new TeamTree(Map.of(INNER, sorted(NORTH, SOUTH)), Set.of(NORTH, SOUTH));
        List<TeamRollup.Row<String>> rows = rows(owned, two);
        assertEquals(
                List.of(NORTH, INNER, SOUTH),
                rows.stream().map(TeamRollup.Row::team).toList());
        assertEquals(List.of(0, 1, 0), rows.stream().map(TeamRollup.Row::depth).toList());
        assertEquals(
                Arrays.asList(null, NORTH, null),
                rows.stream().map(TeamRollup.Row::parent).toList());
        assertEquals(List.of("i1"), rows.get(2).items());

        TeamTree diamond = new TeamTree(
                Map.of(INNER, sorted(NORTH, SOUTH), NORTH, sorted(DEPT), SOUTH, sorted(DEPT)),
                Set.of(NORTH, SOUTH, DEPT));
        rows = rows(owned, diamond);
        assertEquals(
                List.of(DEPT, NORTH, INNER, SOUTH),
                rows.stream().map(TeamRollup.Row::team).toList());
        assertEquals(
                Arrays.asList(null, DEPT, NORTH, DEPT),
                rows.stream().map(TeamRollup.Row::parent).toList());
        // The department counts the team's entities once, however many ways lead up to it.
        assertEquals(List.of("i1"), rows.get(0).items());
        assertEquals(1, rows.get(0).teamsWithin());
    }

    /** A parent the catalog does not hold is walked through: the team is listed under the one above it. */
    @Test
    void aMissingParentIsWalkedThrough() {
        String ghost = "group:default/ghost";
        TeamTree tree = new TeamTree(Map.of(INNER, sorted(ghost), ghost, sorted(DEPT)), Set.of(DEPT));
        List<TeamRollup.Row<String>> rows = rows(Map.of(INNER, List.of("i1")), tree);
        assertEquals(
                List.of(DEPT, INNER), rows.stream().map(TeamRollup.Row::team).toList());
        assertEquals(DEPT, rows.get(1).parent());
        // A cycle ends the walk.
        TeamTree cycle = new TeamTree(Map.of(NORTH, sorted(SOUTH), SOUTH, sorted(NORTH)), Set.of(NORTH, SOUTH));
        assertEquals(
                List.of(SOUTH, NORTH),
                rows(Map.of(NORTH, List.of("n1")), cycle).stream()
                        .map(TeamRollup.Row::team)
                        .toList());
    }

    @Test
    void noOwnersNoRows() {
        assertEquals(List.of(), rows(Map.<String, List<String>>of(), new TeamTree(Map.of(), Set.of())));
    }
}
