package dev.interlock.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** A location's next read keeps its rhythm, and is never further off than one interval from now. */
class RefreshTimesTest {

    private static final Duration INTERVAL = Duration.ofMinutes(30);

    @Test
    void theNextReadIsOneIntervalOnAndNeverBeyondOneFromNow() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime planned = now.plusMinutes(10);
        assertEquals(planned.plus(INTERVAL), RefreshTimes.next(planned, INTERVAL), "one interval on");
        for (OffsetDateTime previous : new OffsetDateTime[] {
            null, now.minusDays(1), OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC), now.plusDays(1)
        }) {
            OffsetDateTime next = RefreshTimes.next(previous, INTERVAL);
            assertTrue(
                    !next.isBefore(now.plus(INTERVAL))
                            && next.isBefore(now.plus(INTERVAL).plusMinutes(1)),
                    previous + " gave " + next);
        }
    }
}
