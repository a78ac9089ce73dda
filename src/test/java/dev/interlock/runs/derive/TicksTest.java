package dev.interlock.runs.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Ticks#nextWindowEnd}: the ticks it keeps between calls give the answers a fresh computation gives. */
class TicksTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest
    @ValueSource(strings = {"*/5 * * * *", "0 * * * *", "0 1,2,23 * * *", "30 2 * * 0"})
    void keptTicksAnswerAsAFreshLookWould(String schedule) {
        // Across the spring daylight-saving change, every 37 s for two days: going forward mostly reuses the kept
        // ticks, going backward computes them every time (a time before the kept ones is never answered from them).
        Instant start = Instant.parse("2026-03-28T20:00:00Z");
        List<Instant> times = new ArrayList<>();
        for (Instant t = start; t.isBefore(start.plus(Duration.ofDays(2))); t = t.plusSeconds(37)) {
            times.add(t);
        }
        List<Instant> forward = ends(schedule, times);
        List<Instant> reversed = new ArrayList<>(times);
        Collections.reverse(reversed);
        List<Instant> backward = new ArrayList<>(ends(schedule, reversed));
        Collections.reverse(backward);
        assertEquals(forward, backward);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/5 * * * *", "0 * * * *"})
    void theWindowOfTheLastTickIsAnsweredWhileItIsOpen(String schedule) {
        Instant tick = Instant.parse("2026-06-01T10:00:00Z");
        Instant end = Ticks.nextWindowEnd(schedule, ZoneId.of("UTC"), Duration.ofMinutes(1), tick.plusSeconds(59));
        assertEquals(tick.plusSeconds(60), end);
        Instant after = Ticks.nextWindowEnd(schedule, ZoneId.of("UTC"), Duration.ofMinutes(1), tick.plusSeconds(61));
        assertEquals(schedule.startsWith("*/5") ? tick.plusSeconds(360) : tick.plusSeconds(3660), after);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not cron", "61 * * * *"})
    void aScheduleThatCannotBeReadHasNoWindow(String schedule) {
        assertNull(Ticks.nextWindowEnd(schedule, BERLIN, null, Instant.parse("2026-06-01T10:00:00Z")));
    }

    private static List<Instant> ends(String schedule, List<Instant> times) {
        return times.stream()
                .map(t -> Ticks.nextWindowEnd(schedule, BERLIN, null, t))
                .toList();
    }
}
