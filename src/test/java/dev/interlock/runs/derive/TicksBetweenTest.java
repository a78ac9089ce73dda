package dev.interlock.runs.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.cronutils.model.time.ExecutionTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.interlock.pipeline.Schedules;

/**
 * {@link Ticks#between}: the ticks it keeps and extends between calls are those a plain walk over the span finds, and a
 * dense schedule asked about a long span gets its latest {@link Ticks#MAX_TICKS} ticks without walking the whole span.
 */
class TicksBetweenTest {

    @ParameterizedTest
    @CsvSource({
        "*/5 * * * *, Europe/Berlin",
        "0 * * * *, Pacific/Chatham",
        "* * * * *, Pacific/Chatham",
        "30 2 * * *, Europe/Berlin",
        "0 9 * * 1-5, America/New_York"
    })
    void keptTicksAreThoseAPlainWalkFinds(String schedule, String zone) {
        ZoneId z = ZoneId.of(zone);
        // Across the autumn daylight-saving change in Europe and a weekend; forward every 37 minutes, as time passes.
        Instant from = Instant.parse("2026-10-23T20:00:00Z");
        for (Instant now = from.plus(Duration.ofHours(1));
                now.isBefore(from.plus(Duration.ofDays(2)));
                now = now.plus(Duration.ofMinutes(37))) {
            assertEquals(plainWalk(schedule, z, from, now), Ticks.between(schedule, z, null, from, now), "at " + now);
        }
        // And back in time, as a page of older runs asks.
        for (Instant until = from.plus(Duration.ofDays(2));
                until.isAfter(from);
                until = until.minus(Duration.ofHours(5))) {
            Instant since = until.minus(Duration.ofHours(20));
            assertEquals(plainWalk(schedule, z, since, until), Ticks.between(schedule, z, null, since, until));
        }
    }

    @Test
    void aDenseScheduleOverALongSpanGivesItsLatestTicks() {
        // An every-minute pipeline whose oldest run is 100 days old: 144,000 ticks in the span, the latest 10,100 used.
        ZoneId z = ZoneId.of("Pacific/Chatham");
        Instant now = Instant.parse("2026-12-01T22:00:00Z");
        List<Ticks.Tick> ticks = Ticks.between("* * * * *", z, null, now.minus(Duration.ofDays(100)), now);
        assertEquals(Ticks.MAX_TICKS, ticks.size());
        assertEquals(
                plainWalk("* * * * *", z, now.minus(Duration.ofHours(1)), now).get(59), ticks.get(ticks.size() - 1));
        // A week of ticks is counted exactly (it used to stop at 5,000).
        Instant weekAgo = now.minus(Duration.ofDays(7));
        assertEquals(
                10_080,
                ticks.stream().filter(t -> t.windowEnd().isAfter(weekAgo)).count());
        // Ten minutes later, the same question is answered from the kept ticks, moved on by ten.
        List<Ticks.Tick> later =
                Ticks.between("* * * * *", z, null, now.minus(Duration.ofDays(100)), now.plus(Duration.ofMinutes(10)));
        assertEquals(ticks.subList(10, ticks.size()), later.subList(0, later.size() - 10));
    }

    /** Every tick from {@code from} whose window (the default grace) closes by {@code until}, the latest MAX_TICKS. */
    private static List<Ticks.Tick> plainWalk(String schedule, ZoneId zone, Instant from, Instant until) {
        ExecutionTime execution = ExecutionTime.forCron(Schedules.parse(schedule));
        List<Ticks.Tick> out = new ArrayList<>();
        Optional<ZonedDateTime> next = execution.nextExecution(from.atZone(zone).minusSeconds(1));
        while (next.isPresent()) {
            ZonedDateTime tick = next.get();
            Optional<ZonedDateTime> after = execution.nextExecution(tick);
            Duration interval = after.map(a -> Duration.between(tick, a)).orElse(Duration.ofDays(1));
            Duration grace = interval.dividedBy(4).compareTo(Duration.ofHours(1)) < 0
                    ? interval.dividedBy(4)
                    : Duration.ofHours(1);
            Instant end = tick.toInstant().plus(grace);
            if (end.isAfter(until)) {
                break;
            }
            out.add(new Ticks.Tick(tick.toInstant(), end));
            next = after;
        }
        return out.size() > Ticks.MAX_TICKS ? out.subList(out.size() - Ticks.MAX_TICKS, out.size()) : out;
    }
}
