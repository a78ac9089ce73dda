package dev.interlock.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.validation.Values;

/**
 * The memberships an entity declares, as (member, team) pairs: a User's {@code memberOf} (the user joins each
 * group), a Group's {@code members} (each user joins it), {@code parent} (the group joins its parent) and
 * {@code children} (each child joins it). Membership grants rights, so adding a pair needs the right to change the
 * team ({@link WriteRules}).
 */
public final class MembershipGrants {

    /** One membership: {@code member} is (or becomes) part of {@code team}. */
    public record Grant(EntityRef member, EntityRef team) {
    }

    private MembershipGrants() {
    }

    /** The memberships a body declares; empty for kinds other than User and Group, or for no body. */
    public static Set<Grant> of(EntityRef ref, Map<String, Object> body) {
        Set<Grant> out = new LinkedHashSet<>();
        if (body == null) {
            return out;
        }
        String namespace = ref.namespace();
        if (ref.kind().equals("user")) {
            refs(Values.at(body, "spec.memberOf"), "group", namespace).forEach(g -> out.add(new Grant(ref, g)));
        } else if (ref.kind().equals("group")) {
            refs(Values.at(body, "spec.members"), "user", namespace).forEach(u -> out.add(new Grant(u, ref)));
            refs(Values.at(body, "spec.parent"), "group", namespace).forEach(p -> out.add(new Grant(ref, p)));
            refs(Values.at(body, "spec.children"), "group", namespace).forEach(c -> out.add(new Grant(c, ref)));
        }
        return out;
    }

    private static List<EntityRef> refs(Object value, String defaultKind, String namespace) {
        List<?> items = value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
        List<EntityRef> out = new java.util.ArrayList<>();
        for (Object item : items) {
            if (item instanceof String s) {
                try {
                    out.add(EntityRef.parse(s, defaultKind, namespace));
                } catch (IllegalArgumentException e) {
                    // Validation refuses malformed references before a write; a stored one grants nothing.
                }
            }
        }
        return out;
    }
}
