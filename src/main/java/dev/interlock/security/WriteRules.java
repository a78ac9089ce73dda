package dev.interlock.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.registration.NotAllowedException;

/**
 * Who may write what (README, "Security model"). A catalog-admin may do anything. Otherwise:
 * <ul>
 * <li>changing or deleting an entity needs its owner: membership of the team in {@code spec.owner}, or being the
 * person it names; a Group is changed by its members, a User by that person; an entity without an owner (a
 * Location, a kind without {@code spec.owner}) by a catalog-admin only (a location's own nested Locations: see
 * {@code LocationPermissions.throughLocation});</li>
 * <li>a Scorecard changes what everyone sees, so even creating one needs membership of its owner team, and so does
 * changing one: of the team that owns it and of the team it will be owned by;</li>
 * <li>adding someone to a team (a User's {@code memberOf}, a Group's {@code members}, {@code parent} or
 * {@code children}, or creating a User that teams already list as a member) needs the right to change that team: being
 * one of its members as the catalog stands before the write. A team the catalog does not hold yet may be started by anyone, unless something already names it as its
 * owner (joining it would take that over);</li>
 * <li>putting a team under another one (a Group's {@code children}, or creating a Group that teams already name as
 * their parent) needs the right to change that team too: a team above it takes in its pipelines and people.</li>
 * </ul>
 * Membership is read from the catalog as stored, never from the write being checked, so nobody grants themselves a
 * right with the same request that uses it.
 */
@ApplicationScoped
public class WriteRules {

    private static final String ADMIN_ONLY = " (or a catalog-admin)";

    @Inject
    Memberships memberships;

    /**
     * The actor's catalog Users followed by the teams they belong to (canonical references): the User of the account's
     * name and those of a verified e-mail, together (the first of them first), as any editor may register a User named
     * after someone's account, or give one her address, and neither may take away the teams she has through the other.
     */
    public Set<String> identities(Actor actor) {
        EntityRef byName = new EntityRef("user", EntityRef.DEFAULT_NAMESPACE, actor.name());
        List<EntityRef> users = new ArrayList<>();
        if (memberships.exists(byName)) {
            users.add(byName);
        }
        actor.verifiedEmail().map(memberships::usersByEmail).ifPresent(users::addAll);
        if (users.isEmpty()) {
            users.add(byName);
        }
        Set<String> out = new LinkedHashSet<>();
        users.forEach(u -> out.add(u.toString()));
        users.forEach(u -> out.addAll(memberships.groupsOf(u)));
        for (String group : actor.assertedGroups()) {
            // Keycloak sends group paths ("/northwind/revops"); the catalog Group is the last segment.
            String name = group.substring(group.lastIndexOf('/') + 1);
            if (!name.isBlank()) {
                try {
                    EntityRef team = EntityRef.parse(name, "group", EntityRef.DEFAULT_NAMESPACE);
                    // A Group's name only: "user:diego" would otherwise make the bearer Diego, owner of his entities.
                    if (team.kind().equals("group")) {
                        out.add(team.toString());
                    }
                } catch (IllegalArgumentException e) {
                    // A claim that is no entity name matches no team.
                }
            }
        }
        return out;
    }

    /** Checks one write by this actor; see {@link dev.interlock.registration.ChangePermission#checkWrite}. */
    public void check(Actor actor, EntityRef ref, Entity before, Entity after) {
        check(actor, once(() -> identities(actor)), ref, before, after);
    }

    /**
     * Checks one write by this actor, whose {@link #identities} are read (only when the write needs them) from
     * {@code identities}: many checks against a catalog that does not change between them share one reading.
     */
    public void check(Actor actor, Supplier<Set<String>> identities, EntityRef ref, Entity before, Entity after) {
        if (actor.admin()) {
            return;
        }
        if (before != null) {
            checkOwner(actor, identities.get(), ref, before);
        }
        if (after != null && ref.kind().equals("scorecard")) {
            // Registered or changed, a scorecard is its new owner team's: changing the owner of one's own team's
            // scorecard to another team (or a person) is registering it for them.
            checkOwner(actor, identities.get(), ref, after);
        }
        Set<MembershipGrants.Grant> added = MembershipGrants.of(ref, after);
        added.removeAll(MembershipGrants.of(ref, before));
        if (before == null && after != null && ref.kind().equals("user")) {
            // Teams may list a person before her User exists (a Group's members). Creating that User takes up those
            // memberships: with single sign-on its e-mail makes whoever has that address her, with her teams' rights.
            for (String team : memberships.groupsOf(ref)) {
                added.add(new MembershipGrants.Grant(ref, EntityRef.ofCanonical(team)));
            }
            // So may entities name her as their owner before her User exists: its e-mail would make whoever has that
            // address her, their owner. Only she (her account's name) or a catalog-admin registers her then.
            if (!identities.get().contains(ref.toString()) && memberships.namedAsOwner(ref)) {
                throw new NotAllowedException(ref + " is named as the owner of entities in the catalog, and registering"
                        + " that person gives her rights over them (her e-mail makes whoever has it her): only her own"
                        + " account" + ADMIN_ONLY + " may register it; " + who(actor, identities.get()));
            }
        }
        if (before == null && after != null && ref.kind().equals("group")) {
            // Teams may name a team as their parent before it exists. Creating it takes them under it, where its
            // figures count their pipelines and people: as if it listed them among its children.
            for (String team : memberships.teamsUnder(ref)) {
                added.add(new MembershipGrants.Grant(EntityRef.ofCanonical(team), ref));
            }
        }
        // A team is judged once however many of its grants this write adds (a Group of 1,000 members is one team).
        Set<EntityRef> judged = new HashSet<>();
        Set<EntityRef> moved = new HashSet<>();
        for (MembershipGrants.Grant grant : added) {
            if (judged.add(grant.team())) {
                checkTeam(actor, identities.get(), ref, grant);
            }
            if (grant.member().kind().equals("group") && !grant.member().equals(ref) && moved.add(grant.member())) {
                checkMovedTeam(actor, identities.get(), ref, grant);
            }
        }
    }

    /** A supplier that asks {@code read} at its first call only. */
    public static Supplier<Set<String>> once(Supplier<Set<String>> read) {
        return new Supplier<>() {
            private Set<String> value;

            @Override
            public Set<String> get() {
                if (value == null) {
                    value = read.get();
                }
                return value;
            }
        };
    }

    private void checkOwner(Actor actor, Set<String> me, EntityRef ref, Entity body) {
        String owner = body.spec().get("owner").text();
        String allowed;
        if (owner != null && !owner.isBlank()) {
            try {
                allowed = EntityRef.parse(owner, "group", ref.namespace()).toString();
            } catch (IllegalArgumentException e) {
                // Kinds Interlock does not interpret are not validated beyond Backstage's envelope: an owner that is
                // no reference names nobody, as no owner does.
                throw new NotAllowedException(ref + " has a spec.owner that is no entity reference (" + e.getMessage()
                        + "), so only a catalog-admin may change or delete it; you are " + actor.name());
            }
        } else if (ref.kind().equals("group") || ref.kind().equals("user")) {
            allowed = ref.toString();
        } else {
            throw new NotAllowedException(ref + " has no owner (spec.owner), so only a catalog-admin may change or "
                    + "delete it; you are " + actor.name());
        }
        if (ref.kind().equals("scorecard") && !allowed.startsWith("group:")) {
            // A scorecard changes what everyone sees: a team answers for it, not one person.
            throw new NotAllowedException(ref + " is owned by " + allowed + "; a scorecard must be owned by a team"
                    + " (spec.owner: group:<team>) whose members register it" + ADMIN_ONLY + "; " + who(actor, me));
        }
        if (!me.contains(allowed)) {
            throw new NotAllowedException("only " + (allowed.startsWith("user:") ? allowed : "members of " + allowed)
                    + ADMIN_ONLY + " may " + (ref.kind().equals("scorecard") ? "register or change " : "change ")
                    + ref + "; " + who(actor, me));
        }
    }

    private void checkTeam(Actor actor, Set<String> me, EntityRef ref, MembershipGrants.Grant grant) {
        EntityRef team = grant.team();
        if (me.contains(team.toString())) {
            return;
        }
        if (!isTaken(team)) {
            return;
        }
        throw new NotAllowedException(ref + " would add " + grant.member() + " to " + team + ", and only members of "
                + team + ADMIN_ONLY + " may add anyone to it (membership grants its rights); " + who(actor, me));
    }

    /**
     * A Group's {@code children} put other teams under it, where its figures take in their pipelines and people: that
     * is the moved team's business, as {@code parent} is when a team names it (the group written is its own writer's,
     * checked as its owner).
     */
    private void checkMovedTeam(Actor actor, Set<String> me, EntityRef ref, MembershipGrants.Grant grant) {
        EntityRef team = grant.member();
        if (me.contains(team.toString()) || !isTaken(team)) {
            return;
        }
        throw new NotAllowedException(ref + " would put " + team + " under " + grant.team() + ", and only members of "
                + team + ADMIN_ONLY + " may change where it sits among the teams (a team above it takes in its"
                + " pipelines and people); " + who(actor, me));
    }

    /** Whether a team is someone's already: in the catalog, or named as an owner before it is. */
    private boolean isTaken(EntityRef team) {
        return memberships.exists(team) || memberships.namedAsOwner(team);
    }

    private static String who(Actor actor, Set<String> me) {
        List<String> teams = me.stream().filter(r -> !r.startsWith("user:")).toList();
        return "you are " + actor.name()
                + (teams.isEmpty()
                        ? ", and not a member of any team in the catalog"
                        : ", member of " + String.join(", ", teams));
    }
}
