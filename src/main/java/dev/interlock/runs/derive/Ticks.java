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

    /**
     * Most ticks looked at for one pipeline: seven days of an every-minute schedule (10,080), so that the 7-day
     * figures are exact for any schedule.
     */
    static final int MAX_TICKS = 10_100;
    /** Longest span of ticks looked at: a little more than the default retention of runs (90 days). */
    static final Duration MAX_SPAN = Duration.ofDays(100);
    /** Most ticks kept per schedule: the latest, enough to answer a request that ends before the newest. */
    private static final int KEPT_TICKS = 2 * MAX_TICKS;

    private static final Duration MAX_DEFAULT_GRACE = Duration.ofHours(1);

    /** One tick and the end of its window. */
    public record Tick(Instant at, Instant windowEnd) {}

    private Ticks() {}

    /**
     * Ticks computed once per schedule, timezone and grace: every tick whose window ended in {@code (from, until]},
     * oldest first, or the latest {@link #KEPT_TICKS} of them ({@code complete} false) when there are more.
     */
    private record Cached(Instant from, Instant until, List<Tick> ticks, boolean complete) {

        /** Whether these ticks answer a request: the latest {@link #MAX_TICKS} ticks of its span are all here. */
        boolean answers(Instant from, Instant until) {
            if (until.isAfter(this.until)) {
                return false;
            }
            if (!from.isBefore(this.from)) {
                return true;
            }
            // A request reaching further back than what is kept is answered when its latest ticks are all kept.
            int count = 0;
            for (Tick t : ticks) {
                if (!t.windowEnd().isAfter(until)) {
                    count++;
                }
            }
            return !complete && count >= MAX_TICKS;
        }
    }

    private static final java.util.Map<String, Cached> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHED_SCHEDULES = 10_000;

    /**
     * The ticks whose window ended in {@code (from, until]}: the most recent {@link #MAX_TICKS} of them. Computing
     * ticks is slow (cron-utils, up to 0.1 ms each), so they are kept per schedule and extended as time passes; a
     * computation walks at most {@link #KEPT_TICKS} ticks, and concurrent callers for one schedule wait for one
     * computation instead of each making their own. A request for an older span is computed alone, not kept.
     *
     * @param grace the pipeline's {@code trigger.grace}, or {@code null} for the default
     */
    public static List<Tick> between(String schedule, ZoneId zone, Duration grace, Instant from, Instant until) {
        // A run reported long after the fact (a backfill from years ago) must not make every health computation walk
        // years of ticks: none older than MAX_SPAN is looked at.
        Instant start = from.isBefore(until.minus(MAX_SPAN)) ? until.minus(MAX_SPAN) : from;
        if (CACHE.size() > CACHED_SCHEDULES) {
            CACHE.clear();
        }
        String key = schedule + "|" + zone + "|" + grace;
        Cached c = CACHE.get(key);
        if (c == null || !c.answers(start, until)) {
            if (c != null && until.isBefore(c.until())) {
                // An older span (a page of older runs): computed for this request alone, the kept ticks, which the
                // health of every pipeline on this schedule reads, stay as they are.
                c = covering(null, schedule, zone, grace, start, until);
            } else {
                c = CACHE.compute(
                        key,
                        (k, kept) -> kept != null && kept.answers(start, until)
                                ? kept
                                : covering(kept, schedule, zone, grace, start, until));
            }
        }
        List<Tick> out = new ArrayList<>();
        for (Tick t : c.ticks()) {
            if (!t.at().isBefore(start) && !t.windowEnd().isAfter(until)) {
                out.add(t);
            }
        }
        return out.size() > MAX_TICKS ? out.subList(out.size() - MAX_TICKS, out.size()) : out;
    }

    /** Ticks for a request: the kept ones extended forward when they reach back far enough, else computed anew. */
    private static Cached covering(
            Cached kept, String schedule, ZoneId zone, Duration grace, Instant from, Instant until) {
        ExecutionTime execution = execution(schedule);
        if (execution == null) {
            return new Cached(from, until, List.of(), true);
        }
        Instant u = until.plus(Duration.ofMinutes(10));
        // Extending forward is enough when the kept ticks reach back to from, or are the latest KEPT_TICKS of a longer
        // span (the request then needs only its latest MAX_TICKS, which the extended ticks hold).
        if (kept != null
                && !kept.ticks().isEmpty()
                && until.isAfter(kept.until())
                && (!from.isBefore(kept.from()) || !kept.complete())) {
            java.util.ArrayDeque<Tick> ticks = new java.util.ArrayDeque<>(kept.ticks());
            if (fewAhead(kept.ticks(), u)
                    && forward(execution, zone, grace, ticks.getLast().at().atZone(zone), u, ticks)) {
                boolean complete = kept.complete() && ticks.size() <= KEPT_TICKS;
                while (ticks.size() > KEPT_TICKS) {
                    ticks.removeFirst();
                }
                return new Cached(complete ? kept.from() : ticks.getFirst().at(), u, List.copyOf(ticks), complete);
            }
            // Further ahead than a computation walks (a server left alone for weeks): computed anew below.
        }
        Instant f = from.minus(Duration.ofDays(1));
        List<Tick> ticks = backward(execution, zone, grace, f, u);
        boolean complete = ticks.size() < KEPT_TICKS;
        return new Cached(complete ? f : ticks.get(0).at(), u, ticks, complete);
    }

    /**
     * Whether the ticks up to {@code until} after the kept ones are, at the kept ones' latest interval, fewer than a
     * computation walks: else walking forward would only find that out the slow way.
     */
    private static boolean fewAhead(List<Tick> kept, Instant until) {
        if (kept.size() < 2) {
            return true;
        }
        Instant last = kept.get(kept.size() - 1).at();
        long interval = Math.max(
                1, Duration.between(kept.get(kept.size() - 2).at(), last).toSeconds());
        return Duration.between(last, until).toSeconds() / interval < KEPT_TICKS;
    }

    /**
     * Adds the ticks after {@code last} whose window ends by {@code until} to {@code out}; false when there are more
     * than a computation walks.
     */
    private static boolean forward(
            ExecutionTime execution,
            ZoneId zone,
            Duration grace,
            ZonedDateTime last,
            Instant until,
            java.util.ArrayDeque<Tick> out) {
        Optional<ZonedDateTime> next = execution.nextExecution(last);
        int walked = 0;
        while (next.isPresent()) {
            if (walked++ > KEPT_TICKS) {
                return false;
            }
            ZonedDateTime tick = next.get();
            Optional<ZonedDateTime> after = execution.nextExecution(tick);
            Instant end = tick.toInstant()
                    .plus(window(
                            grace, after.map(a -> Duration.between(tick, a)).orElse(Duration.ofDays(1))));
            if (end.isAfter(until)) {
                return true;
            }
            out.addLast(new Tick(tick.toInstant(), end));
            next = after;
        }
        return true;
    }

    /**
     * The ticks at or after {@code from} whose window ends by {@code until}, oldest first: walked back from
     * {@code until}, at most {@link #KEPT_TICKS} of them.
     */
    private static List<Tick> backward(
            ExecutionTime execution, ZoneId zone, Duration grace, Instant from, Instant until) {
        java.util.ArrayDeque<Tick> out = new java.util.ArrayDeque<>();
        ZonedDateTime at = until.atZone(zone);
        Optional<ZonedDateTime> later = execution.nextExecution(at);
        // lastExecution answers the tick before a time; one second on, a tick at until itself counts.
        Optional<ZonedDateTime> tick = execution.lastExecution(at.plusSeconds(1));
        while (tick.isPresent() && out.size() < KEPT_TICKS) {
            ZonedDateTime t = tick.get();
            if (t.toInstant().isBefore(from)) {
                break;
            }
            Instant end = t.toInstant()
                    .plus(window(grace, later.map(l -> Duration.between(t, l)).orElse(Duration.ofDays(1))));
            if (!end.isAfter(until)) {
                out.addFirst(new Tick(t.toInstant(), end));
            }
            later = tick;
            tick = execution.lastExecution(t);
        }
        return List.copyOf(out);
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
        ExecutionTime execution = execution(schedule);
        if (execution == null) {
            return null;
        }
        ZonedDateTime at = now.atZone(zone);
        Optional<ZonedDateTime> next = execution.nextExecution(at);
        Around around = new Around(
                now,
                execution.lastExecution(at.plusSeconds(1)), // a tick at now counts
                next,
                next.flatMap(execution::nextExecution));
        if (AROUND.size() > CACHED_SCHEDULES) {
            AROUND.clear();
        }
        AROUND.put(key, around);
        return around;
    }

    /** The schedule as cron-utils runs it, or {@code null} for one that cannot be read. */
    private static ExecutionTime execution(String schedule) {
        if (EXECUTIONS.size() > CACHED_SCHEDULES) {
            EXECUTIONS.clear();
        }
        return EXECUTIONS
                .computeIfAbsent(schedule, s -> {
                    try {
                        return Optional.of(ExecutionTime.forCron(Schedules.parse(s)));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                })
                .orElse(null);
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

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
