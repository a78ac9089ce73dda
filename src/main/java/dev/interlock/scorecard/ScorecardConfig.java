package dev.interlock.scorecard;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How scorecards show on pages and how scoring goes ({@code interlock.scorecards.*}). */
@ConfigMapping(prefix = "interlock.scorecards")
public interface ScorecardConfig {

    /**
     * The scorecard whose level the pipelines, team and start pages show, by name (default namespace) or reference.
     * Only this scorecard's results appear there, labelled with its title; other scorecards show under their own
     * names on the entity and scorecard pages.
     */
    @WithDefault("survivability")
    String headline();

    /** Most scorecards read from the catalog: the ones beyond it are neither listed nor scored. */
    @WithDefault("1000")
    int max();

    /** Most entities a scorecard's results can be narrowed to by {@code filter} or {@code owner} in the API. */
    @WithDefault("10000")
    int filterLimit();

    /** The scorer's limits ({@code interlock.scorecards.scoring.*}). */
    Scoring scoring();

    /** How the scorer divides its work. */
    interface Scoring {

        /**
         * Entities per slice of scoring work: the scorer takes this many from one scorecard's queue, then turns to
         * the next scorecard, so one expensive scorecard delays the others by one slice at most.
         */
        @WithDefault("100")
        int slice();

        /** Rows of {@code scoring_work} claimed at most per look at the table, between slices. */
        @WithDefault("100")
        int claim();

        /**
         * Entities whose facts are kept between scorecards until the next change is planned; past it the kept
         * facts are dropped and computed again, so a rescore of a large catalog does not hold them all.
         */
        @WithDefault("20000")
        int factsKept();

        /**
         * Longest a scorer's claim on its work may last (the transaction holding the claimed rows and, on
         * PostgreSQL, the scorer lock); work not finished by then is rolled back and scored again. Long, since a
         * changed scorecard rescores the whole catalog under one claim.
         */
        @WithDefault("24h")
        Duration claimTimeout();
    }
}
