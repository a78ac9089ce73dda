package dev.interlock.runs.derive;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.interlock.descriptor.EntityRef;

/**
 * The reason a pipeline gives for what it reads, from its culprit chain (nearest first): the culprit and how it is
 * bad ("reads data built from fivetran-salesforce through dbt-revenue-models, failing since …"), each pipeline on
 * the way that is failing or late itself said so too, so that a leader sees every broken pipeline to call about; or,
 * when nothing upstream is failing or late, the time the data is from against the freshness SLO.
 */
final class UpstreamReason {

    private UpstreamReason() {}

    /**
     * @param culprits the chain, nearest first, each with its own status (failing and late ones with their since)
     * @param dataTime the pipeline's effective data time
     * @param freshnessSlo its freshness SLO, or {@code null}
     * @param newerSince when the nearest pipeline of the chain has succeeded since the pipeline last read its inputs,
     *        that success's end, or {@code null}
     */
    static String of(List<Health.Culprit> culprits, Instant dataTime, Duration freshnessSlo, Instant newerSince) {
        Health.Culprit last = culprits.get(culprits.size() - 1);
        List<String> through = culprits.subList(0, culprits.size() - 1).stream()
                .map(c -> bad(c) ? name(c) + " (" + statusSince(c) + ")" : name(c))
                .toList();
        String built = "reads data built from " + name(last)
                + (through.isEmpty() ? "" : " through " + String.join(", ", through));
        if (bad(last)) {
            return built + ", " + statusSince(last);
        }
        if (dataTime == null || freshnessSlo == null) {
            // The culprit recovered between the walk that found it and this reading: nothing more to say of it.
            return built;
        }
        // Nothing upstream is failing or late: the data is older than this pipeline's SLO asks. When what it reads has
        // been written again since it last ran, it is its own next run that catches up, not anything upstream.
        return built + ", as of " + HealthCalculator.format(dataTime) + ", older than its "
                + HealthCalculator.human(freshnessSlo.toSeconds()) + " freshness SLO"
                + (newerSince == null
                        ? ""
                        : "; " + name(culprits.get(0)) + " has written newer data since "
                                + HealthCalculator.format(newerSince) + ", which its next run will read");
    }

    private static boolean bad(Health.Culprit c) {
        return c.status().equals("failing") || c.status().equals("late");
    }

    private static String statusSince(Health.Culprit c) {
        return c.status() + (c.since() == null ? "" : " since " + HealthCalculator.format(Instant.parse(c.since())));
    }

    private static String name(Health.Culprit c) {
        return EntityRef.ofCanonical(c.entityRef()).name();
    }
}
