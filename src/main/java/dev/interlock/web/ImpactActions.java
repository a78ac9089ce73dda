package dev.interlock.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import dev.interlock.catalog.ImpactAnalysis;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.people.Contacts;
import dev.interlock.pipeline.SinglePointsOfFailure;

/**
 * What makes the impact page something to act on ({@code inject:impactActions.of(impact, owners)}): how to reach
 * each owner (its e-mail and the on-call of its affected pipelines), a notify list to copy, and marks on each
 * affected entity: in production, a single point of failure, or the start's own upstream reached through a loop.
 */
@Named("impactActions")
@ApplicationScoped
public class ImpactActions {

    /** Marks of one affected entity. */
    public record Marks(boolean production, List<SinglePointsOfFailure.Reason> spof, boolean loop) {}

    /**
     * An owner to notify and how.
     *
     * @param contact its name and e-mail
     * @param oncall the on-call of the affected pipelines it owns (links only when http(s))
     * @param affected how many affected entities it owns
     */
    public record Notify(Contacts.Contact contact, List<String> oncall, int affected) {}

    /** The page's additions. */
    public record View(
            List<Notify> owners, String notifyList, Map<String, Marks> marks, int loops, long production, long spof) {

        /** The marks of an affected entity (by canonical reference). */
        public Marks marks(EntityRef ref) {
            return marks.getOrDefault(ref.toString(), new Marks(false, List.of(), false));
        }
    }

    @Inject
    EntityViews views;

    @Inject
    Contacts contacts;

    @Inject
    ImpactAnalysis analysis;

    public View of(ImpactAnalysis.Impact impact, List<ImpactAnalysis.Owner> owners) {
        List<EntityRef> refs =
                impact.items().stream().map(ImpactAnalysis.Impacted::ref).toList();
        Set<EntityRef> loops = analysis.loopingBack(impact.start(), refs);
        Map<String, EntityView> byRef = new HashMap<>();
        views.byRefs(refs).forEach(v -> byRef.put(v.ref().toString(), v));
        Map<String, Marks> marks = new HashMap<>();
        for (EntityRef ref : refs) {
            EntityView v = byRef.get(ref.toString());
            marks.put(
                    ref.toString(),
                    new Marks(
                            v != null && "production".equals(v.lifecycle()),
                            v != null && v.isPipeline() ? v.pipeline().singlePointsOfFailure() : List.of(),
                            loops.contains(ref)));
        }
        List<Contacts.Contact> found =
                contacts.of(owners.stream().map(ImpactAnalysis.Owner::ref).toList());
        List<Notify> notify = new ArrayList<>();
        for (int i = 0; i < owners.size(); i++) {
            Set<String> oncall = new LinkedHashSet<>();
            for (EntityRef owned : owners.get(i).of()) {
                EntityView v = byRef.get(owned.toString());
                if (v != null && v.isPipeline() && !v.pipeline().oncall().isBlank()) {
                    oncall.add(v.pipeline().oncall());
                }
            }
            notify.add(new Notify(
                    found.get(i), List.copyOf(oncall), owners.get(i).of().size()));
        }
        String list = String.join(
                ", ",
                found.stream()
                        .map(Contacts.Contact::email)
                        .filter(e -> !e.isBlank())
                        .distinct()
                        .toList());
        return new View(
                notify,
                list,
                marks,
                loops.size(),
                marks.values().stream().filter(Marks::production).count(),
                marks.values().stream().filter(m -> !m.spof().isEmpty()).count());
    }
}
