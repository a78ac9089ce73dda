package dev.interlock.web;

import java.util.ArrayList;
import java.util.List;

/**
 * What in an entity makes a check fail, where the catalog can tell from the facts the check's rule reads: the
 * inputs or outputs not in the catalog, the maintainers not in it or too few, a person as owner, a personal run
 * identity. A rule reading none of these gets no list.
 */
final class Offending {

    private Offending() {}

    static List<String> of(String rule, EntityView entity) {
        List<String> out = new ArrayList<>();
        PipelineView p = entity.pipeline();
        if (rule.contains("ownerIsTeam") || rule.contains("owner.")) {
            if (entity.owner() == null) {
                out.add("no owner");
            } else if (!entity.owner().resolved()) {
                out.add("owner " + entity.owner().ref() + " is not in the catalog");
            } else if (!entity.owner().ref().kind().equals("group")) {
                out.add("owner " + entity.owner().ref() + " is a person, not a team");
            }
        }
        if (p == null) {
            return out;
        }
        if (rule.contains("inputsResolved")) {
            p.inputs().stream()
                    .filter(r -> !r.resolved())
                    .forEach(r -> out.add("input " + r.ref() + " is not in the catalog"));
        }
        if (rule.contains("outputsResolved")) {
            p.outputs().stream()
                    .filter(r -> !r.resolved())
                    .forEach(r -> out.add("output " + r.ref() + " is not in the catalog"));
        }
        if (rule.contains("maintainers")) {
            p.maintainers().stream()
                    .filter(r -> !r.resolved())
                    .forEach(r -> out.add("maintainer " + r.ref() + " is not in the catalog"));
            if (p.maintainers().size() < 2) {
                out.add(
                        p.maintainers().isEmpty()
                                ? "no maintainer named"
                                : "only one maintainer: "
                                        + p.maintainers().get(0).ref().name());
            }
        }
        if (rule.contains("runsAsServiceAccount")
                && p.runsAs().toLowerCase(java.util.Locale.ROOT).startsWith("user:")) {
            out.add("runs as " + p.runsAs());
        }
        return out;
    }
}
