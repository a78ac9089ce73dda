package dev.interlock.people;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.validation.Values;

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
    public record Contact(EntityRef ref, String name, String email, boolean resolved) {
    }

    @Inject
    CatalogQueries queries;

    /** The contacts of these teams or people, in the same order. */
    public List<Contact> of(Collection<EntityRef> refs) {
        List<EntityRef> all = List.copyOf(refs);
        List<Map<String, Object>> bodies = queries.byRefs(all);
        List<Contact> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Map<String, Object> body = bodies.get(i);
            EntityRef ref = all.get(i);
            if (body == null) {
                out.add(new Contact(ref, ref.name(), "", false));
                continue;
            }
            String name = text(Values.at(body, "spec.profile.displayName"),
                    text(Values.at(body, "metadata.title"), ref.name()));
            out.add(new Contact(ref, name, text(Values.at(body, "spec.profile.email"), ""), true));
        }
        return out;
    }

    private static String text(Object value, String fallback) {
        return value instanceof String s && !s.isBlank() ? s : fallback;
    }
}
