package dev.interlock.teams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.registration.RegisteredTogether;
import dev.interlock.registration.RegistrationAdvisor;

/**
 * Warns when a Group's {@code spec.parent} or {@code spec.children} would make a loop in the team tree: a group its
 * own parent or child, a parent that is already under it, or a child already above it. Backstage stores such a tree,
 * and so does Interlock (a department's pages count each team once), but a loop is always a mistake in the
 * descriptors: a team rolls up into itself, and "the teams within it" no longer means anything to a reader. The tree
 * is read as it will be once the registration is stored ({@link StatedTree}): Groups registered together are seen
 * together, and a Group's own earlier relations, which its new body replaces, are not held against it.
 */
@ApplicationScoped
public class TeamTreeLoops implements RegistrationAdvisor {

    @Inject
    DataSource dataSource;

    @Override
    public List<String> warnings(EntityRef ref, Entity body, RegisteredTogether together) {
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
        List<EntityRef> otherParents =
                parents.stream().filter(p -> !p.equals(ref)).toList();
        List<EntityRef> otherChildren =
                children.stream().filter(c -> !c.equals(ref)).toList();
        if (otherParents.isEmpty() && otherChildren.isEmpty()) {
            return out;
        }
        StatedTree tree = new StatedTree(dataSource, together.derived(StatedTree.Stated.class, StatedTree.Stated::of));
        // The tree as if this Group were registered alone: a loop found there goes through teams as the catalog holds
        // them ("is already"); one found only with the other Groups of the registration is one they would make.
        StatedTree alone = together.entities().size() == 1
                ? tree
                : new StatedTree(dataSource, StatedTree.Stated.of(Map.of(ref, body)));
        String team = ref.toString();
        Set<String> looping = new TreeSet<>();
        if (!otherParents.isEmpty()) {
            Set<String> below = tree.below(team);
            Set<String> belowAlone = null;
            for (EntityRef parent : otherParents) {
                if (below.contains(parent.toString())) {
                    belowAlone = belowAlone != null ? belowAlone : alone.below(team);
                    String is = belowAlone.contains(parent.toString()) ? " is already " : " would be ";
                    out.add(loop("spec.parent", parent + is + "under " + ref));
                    looping.add(parent.toString());
                }
            }
        }
        if (!otherChildren.isEmpty()) {
            Set<String> above = tree.above(team);
            Set<String> aboveAlone = null;
            for (EntityRef child : otherChildren) {
                // A loop through a parent already told of (the child reaches that parent before this group) is said
                // once; another loop through the child is said too.
                if (above.contains(child.toString())
                        && (looping.isEmpty()
                                || java.util.Collections.disjoint(tree.below(child.toString(), team), looping))) {
                    aboveAlone = aboveAlone != null ? aboveAlone : alone.above(team);
                    String is = aboveAlone.contains(child.toString()) ? " is already " : " would be ";
                    out.add(loop("spec.children", child + is + "above " + ref));
                }
            }
        }
        return out;
    }

    private static String loop(String field, String where) {
        return field + ": " + where + ", so the team tree would have a loop; make one of them the other's parent,"
                + " not both";
    }
}
