package dev.interlock.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.interlock.catalog.PlannerStatistics.Due;

/** When PostgreSQL's planner statistics are taken again, with the defaults of {@code planner-statistics.*}. */
class PlannerStatisticsTest {

    private static final CatalogConfig.PlannerStatisticsConfig DEFAULTS = new CatalogConfig.PlannerStatisticsConfig() {
        @Override
        public long baseChanges() {
            return 50;
        }

        @Override
        public double changedFraction() {
            return 0.1;
        }

        @Override
        public Duration quietPeriod() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration longestWait() {
            return Duration.ofSeconds(10);
        }
    };

    @Test
    void aFewChangesWait() {
        assertEquals(Due.NOT_YET, PlannerStatistics.due(50, 0, DEFAULTS));
        assertEquals(Due.NOT_YET, PlannerStatistics.due(1_050, 10_000, DEFAULTS));
    }

    @Test
    void aTenthOfTheCatalogChangedIsAnalyzedOnceQuiet() {
        assertEquals(Due.WHEN_QUIET, PlannerStatistics.due(1_051, 10_000, DEFAULTS));
        assertEquals(Due.WHEN_QUIET, PlannerStatistics.due(10_050, 10_000, DEFAULTS));
    }

    @Test
    void aCatalogThatMoreThanDoubledIsAnalyzedAtOnce() {
        // The first body of a load into an empty catalog, and each doubling after it.
        assertEquals(Due.NOW, PlannerStatistics.due(1_000, 0, DEFAULTS));
        assertEquals(Due.NOW, PlannerStatistics.due(1_051, 1_000, DEFAULTS));
        assertEquals(Due.NOW, PlannerStatistics.due(10_051, 10_000, DEFAULTS));
    }
}
