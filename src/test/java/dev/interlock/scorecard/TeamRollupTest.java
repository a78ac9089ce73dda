package dev.interlock.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TeamRollupTest {

    private static Set<String> above(String... nearestFirst) {
        return new LinkedHashSet<>(List.of(nearestFirst));
    }

    /** A department counts its teams' entities and its teams follow it, depth first, siblings by name. */
    @Test
    void rowsReadAsTheTeamTreeWithEachDepartmentTakingInTheTeamsUnderIt() {
        Map<String, List<String>> owned = Map.of(
                "group:default/b-south", List.of("s1"),
                "group:default/a-north", List.of("n1", "n2"),
                "group:default/c-inner", List.of("i1"),
                "group:default/a-alone", List.of("x1"),
                "group:default/z-team", List.of("z1"));
        Map<String, Set<String>> above = Map.of(
                "group:default/b-south", above("group:default/m-dept"),
                "group:default/a-north", above("group:default/m-dept"),
                "group:default/c-inner", above("group:default/a-north", "group:default/m-dept"));

        List<TeamRollup.Row<String>> rows = TeamRollup.of(owned, above);

        assertEquals(
                List.of(
                        "group:default/a-alone",
                        "group:default/m-dept",
                        "group:default/a-north",
                        "group:default/c-inner",
                        "group:default/b-south",
                        "group:default/z-team"),
                rows.stream().map(TeamRollup.Row::team).toList());
        assertEquals(
                List.of(0, 0, 1, 2, 1, 0),
                rows.stream().map(TeamRollup.Row::depth).toList());
        assertEquals(
                Arrays.asList(
                        null, null, "group:default/m-dept", "group:default/a-north", "group:default/m-dept", null),
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

    @Test
    void noOwnersNoRows() {
        assertEquals(List.of(), TeamRollup.of(Map.<String, List<String>>of(), Map.of()));
    }
}
