package dev.interlock.runs;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Pipeline runs ({@code interlock.runs.*}): ingestion limits, the GitHub webhook secret, retention, missed runs. */
@ConfigMapping(prefix = "interlock.runs")
public interface RunsConfig {

    /** The GitHub webhook. */
    Github github();

    /** Raw events and runs older than this are deleted by the retention job (ISO-8601, default 90 days). */
    @WithDefault("P90D")
    Duration retention();

    /** Largest body one ingestion request may carry, in bytes; larger ones get 413 (default 5 MiB). */
    @WithDefault("5242880")
    int maxEventBody();

    /** Most events one request may carry (an OpenLineage array); more get 400. */
    @WithDefault("10000")
    int maxEventsPerRequest();

    /** How far in the future an event time may be before the event is refused (clock skew allowance). */
    @WithDefault("PT1H")
    Duration maxFuture();

    /** How often the missed-run job looks for schedule ticks without a run (a quarkus-scheduler interval). */
    @WithDefault("60s")
    String missedEvery();

    /**
     * How often the health job computes the figures of pipelines whose kept figures are gone (a quarkus-scheduler
     * interval), so that pages and the API find them ready.
     */
    @WithDefault("10s")
    String healthEvery();

    /**
     * How long after a rebinding pass for changed claims every job's runs are read once more: a run event stored
     * while the claims changed may have been bound by the claims before the change after that pass had read the jobs.
     * Longer than storing one request's events takes.
     */
    @WithDefault("PT30S")
    Duration rebindSettle();

    /** How often the retention job runs (a quarkus-scheduler interval). */
    @WithDefault("1h")
    String retentionEvery();

    /**
     * Most events written in one transaction by the group commit (bodies waiting together are written together);
     * a body larger than this is a group of its own.
     */
    @WithDefault("5000")
    int groupEvents();

    /** How many items a page of {@code /api/pipelines/.../runs} and {@code /api/pipelines/health} has by default. */
    @WithDefault("50")
    int pageDefaultLimit();

    /** The largest {@code limit} those pages accept. */
    @WithDefault("500")
    int pageMaxLimit();

    /** How health is derived from runs. */
    Health health();

    /** Health limits. */
    interface Health {

        /**
         * Most pipelines one lineage walk visits (upstream for the culprit chain and the effective data time);
         * walks downstream for rescoring visit ten times as many.
         */
        @WithDefault("2000")
        int walkLimit();

        /** Most runs shown as the evidence of one figure (failed runs, missed ticks, the runs of an open episode). */
        @WithDefault("50")
        int evidence();

        /** How long a pipeline's status for a table cell is reused (its own run changes forget it at once). */
        @WithDefault("PT5S")
        Duration statusAge();

        /** How often the per-status counts of the gauges are recounted at most. */
        @WithDefault("PT30S")
        Duration countsAge();
    }

    /** The GitHub webhook's settings. */
    interface Github {
        /**
         * The webhook secret, as set in GitHub's webhook form. Unset, {@code POST /api/webhooks/github} answers 404;
         * set, every delivery must carry a valid {@code X-Hub-Signature-256}.
         */
        Optional<String> secret();
    }
}
