package dev.interlock.people;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.web.EntityView;

/**
 * "If {name} is away" on a person's page ({@code inject:away.of(ref)} in templates): the pipelines that hang on
 * them, what is downstream of those, and who to tell, with how to reach them.
 */
@Named("away")
@ApplicationScoped
public class PersonAway {

    /**
     * What a person's absence would leave without anyone.
     *
     * @param dependence the references, as the API gives them
     * @param soleMaintainer pipelines only they maintain
     * @param runsAs pipelines that run as them
     * @param soleRestorer pipelines only they have restored (from run history)
     * @param owns what they own personally
     * @param downstream what is downstream of all that (in the catalog)
     * @param tell who to tell: the owners of the pipelines that hang on them and of what is downstream
     * @param production how many of the pipelines that hang on them alone (they alone maintain, run as them, or only
     *        they restored) are in production
     */
    public record View(
            PersonDependence dependence,
            List<EntityView> soleMaintainer,
            List<EntityView> runsAs,
            List<EntityView> soleRestorer,
            List<EntityView> owns,
            List<EntityView> downstream,
            List<Contacts.Contact> tell,
            long production) {

        /** Whether nothing hangs on the person. */
        public boolean isEmpty() {
            return dependence.isEmpty();
        }
    }

    @Inject
    DependenceService dependence;

    @Inject
    RefViews refViews;

    @Inject
    Contacts contacts;

    /** The view for a person; {@code null} when the catalog has no such User. */
    public View of(EntityRef person) {
        return dependence.of(person).map(d -> view(person, d)).orElse(null);
    }

    private View view(EntityRef person, PersonDependence d) {
        List<EntityView> sole = views(d.soleMaintainer());
        List<EntityView> runsAs = views(d.runsAs());
        List<EntityView> restorer = views(d.soleRestorer());
        List<EntityView> owns = views(d.owns());
        Set<EntityRef> tell = new LinkedHashSet<>();
        for (List<EntityView> hanging : List.of(sole, runsAs, restorer, owns)) {
            hanging.stream()
                    .map(EntityView::owner)
                    .filter(Objects::nonNull)
                    .map(EntityView.RefView::ref)
                    .filter(o -> !o.equals(person))
                    .forEach(tell::add);
        }
        d.downstreamOwners().stream().map(EntityRef::ofCanonical).forEach(tell::add);
        Set<String> production = new LinkedHashSet<>();
        for (List<EntityView> alone : List.of(sole, runsAs, restorer)) {
            alone.stream()
                    .filter(v -> "production".equals(v.lifecycle()))
                    .map(v -> v.ref().toString())
                    .forEach(production::add);
        }
        return new View(d, sole, runsAs, restorer, owns, views(d.downstream()), contacts.of(tell), production.size());
    }

    private List<EntityView> views(Collection<String> refs) {
        return refViews.ofCanonical(refs);
    }
}
