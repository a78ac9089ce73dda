package dev.interlock.runs.derive;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.cronutils.model.time.ExecutionTime;

import dev.interlock.pipeline.Schedules;

/**
 * The ticks of a cron schedule in its timezone, and the grace window of each: the time a run may take to start
 * and still count for the tick ({@code trigger.grace}, default 25 % of the interval, at most one hour).
 */
public final class Ticks {

    /** Most ticks looked at for one pipeline (an every-minute schedule over 30 days would be 43,200). */
    static final int MAX_TICKS = 5_000;
    /** Longest span of ticks looked at: a little more than the default retention of runs (90 days). */
    static final Duration MAX_SPAN = Duration.ofDays(100);

    private static final Duration MAX_DEFAULT_GRACE = Duration.ofHours(1);

    /** One tick and the end of its window. */
    public record Tick(Instant at, Instant windowEnd) {}

    private Ticks() {}

    /** Ticks computed once per schedule, timezone and grace, for a range that grows as time passes. */
    private record Cached(Instant from, Instant until, List<Tick> ticks) {}

    private static final java.util.Map<String, Cached> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHED_SCHEDULES = 10_000;

    /**
     * The ticks whose window ended in {@code (from, until]}: the most recent {@link #MAX_TICKS} of them. Computing
     * ticks is slow (cron-utils), so they are kept per schedule for a range a little wider than asked.
     *
     * @param grace the pipeline's {@code trigger.grace}, or {@code null} for the default
     */
    public static List<Tick> between(String schedule, ZoneId zone, Duration grace, Instant from, Instant until) {
        // A run reported long after the fact (a backfill from years ago) must not make every health computation walk
        // years of ticks: none older than MAX_SPAN is looked at.
        if (from.isBefore(until.minus(MAX_SPAN))) {
            from = until.minus(MAX_SPAN);
        }
        String key = schedule + "|" + zone + "|" + grace;
        Cached c = CACHE.get(key);
        if (c == null || from.isBefore(c.from()) || until.isAfter(c.until())) {
            Instant f = c == null || from.isBefore(c.from()) ? from.minus(Duration.ofDays(1)) : c.from();
            Instant u = until.plus(Duration.ofMinutes(10));
            c = new Cached(f, u, compute(schedule, zone, grace, f, u));
            if (CACHE.size() > CACHED_SCHEDULES) {
                CACHE.clear();
            }
            CACHE.put(key, c);
        }
        List<Tick> out = new ArrayList<>();
        for (Tick t : c.ticks()) {
            if (!t.at().isBefore(from) && !t.windowEnd().isAfter(until)) {
                out.add(t);
            }
        }
        return out.size() > MAX_TICKS ? out.subList(out.size() - MAX_TICKS, out.size()) : out;
    }

    private static final java.util.Map<String, Optional<ExecutionTime>> EXECUTIONS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * When the next grace window closes after {@code now}: the window of the last tick if it is still open, else the
     * next tick's; {@code null} for a schedule that cannot be read or has no next tick.
     */
    public static Instant nextWindowEnd(String schedule, ZoneId zone, Duration grace, Instant now) {
        Around around = around(schedule, zone, now);
        if (around == null) {
            return null;
        }
        Optional<ZonedDateTime> last = around.last();
        Optional<ZonedDateTime> next = around.next();
        if (last.isPresent() && next.isPresent()) {
            Instant end = last.get().toInstant().plus(window(grace, Duration.between(last.get(), next.get())));
            if (end.isAfter(now)) {
                return end;
            }
        }
        if (next.isEmpty()) {
            return null;
        }
        return next.get()
                .toInstant()
                .plus(window(
                        grace,
                        around.after().map(a -> Duration.between(next.get(), a)).orElse(Duration.ofDays(1))));
    }

    /**
     * The ticks around a time: the last at or before it, the next after it and the one after that; the same for
     * every time from {@code from} until a second before the next tick.
     */
    private record Around(
            Instant from, Optional<ZonedDateTime> last, Optional<ZonedDateTime> next, Optional<ZonedDateTime> after) {

        boolean covers(Instant now) {
            return !now.isBefore(from)
                    && next.isPresent()
                    && now.isBefore(next.get().toInstant().minusSeconds(1));
        }
    }

    private static final java.util.Map<String, Around> AROUND = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The ticks around {@code now}, or {@code null} for a schedule that cannot be read. Every pipeline's figures ask
     * when its next window closes and cron-utils takes long to answer, while the answer changes only at a tick: it
     * is kept per schedule and timezone until then.
     */
    private static Around around(String schedule, ZoneId zone, Instant now) {
        String key = schedule + "|" + zone;
        Around kept = AROUND.get(key);
        if (kept != null && kept.covers(now)) {
            return kept;
        }
        if (EXECUTIONS.size() > CACHED_SCHEDULES) {
            EXECUTIONS.clear();
        }
        Optional<ExecutionTime> execution = EXECUTIONS.computeIfAbsent(schedule, s -> {
            try {
                return Optional.of(ExecutionTime.forCron(Schedules.parse(s)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
        if (execution.isEmpty()) {
            return null;
        }
        ZonedDateTime at = now.atZone(zone);
        Optional<ZonedDateTime> next = execution.get().nextExecution(at);
        Around around = new Around(
                now,
                execution.get().lastExecution(at.plusSeconds(1)), // a tick at now counts
                next,
                next.flatMap(n -> execution.get().nextExecution(n)));
        if (AROUND.size() > CACHED_SCHEDULES) {
            AROUND.clear();
        }
        AROUND.put(key, around);
        return around;
    }

    private static Duration window(Duration grace, Duration interval) {
        return grace != null ? grace : min(interval.dividedBy(4), MAX_DEFAULT_GRACE);
    }

    /** Whether the grace window of some tick closed in {@code (from, until]}. */
    public static boolean windowClosedBetween(
            String schedule, ZoneId zone, Duration grace, Instant from, Instant until) {
        // Ticks whose window closes after from start at most a day (the longest default window is an hour; a
        // configured grace longer than a day is looked at from further back).
        Duration back = grace != null && grace.compareTo(Duration.ofDays(1)) > 0 ? grace : Duration.ofDays(1);
        for (Tick t : between(schedule, zone, grace, from.minus(back), until)) {
            if (t.windowEnd().isAfter(from)) {
                return true;
            }
        }
        return false;
    }

    private static List<Tick> compute(String schedule, ZoneId zone, Duration grace, Instant from, Instant until) {
        ExecutionTime execution;
        try {
            execution = ExecutionTime.forCron(Schedules.parse(schedule));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        java.util.ArrayDeque<Tick> out = new java.util.ArrayDeque<>();
        Optional<ZonedDateTime> next = execution.nextExecution(from.atZone(zone).minusSeconds(1));
        while (next.isPresent()) {
            ZonedDateTime tick = next.get();
            Optional<ZonedDateTime> after = execution.nextExecution(tick);
            Duration interval = after.map(a -> Duration.between(tick, a)).orElse(Duration.ofDays(1));
            Instant end = tick.toInstant().plus(window(grace, interval));
            if (end.isAfter(until)) {
                break;
            }
            out.add(new Tick(tick.toInstant(), end));
            if (out.size() > 4 * MAX_TICKS) {
                out.removeFirst();
            }
            next = after;
        }
        return List.copyOf(out);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
