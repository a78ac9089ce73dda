package dev.interlock.people;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.web.EntityView;
import dev.interlock.web.EntityViews;

/** The page views of entities named by reference, in the same order; references not in the catalog are skipped. */
@ApplicationScoped
public class RefViews {

    @Inject
    CatalogQueries queries;

    @Inject
    EntityViews views;

    /** Views of the entities with these references that are in the catalog. */
    public List<EntityView> of(Collection<EntityRef> refs) {
        return views.views(queries.byRefs(List.copyOf(refs)).stream()
                .filter(Objects::nonNull)
                .toList());
    }

    /** Views of the entities with these canonical references that are in the catalog. */
    public List<EntityView> ofCanonical(Collection<String> refs) {
        return of(refs.stream().map(EntityRef::ofCanonical).toList());
    }
}
