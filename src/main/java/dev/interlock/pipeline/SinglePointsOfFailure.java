package dev.interlock.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.PipelineSpec;

/**
 * Why a pipeline would not survive the loss of one person: one maintainer (or none), no runbook, a personal run
 * identity that stops working when its owner leaves, or failures that one person alone has restored. The one
 * definition of the rule: it answers the pipelines page's filter ({@link PipelineQueries}), the reasons shown next to
 * each pipeline, and, for the reasons its descriptor gives, the scorecards' facts ({@code facts.singlePointsOfFailure};
 * a scorecard reads who restored from {@code runs.restorers}). A maintainer counts when they are in the catalog: a name
 * that is not (a typo, someone who left and was removed) is nobody anyone can call, as the people pages count it.
 */
public final class SinglePointsOfFailure {

    /** A reason, with the short text shown to people. */
    public enum Reason {
        NO_MAINTAINER("no maintainer"),
        ONE_MAINTAINER("one maintainer"),
        NO_RUNBOOK("no runbook"),
        PERSONAL_IDENTITY("runs as a person"),
        SOLE_RESTORER("only one person restored it");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private SinglePointsOfFailure() {}

    /**
     * The reasons of a pipeline.
     *
     * @param pipeline its {@code spec.pipeline} block; a missing block has no maintainer and no runbook
     * @param knownMaintainers how many different maintainers the block names that are in the catalog
     * @param soleRestorer whether one person alone restored its failures ({@link #soleRestorer(Collection)})
     */
    public static List<Reason> of(PipelineSpec pipeline, long knownMaintainers, boolean soleRestorer) {
        List<Reason> reasons = of(pipeline, knownMaintainers);
        if (soleRestorer) {
            reasons.add(Reason.SOLE_RESTORER);
        }
        return reasons;
    }

    /**
     * The reasons its descriptor gives, without what its runs tell.
     *
     * @param pipeline its {@code spec.pipeline} block; a missing block has no maintainer and no runbook
     * @param knownMaintainers how many different maintainers the block names that are in the catalog
     */
    public static List<Reason> of(PipelineSpec pipeline, long knownMaintainers) {
        List<Reason> reasons = new ArrayList<>();
        if (knownMaintainers == 0) {
            reasons.add(Reason.NO_MAINTAINER);
        } else if (knownMaintainers == 1) {
            reasons.add(Reason.ONE_MAINTAINER);
        }
        if (pipeline.runbook().isBlank()) {
            reasons.add(Reason.NO_RUNBOOK);
        }
        if (pipeline.runsAs().toLowerCase(Locale.ROOT).startsWith("user:")) {
            reasons.add(Reason.PERSONAL_IDENTITY);
        }
        return reasons;
    }

    /**
     * The one person who restored every failure, from who restored each failure of the last 90 days as its runs name
     * them ({@code user:carol} and {@code user:default/carol} are the same person); empty when nobody, several people
     * or something other than a person (a service account's group, a name that is no reference) did.
     */
    public static Optional<EntityRef> soleRestorer(Collection<String> restorers) {
        Set<EntityRef> people = new HashSet<>();
        for (String r : restorers) {
            Optional<EntityRef> ref = restorerRef(r);
            if (ref.isEmpty()) {
                return Optional.empty();
            }
            people.add(ref.get());
        }
        return people.size() == 1 && people.iterator().next().kind().equals("user")
                ? Optional.of(people.iterator().next())
                : Optional.empty();
    }

    /**
     * The entity a restorer's name, as a run source gives it, refers to: a person unless the name says another kind,
     * in the default namespace unless it names one; empty when the name is no reference.
     */
    public static Optional<EntityRef> restorerRef(String named) {
        try {
            return Optional.of(EntityRef.parse(named, "user", EntityRef.DEFAULT_NAMESPACE));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
