package dev.interlock.runs.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.interlock.runs.Run;
import dev.interlock.runs.TestRuns;

/** The last success at a time, as the effective data time asks for it. */
class SuccessTimesTest {

    private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");

    private final SuccessTimes times = SuccessTimes.of(List.of(
            succeeded("a", T.minusSeconds(100), T),
            succeeded("b", null, T.plusSeconds(60)),
            succeeded("c", T.plusSeconds(50), T.plusSeconds(60)),
            succeeded("d", T.plusSeconds(100), T.plusSeconds(200))));

    @Test
    void theLastThatEndedAtOrBeforeTheTime() {
        assertNull(times.lastAt(T.minusNanos(1)));
        assertEquals(new SuccessTimes.Success(T, T.minusSeconds(100)), times.lastAt(T));
        assertEquals(new SuccessTimes.Success(T, T.minusSeconds(100)), times.lastAt(T.plusSeconds(59)));
        // Two ended at once: the later in the list, which read as of its start.
        assertEquals(new SuccessTimes.Success(T.plusSeconds(60), T.plusSeconds(50)), times.lastAt(T.plusSeconds(60)));
        assertEquals(
                new SuccessTimes.Success(T.plusSeconds(200), T.plusSeconds(100)), times.lastAt(T.plusSeconds(999)));
    }

    @Test
    void withoutATimeTheLastOfAllAndWithoutSuccessesNone() {
        assertEquals(new SuccessTimes.Success(T.plusSeconds(200), T.plusSeconds(100)), times.lastAt(null));
        assertNull(SuccessTimes.of(List.of()).lastAt(null));
        // A run with no start read its inputs as of its end.
        assertEquals(
                new SuccessTimes.Success(T.plusSeconds(60), T.plusSeconds(60)),
                SuccessTimes.of(List.of(succeeded("b", null, T.plusSeconds(60))))
                        .lastAt(null));
    }

    @Test
    void aStartAfterTheEndIsNotWhenItReadItsData() {
        // The START and the COMPLETE of one run from clocks that disagree: its data is not newer than its end.
        assertEquals(
                new SuccessTimes.Success(T, T),
                SuccessTimes.of(List.of(succeeded("skew", T.plusSeconds(30), T)))
                        .lastAt(null));
    }

    private static Run succeeded(String key, Instant start, Instant end) {
        return TestRuns.succeeded(key, "p", "component:default/p", start, end);
    }
}
