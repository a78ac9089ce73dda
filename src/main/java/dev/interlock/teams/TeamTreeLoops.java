package dev.interlock.teams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.people.DependenceQueries;
import dev.interlock.registration.RegistrationAdvisor;

/**
 * Warns when a Group's {@code spec.parent} or {@code spec.children} would make a loop in the team tree: a group its
 * own parent or child, or a parent that is already under it. Backstage stores such a tree, and so does Interlock (a
 * department's pages count each team once), but a loop is always a mistake in the descriptors: a team rolls up into
 * itself, and "the teams within it" no longer means anything to a reader.
 */
@ApplicationScoped
public class TeamTreeLoops implements RegistrationAdvisor {

    @Inject
    DependenceQueries dependence;

    @Override
    public List<String> warnings(EntityRef ref, Entity body, Instant registeredAt) {
        if (!body.isKind("group")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        List<EntityRef> parents = body.refs("parent");
        List<EntityRef> children = body.refs("children");
        if (parents.contains(ref)) {
            out.add("spec.parent names this group itself: a team cannot be under itself");
        }
        if (children.contains(ref)) {
            out.add("spec.children names this group itself: a team cannot be under itself");
        }
        List<EntityRef> others = parents.stream().filter(p -> !p.equals(ref)).toList();
        if (!others.isEmpty()) {
            // The teams already under this one, as stored: a parent among them closes a loop.
            Set<String> within = dependence.teamsWithin(ref.toString());
            for (EntityRef parent : others) {
                if (within.contains(parent.toString())) {
                    out.add("spec.parent: " + parent + " is already under " + ref + ", so the team tree would have a"
                            + " loop; make one of them the other's parent, not both");
                }
            }
        }
        return out;
    }
}
