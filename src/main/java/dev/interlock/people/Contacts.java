package dev.interlock.people;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.model.Node;

/** How to reach a team or person, from the catalog: its display name and {@code spec.profile.email}. */
@ApplicationScoped
public class Contacts {

    /**
     * How to reach one owner.
     *
     * @param ref the team or person
     * @param name its display name (profile, title, else its name)
     * @param email {@code spec.profile.email}, or empty
     * @param resolved whether it is in the catalog
     */
    public record Contact(EntityRef ref, String name, String email, boolean resolved) {}

    @Inject
    CatalogQueries queries;

    /** The contacts of these teams or people, in the same order. */
    public List<Contact> of(Collection<EntityRef> refs) {
        List<EntityRef> all = List.copyOf(refs);
        List<Entity> found = queries.byRefs(all).stream()
                .map(b -> b == null ? null : Entity.of(b))
                .toList();
        List<Contact> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Entity entity = found.get(i);
            EntityRef ref = all.get(i);
            if (entity == null) {
                out.add(new Contact(ref, ref.name(), "", false));
                continue;
            }
            Node profile = entity.spec().get("profile");
            String name = text(
                    profile.get("displayName").text(), text(entity.metadata().title(), ref.name()));
            out.add(new Contact(ref, name, text(profile.get("email").text(), ""), true));
        }
        return out;
    }

    private static String text(String value, String fallback) {
        return value != null && !value.isBlank() ? value : fallback;
    }
}
