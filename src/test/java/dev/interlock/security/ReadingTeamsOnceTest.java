package dev.interlock.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.registration.ChangePermission;
import dev.interlock.registration.NotAllowedException;

/**
 * {@link Permissions#readingTeamsOnce}: a location's warnings judge every entity it produces with its registrant's
 * rights, and her Users and teams are read from the catalog once for all of them, with the same answers as a check
 * that reads them each time. The catalog here is an in-memory stand-in that counts its readings (the same checks
 * against the real database: {@code LocationApiTest}'s refresh warnings).
 */
class ReadingTeamsOnceTest {

    /** Alice is in revops; counts how often her memberships are read. */
    private static final class CountingMemberships extends Memberships {
        final List<String> readings = new ArrayList<>();

        @Override
        public List<EntityRef> usersByEmail(String email) {
            readings.add("users by e-mail");
            return List.of();
        }

        @Override
        public Set<String> groupsOf(EntityRef user) {
            readings.add("memberships of " + user);
            return user.name().equals("alice") ? new LinkedHashSet<>(Set.of("group:default/revops")) : Set.of();
        }

        @Override
        public boolean exists(EntityRef ref) {
            readings.add("exists " + ref);
            return ref.toString().equals("user:default/alice");
        }

        @Override
        public boolean namedAsOwner(EntityRef group) {
            readings.add("named as owner " + group);
            return !group.name().startsWith("new");
        }

        @Override
        public Set<String> teamsUnder(EntityRef group) {
            readings.add("teams under " + group);
            return Set.of();
        }
    }

    private final CountingMemberships memberships = new CountingMemberships();

    private ChangePermission alice() {
        WriteRules rules = new WriteRules();
        rules.memberships = memberships;
        Permissions permissions = new Permissions();
        permissions.rules = rules;
        return permissions.forAccount("alice", Set.of(Roles.EDITOR));
    }

    private static Entity component(String name, String owner) {
        return Entity.of(Map.of(
                "apiVersion",
                "backstage.io/v1alpha1",
                "kind",
                "Component",
                "metadata",
                Map.of("name", name),
                "spec",
                Map.of("type", "service", "lifecycle", "production", "owner", owner)));
    }

    private static EntityRef ref(String name) {
        return new EntityRef("component", EntityRef.DEFAULT_NAMESPACE, name);
    }

    /** Fifty checks read her identities once, and answer as fifty fresh checks do: her team's yes, another's no. */
    @Test
    void manyChecksReadTheRegistrantsTeamsOnceAndAnswerAsFreshChecksDo() {
        ChangePermission once = Permissions.readingTeamsOnce(alice());
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Entity entity = component("c" + i, i % 2 == 0 ? "revops" : "dataops");
            try {
                once.checkWrite(ref("c" + i), entity, entity);
            } catch (NotAllowedException e) {
                refusals.add(e.getMessage());
            }
        }
        assertEquals(List.of("exists user:default/alice", "memberships of user:default/alice"), memberships.readings);
        assertEquals(25, refusals.size());
        assertTrue(
                refusals.get(0)
                        .startsWith("only members of group:default/dataops (or a catalog-admin) may change"
                                + " component:default/c1; you are alice, member of group:default/revops"),
                refusals.get(0));

        memberships.readings.clear();
        ChangePermission fresh = alice();
        Entity theirs = component("c1", "dataops");
        NotAllowedException refused =
                assertThrows(NotAllowedException.class, () -> fresh.checkWrite(ref("c1"), theirs, theirs));
        assertEquals(refusals.get(0), refused.getMessage());
        Entity ours = component("c0", "revops");
        fresh.checkWrite(ref("c0"), ours, ours);
        fresh.checkWrite(ref("c0"), ours, ours);
        assertEquals(
                6,
                memberships.readings.size(),
                "a fresh check reads her identities each time: " + memberships.readings);
    }

    /** A check that needs no identities (creating a component) reads none, once or not. */
    @Test
    void aCheckThatNeedsNoTeamsReadsNone() {
        ChangePermission once = Permissions.readingTeamsOnce(alice());
        once.checkWrite(ref("new"), null, component("new", "dataops"));
        assertEquals(List.of(), memberships.readings);
    }

    /** The system's permission and a viewer's are returned as they are. */
    @Test
    void otherPermissionsAreReturnedAsTheyAre() {
        assertSame(ChangePermission.SYSTEM, Permissions.readingTeamsOnce(ChangePermission.SYSTEM));
        ChangePermission none = new Permissions.NoWrites("bob");
        assertSame(none, Permissions.readingTeamsOnce(none));
    }

    /**
     * A new team with many members is judged once: the teams already under it, its existence and whether the catalog
     * names it as an owner are read once, not for each member.
     */
    @Test
    void aNewTeamsMembersAreJudgedAsOneTeam() {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            members.add("user:p" + i);
        }
        Entity team = Entity.of(Map.of(
                "apiVersion",
                "backstage.io/v1alpha1",
                "kind",
                "Group",
                "metadata",
                Map.of("name", "newteam"),
                "spec",
                Map.of("type", "team", "children", List.of(), "members", members)));
        alice().checkWrite(new EntityRef("group", EntityRef.DEFAULT_NAMESPACE, "newteam"), null, team);
        assertEquals(
                List.of(
                        "teams under group:default/newteam",
                        "exists group:default/newteam",
                        "named as owner group:default/newteam"),
                memberships.readings.stream().filter(r -> r.contains("newteam")).toList());
    }
}
