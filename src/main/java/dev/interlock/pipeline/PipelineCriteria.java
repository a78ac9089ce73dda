package dev.interlock.pipeline;

import java.util.List;
import java.util.Locale;

/**
 * Which pipelines a list shows, and in what order. Every value is checked against a fixed set here, so the query
 * builds its SQL from known pieces only.
 *
 * @param family {@code data}, {@code delivery}, or {@code null} for both
 * @param spof only pipelines with a single point of failure (any reason)
 * @param reason only pipelines with this reason ({@link #REASONS}), or {@code null}
 * @param production only pipelines in production
 * @param sort the column to sort by ({@link #SORTS})
 * @param descending whether the order is reversed
 */
public record PipelineCriteria(
        String family, boolean spof, String reason, boolean production, String sort, boolean descending) {

    /**
     * The reasons one can filter by: one maintainer or none, no runbook, runs as a person, only one person restored
     * it.
     */
    public static final List<String> REASONS = List.of("maintainer", "runbook", "person", "restorer");

    /**
     * The columns one can sort by: the descriptor's, which the query sorts, and {@link #RUN_SORTS}, which come from
     * runs and scores.
     */
    public static final List<String> SORTS =
            List.of("name", "family", "platform", "owner", "lifecycle", "maintainers", "health", "level");

    /** The columns whose order comes from runs (health) and scores (level), not from the stored descriptors. */
    public static final List<String> RUN_SORTS = List.of("health", "level");

    public PipelineCriteria {
        family = family != null && PipelinePolicy.FAMILIES.contains(family) ? family : null;
        reason = reason != null && REASONS.contains(reason.toLowerCase(Locale.ROOT))
                ? reason.toLowerCase(Locale.ROOT)
                : null;
        sort = sort != null && SORTS.contains(sort) ? sort : "name";
    }

    /** Whether the order is the query's own, not one from runs or scores ({@link #RUN_SORTS}). */
    public boolean sortedByQuery() {
        return !RUN_SORTS.contains(sort);
    }

    /** The same pipelines by name, for an order made outside the query. */
    public PipelineCriteria byName() {
        return new PipelineCriteria(family, spof, reason, production, "name", false);
    }

    /** All pipelines, or those of one family, by name. */
    public static PipelineCriteria of(String family, boolean spof) {
        return new PipelineCriteria(family, spof, null, false, "name", false);
    }

    /** The reason a filter value stands for. */
    public static SinglePointsOfFailure.Reason reasonOf(String key) {
        return switch (key) {
            case "maintainer" -> SinglePointsOfFailure.Reason.ONE_MAINTAINER;
            case "runbook" -> SinglePointsOfFailure.Reason.NO_RUNBOOK;
            case "person" -> SinglePointsOfFailure.Reason.PERSONAL_IDENTITY;
            case "restorer" -> SinglePointsOfFailure.Reason.SOLE_RESTORER;
            default -> throw new IllegalArgumentException("unknown reason " + key);
        };
    }

    /** The filter value of a reason (no maintainer and one maintainer share one). */
    public static String keyOf(SinglePointsOfFailure.Reason reason) {
        return switch (reason) {
            case NO_MAINTAINER, ONE_MAINTAINER -> "maintainer";
            case NO_RUNBOOK -> "runbook";
            case PERSONAL_IDENTITY -> "person";
            case SOLE_RESTORER -> "restorer";
        };
    }
}
