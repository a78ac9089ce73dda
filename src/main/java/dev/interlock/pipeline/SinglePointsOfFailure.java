package dev.interlock.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Why a pipeline would not survive the loss of one person: one maintainer (or none), no runbook, or a personal
 * run identity that stops working when its owner leaves. The same rules answer the pipelines page's filter (in
 * SQL, {@link PipelineQueries}) and the reasons shown next to each pipeline.
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

    private SinglePointsOfFailure() {
    }

    /** The reasons of a pipeline's {@code spec.pipeline} block; a missing block has no maintainer and no runbook. */
    public static List<Reason> of(Map<?, ?> pipeline) {
        Map<?, ?> p = pipeline == null ? Map.of() : pipeline;
        List<Reason> reasons = new ArrayList<>();
        int maintainers = p.get("maintainers") instanceof List<?> l ? l.size() : 0;
        if (maintainers == 0) {
            reasons.add(Reason.NO_MAINTAINER);
        } else if (maintainers == 1) {
            reasons.add(Reason.ONE_MAINTAINER);
        }
        if (!(p.get("runbook") instanceof String s) || s.isBlank()) {
            reasons.add(Reason.NO_RUNBOOK);
        }
        if (p.get("runsAs") instanceof String r && r.toLowerCase().startsWith("user:")) {
            reasons.add(Reason.PERSONAL_IDENTITY);
        }
        return reasons;
    }
}
