package dev.interlock.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.interlock.model.PipelineSpec;

/**
 * Why a pipeline would not survive the loss of one person: one maintainer (or none), no runbook, or a personal
 * run identity that stops working when its owner leaves. The one definition of the rule: it answers the pipelines
 * page's filter ({@link PipelineQueries}), the reasons shown next to each pipeline, and the scorecards' facts
 * ({@code facts.singlePointsOfFailure}). A maintainer counts when they are in the catalog: a name that is not (a typo,
 * someone who left and was removed) is nobody anyone can call, as the people pages count it.
 */
public final class SinglePointsOfFailure {

    /** A reason, with the short text shown to people. */
    public enum Reason {
        NO_MAINTAINER("no maintainer"),
        ONE_MAINTAINER("one maintainer"),
        NO_RUNBOOK("no runbook"),
        PERSONAL_IDENTITY("runs as a person");

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
}
