package dev.interlock.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;

/**
 * The memberships an entity declares, as (member, team) pairs: a User's {@code memberOf} (the user joins each
 * group), a Group's {@code members} (each user joins it), {@code parent} (the group joins its parent) and
 * {@code children} (each child joins it). Membership grants rights, so adding a pair needs the right to change the
 * team, and, when the member is another team, the right to change that team too ({@link WriteRules}).
 */
public final class MembershipGrants {

    /** One membership: {@code member} is (or becomes) part of {@code team}. */
    public record Grant(EntityRef member, EntityRef team) {}

    private MembershipGrants() {}

    /** The memberships an entity declares; empty for kinds other than User and Group, or for no entity. */
    public static Set<Grant> of(EntityRef ref, Entity body) {
        Set<Grant> out = new LinkedHashSet<>();
        if (body == null) {
            return out;
        }
        String namespace = ref.namespace();
        if (ref.kind().equals("user")) {
            refs(body, "memberOf", "group", namespace).forEach(g -> out.add(new Grant(ref, g)));
        } else if (ref.kind().equals("group")) {
            refs(body, "members", "user", namespace).forEach(u -> out.add(new Grant(u, ref)));
            refs(body, "parent", "group", namespace).forEach(p -> out.add(new Grant(ref, p)));
            refs(body, "children", "group", namespace).forEach(c -> out.add(new Grant(c, ref)));
        }
        return out;
    }

    private static List<EntityRef> refs(Entity body, String field, String defaultKind, String namespace) {
        List<EntityRef> out = new ArrayList<>();
        for (String s : body.spec().get(field).strings()) {
            try {
                out.add(EntityRef.parse(s, defaultKind, namespace));
            } catch (IllegalArgumentException e) {
                // Validation refuses malformed references before a write; a stored one grants nothing.
            }
        }
        return out;
    }
}
