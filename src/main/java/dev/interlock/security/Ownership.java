package dev.interlock.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.SecurityIdentity;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.catalog.EntityFilter;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.registration.ChangePermission;
import dev.interlock.registration.NotAllowedException;
import dev.interlock.validation.Values;

/**
 * Editing or deleting an entity needs membership of its owner team, or catalog-admin (http-api.md). The signed-in
 * person is matched to a catalog User by name, or by the e-mail of their token, and so to the Groups they belong
 * to. An entity owned by a person may be changed by that person; a Group by its members; a User by that user.
 * Someone the catalog does not know may still create entities and read everything.
 */
@RequestScoped
public class Ownership implements ChangePermission {

    @Inject
    SecurityIdentity identity;

    @Inject
    CatalogQueries queries;

    private Optional<Map<String, Object>> user;

    @Override
    public void checkChange(EntityRef ref, Map<String, Object> stored) {
        if (identity.hasRole(Roles.ADMIN)) {
            return;
        }
        String namespace = String.valueOf(Values.at(stored, "metadata.namespace"));
        Object owner = Values.at(stored, "spec.owner");
        Set<String> allowed = new LinkedHashSet<>();
        if (owner instanceof String o && !o.isBlank()) {
            allowed.add(EntityRef.parse(o, "group", namespace).toString());
        } else if (ref.kind().equals("group") || ref.kind().equals("user")) {
            allowed.add(ref.toString());
        } else {
            return;
        }
        Set<String> me = identities();
        if (allowed.stream().noneMatch(me::contains)) {
            throw new NotAllowedException("only members of " + String.join(", ", allowed)
                    + " (or a catalog-admin) may change " + ref + "; you are " + identity.getPrincipal().getName()
                    + (me.size() > 1 ? ", member of " + String.join(", ", me.stream().skip(1).toList()) : "")
                    + (me.size() == 1 ? ", and not a member of any team in the catalog" : ""));
        }
    }

    /** The catalog User of the signed-in person followed by the Groups they belong to (canonical references). */
    public Set<String> identities() {
        Set<String> out = new LinkedHashSet<>();
        catalogUser().ifPresentOrElse(u -> {
            out.add(new EntityRef("user", String.valueOf(Values.at(u, "metadata.namespace")),
                    String.valueOf(Values.at(u, "metadata.name"))).toString());
            for (Object r : (List<?>) u.getOrDefault("relations", List.of())) {
                if (r instanceof Map<?, ?> m && "memberOf".equals(m.get("type"))) {
                    out.add(String.valueOf(m.get("targetRef")));
                }
            }
        }, () -> out.add(new EntityRef("user", EntityRef.DEFAULT_NAMESPACE, identity.getPrincipal().getName())
                .toString()));
        return out;
    }

    private Optional<Map<String, Object>> catalogUser() {
        if (user == null) {
            String name = identity.getPrincipal().getName();
            user = queries.byRef(new EntityRef("user", EntityRef.DEFAULT_NAMESPACE, name));
            Object email = identity.getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt
                    ? jwt.getClaim("email") : null;
            if (user.isEmpty() && email == null) {
                email = name.contains("@") ? name : null;
            }
            if (user.isEmpty() && email != null) {
                EntityFilter byEmail = EntityFilter.parse(List.of("kind=user,spec.profile.email=" + email));
                user = queries.list(new CatalogQueries.Query(byEmail, List.of(), null, List.of()), 0, 1).stream()
                        .findFirst();
            }
        }
        return user;
    }
}
