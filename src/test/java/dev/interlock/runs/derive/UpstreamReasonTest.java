package dev.interlock.runs.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link UpstreamReason}: the culprit and how it is bad, every broken pipeline on the way too, or the data's time. */
class UpstreamReasonTest {

    private static final Instant T = Instant.parse("2026-12-04T13:28:00Z");

    private static Health.Culprit culprit(String name, String status, Instant since) {
        return new Health.Culprit("component:default/" + name, status, since == null ? null : since.toString(), name);
    }

    @Test
    void aPipelineOnTheWayThatFailsItselfIsNamedAsFailingToo() {
        assertEquals(
                "reads data built from base-images through checkout-ci (failing since 2026-12-04 13:28 UTC), failing"
                        + " since 2026-12-04 13:33 UTC",
                UpstreamReason.of(
                        List.of(
                                culprit("checkout-ci", "failing", T),
                                culprit("base-images", "failing", T.plusSeconds(300))),
                        T.minus(Duration.ofDays(7)),
                        null,
                        null));
    }

    @Test
    void pipelinesOnTheWayThatAreNotBadAreNamedAlone() {
        assertEquals(
                "reads data built from ingest through model, late since 2026-12-04 13:28 UTC",
                UpstreamReason.of(
                        List.of(culprit("model", "upstream", null), culprit("ingest", "late", T)), T, null, null));
    }

    @Test
    void withNothingFailingOrLateTheDataTimeIsSetAgainstTheSlo() {
        assertEquals(
                "reads data built from ads through marketing, as of 2026-12-04 13:28 UTC, older than its 4h freshness"
                        + " SLO",
                UpstreamReason.of(
                        List.of(culprit("marketing", "healthy", null), culprit("ads", "healthy", null)),
                        T,
                        Duration.ofHours(4),
                        null));
    }

    /** What it reads was written again after it last ran: its own next run catches up, and the reason says so. */
    @Test
    void newerDataUpstreamSinceItLastReadIsSaidToWaitForItsNextRun() {
        assertEquals(
                "reads data built from ads through marketing, as of 2026-12-04 13:28 UTC, older than its 4h freshness"
                        + " SLO; marketing has written newer data since 2026-12-04 13:33 UTC, which its next run will"
                        + " read",
                UpstreamReason.of(
                        List.of(culprit("marketing", "healthy", null), culprit("ads", "healthy", null)),
                        T,
                        Duration.ofHours(4),
                        T.plusSeconds(300)));
    }

    /** A culprit that recovered between the walk and the reading, on a pipeline without a freshness SLO. */
    @Test
    void withoutAnSloOrADataTimeTheReasonNamesTheChainAlone() {
        assertEquals(
                "reads data built from ads through marketing",
                UpstreamReason.of(
                        List.of(culprit("marketing", "healthy", null), culprit("ads", "healthy", null)),
                        null,
                        null,
                        null));
    }
}
