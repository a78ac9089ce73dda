package dev.interlock.people;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.sql.Jdbc;

/**
 * The SQL behind what hangs on a person: who alone maintains which pipeline, which pipelines run as a person,
 * what a person owns personally, which entities are in production, who is in a team. Every value from outside is a
 * parameter; each answer is keyed by the person's canonical reference.
 */
@ApplicationScoped
public class DependenceQueries {

    @Inject
    DataSource dataSource;

    /**
     * Pipelines with exactly one maintainer in the catalog, by that maintainer: a second name that is not in the
     * catalog shares nothing ({@code SinglePointsOfFailure}).
     *
     * @param person one person's canonical reference, or {@code null} for everyone
     */
    public Map<String, Set<String>> soleMaintainers(String person) {
        String sql = "SELECT r.target_ref, r.source_ref FROM relations r WHERE r.type = 'maintainedBy'"
                + (person == null ? "" : " AND r.target_ref = ?")
                + " AND " + CatalogQueries.inCatalog("r.target_ref")
                + " AND (SELECT COUNT(*) FROM relations m WHERE m.source_ref = r.source_ref"
                + " AND m.type = 'maintainedBy' AND " + CatalogQueries.inCatalog("m.target_ref") + ") = 1";
        return pairs(sql, person == null ? List.of() : List.of(person));
    }

    /**
     * Pipelines whose {@code spec.pipeline.runsAs} names a person ({@code user:<name>}, in the pipeline's namespace
     * unless it names one), by that person.
     *
     * @param person one person, or {@code null} for everyone
     */
    public Map<String, Set<String>> runsAs(EntityRef person) {
        String sql = "SELECT e.entity_ref, e.namespace, s.search_value FROM search s JOIN entities e"
                + " ON e.id = s.entity_id WHERE s.search_key = 'spec.pipeline.runsas'"
                + (person == null ? " AND s.search_value LIKE 'user:%'" : " AND s.search_value IN (?, ?)");
        List<String> params = person == null
                ? List.of()
                : List.of("user:" + person.name(), "user:" + person.namespace() + "/" + person.name());
        Map<String, Set<String>> out = new LinkedHashMap<>();
        run(c -> {
            Jdbc.query(c, sql, params, rs -> {
                EntityRef who;
                try {
                    who = EntityRef.parse(rs.getString(3), "user", rs.getString(2));
                } catch (IllegalArgumentException e) {
                    return;
                }
                if (who.kind().equals("user") && (person == null || who.equals(person))) {
                    out.computeIfAbsent(who.toString(), k -> new TreeSet<>()).add(rs.getString(1));
                }
            });
            return null;
        });
        return out;
    }

    /**
     * Entities whose owner is a person rather than a team, by that person.
     *
     * @param person one person's canonical reference, or {@code null} for everyone
     */
    public Map<String, Set<String>> ownedPersonally(String person) {
        String sql = "SELECT r.target_ref, r.source_ref FROM relations r WHERE r.type = 'ownedBy' AND "
                + (person == null ? "r.target_ref LIKE 'user:%'" : "r.target_ref = ?");
        return pairs(sql, person == null ? List.of() : List.of(person));
    }

    /** What one team or person owns (the sources of its {@code ownedBy} relations), sorted. */
    public Set<String> ownedBy(String owner) {
        return pairs(
                        "SELECT r.target_ref, r.source_ref FROM relations r WHERE r.type = 'ownedBy' AND r.target_ref = ?",
                        List.of(owner))
                .getOrDefault(owner, Set.of());
    }

    /** Which of these entities have {@code spec.lifecycle: production}. */
    public Set<String> inProduction(Collection<String> refs) {
        return subset(
                refs,
                "SELECT e.entity_ref FROM entities e JOIN search s ON s.entity_id = e.id"
                        + " WHERE s.search_key = 'spec.lifecycle' AND s.search_value = 'production' AND e.entity_ref IN (IN)");
    }

    /** Which of these entities are pipelines (components of type pipeline). */
    public Set<String> pipelines(Collection<String> refs) {
        return subset(
                refs,
                "SELECT e.entity_ref FROM entities e JOIN search s ON s.entity_id = e.id"
                        + " WHERE s.search_key = 'spec.type' AND s.search_value = 'pipeline' AND e.kind = 'component'"
                        + " AND e.entity_ref IN (IN)");
    }

    /** What any of these teams or people owns (the sources of their {@code ownedBy} relations). */
    public Set<String> ownedByAny(Collection<String> owners) {
        Set<String> out = new HashSet<>();
        ownedByEach(owners).values().forEach(out::addAll);
        return out;
    }

    /** What each of these teams or people owns, by owner, in one query per chunk of owners. */
    public Map<String, Set<String>> ownedByEach(Collection<String> owners) {
        Map<String, Set<String>> out = new TreeMap<>();
        run(c -> {
            Jdbc.queryIn(
                    c,
                    "SELECT r.target_ref, r.source_ref FROM relations r WHERE r.type = 'ownedBy'"
                            + " AND r.target_ref IN (IN)",
                    List.of(),
                    new TreeSet<>(owners),
                    rs -> out.computeIfAbsent(rs.getString(1), k -> new TreeSet<>())
                            .add(rs.getString(2)));
            return null;
        });
        return out;
    }

    /**
     * The members of a team and of every team under it (its children, theirs, and so on): the people of a department,
     * whose teams are its children.
     */
    public Set<String> membersWithin(String team) {
        return membersOf(teamsWithin(team));
    }

    /** The members of these teams, from both sides (a User's {@code memberOf} and a Group's {@code members}). */
    public Set<String> membersOf(Collection<String> teams) {
        Set<String> out = new TreeSet<>();
        membersByTeam(teams).values().forEach(out::addAll);
        return out;
    }

    /** The members of each of these teams, by team, from both sides, in one query per chunk of teams. */
    public Map<String, Set<String>> membersByTeam(Collection<String> teams) {
        Map<String, Set<String>> out = new TreeMap<>();
        run(c -> {
            Jdbc.queryIn(
                    c,
                    "SELECT r.target_ref, r.source_ref FROM relations r WHERE r.type = 'memberOf'"
                            + " AND r.target_ref IN (IN)"
                            + " UNION SELECT r.source_ref, r.target_ref FROM relations r WHERE r.type = 'hasMember'"
                            + " AND r.source_ref IN (IN)",
                    List.of(),
                    new TreeSet<>(teams),
                    rs -> out.computeIfAbsent(rs.getString(1), k -> new TreeSet<>())
                            .add(rs.getString(2)));
            return null;
        });
        return out;
    }

    /** Which of these references name entities the catalog holds. */
    public Set<String> inCatalog(Collection<String> refs) {
        return subset(refs, "SELECT e.entity_ref FROM entities e WHERE e.entity_ref IN (IN)");
    }

    /**
     * A team and every team under it, the team first: its children (from either side, {@code parentOf} or
     * {@code childOf}), theirs, and so on. A cycle ends the walk, as a team met again is not walked again. One query
     * per level of the tree.
     */
    public Set<String> teamsWithin(String team) {
        Set<String> teams = new LinkedHashSet<>(List.of(team));
        run(c -> {
            Set<String> next = new TreeSet<>(teams);
            while (!next.isEmpty()) {
                Set<String> found = new TreeSet<>();
                Jdbc.queryIn(
                        c,
                        "SELECT r.target_ref FROM relations r WHERE r.type = 'parentOf' AND r.source_ref IN (IN)"
                                + " UNION SELECT r.source_ref FROM relations r WHERE r.type = 'childOf'"
                                + " AND r.target_ref IN (IN)",
                        List.of(),
                        next,
                        rs -> found.add(rs.getString(1)));
                found.removeAll(teams);
                teams.addAll(found);
                next = found;
            }
            return null;
        });
        return teams;
    }

    /**
     * The team tree above these teams: their parents (from either side, {@code childOf} or {@code parentOf}), theirs,
     * and so on, with which of them the catalog holds. The mirror of {@link #teamsWithin}, for tables that give a
     * department the figures of every team under it ({@link TeamTree#above}) and list each team under one of them
     * ({@link TeamTree#path}). One query per level of the tree, one more for which are in the catalog.
     */
    public TeamTree teamsAbove(Collection<String> teams) {
        Map<String, Set<String>> parents = new HashMap<>();
        run(c -> {
            Set<String> asked = new HashSet<>();
            Set<String> next = new TreeSet<>(teams);
            while (!next.isEmpty()) {
                asked.addAll(next);
                Set<String> found = new TreeSet<>();
                Jdbc.queryIn(
                        c,
                        "SELECT r.source_ref, r.target_ref FROM relations r WHERE r.type = 'childOf'"
                                + " AND r.source_ref IN (IN)"
                                + " UNION SELECT r.target_ref, r.source_ref FROM relations r WHERE r.type = 'parentOf'"
                                + " AND r.target_ref IN (IN)",
                        List.of(),
                        next,
                        rs -> {
                            parents.computeIfAbsent(rs.getString(1), k -> new TreeSet<>())
                                    .add(rs.getString(2));
                            found.add(rs.getString(2));
                        });
                found.removeAll(asked);
                next = found;
            }
            return null;
        });
        Set<String> inCatalog =
                inCatalog(parents.values().stream().flatMap(Set::stream).toList());
        return new TeamTree(Map.copyOf(parents), Set.copyOf(inCatalog));
    }

    /** Every person in the catalog, by canonical reference. */
    public List<String> people() {
        return column("SELECT e.entity_ref FROM entities e WHERE e.kind = 'user' ORDER BY e.entity_ref");
    }

    /** Every group in the catalog, by canonical reference. */
    public List<String> teams() {
        return column("SELECT e.entity_ref FROM entities e WHERE e.kind = 'group' ORDER BY e.name, e.entity_ref");
    }

    private List<String> column(String sql) {
        List<String> out = new ArrayList<>();
        run(c -> {
            Jdbc.query(c, sql, List.of(), rs -> out.add(rs.getString(1)));
            return null;
        });
        return out;
    }

    /** The first column of a query with an {@code (IN)} list over these references. */
    private Set<String> subset(Collection<String> refs, String sqlWithIn) {
        Set<String> out = new HashSet<>();
        run(c -> {
            Jdbc.queryIn(c, sqlWithIn, List.of(), new TreeSet<>(refs), rs -> out.add(rs.getString(1)));
            return null;
        });
        return out;
    }

    /** Rows of (person, entity) gathered into sorted sets by person. */
    private Map<String, Set<String>> pairs(String sql, List<String> params) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        run(c -> {
            Jdbc.query(
                    c,
                    sql,
                    params,
                    rs -> out.computeIfAbsent(rs.getString(1), k -> new TreeSet<>())
                            .add(rs.getString(2)));
            return null;
        });
        return out;
    }

    private <T> T run(Jdbc.Work<T> work) {
        return Jdbc.run(dataSource, "dependence query", work);
    }
}
