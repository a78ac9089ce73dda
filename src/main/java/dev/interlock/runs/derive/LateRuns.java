package dev.interlock.runs.derive;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.interlock.runs.Run;
import dev.interlock.runs.RunState;
import dev.interlock.runs.bind.PipelineInfo;

/**
 * Runs that came for a tick after its grace window had closed (runs.md §3: "a late run that then arrives is kept as
 * late"). The tick stays missed (the scheduler did not start it in time) and the run is marked late for it, so the
 * history shows both what was expected and when it really happened.
 */
public final class LateRuns {

    private LateRuns() {}

    /**
     * The tick each late run was for, by run key. A run is late for the tick of its nominal time when it started
     * after that tick's window; without a nominal time, for the latest tick before its start when it started after
     * that tick's window and the tick was missed (only the first such run is late for it).
     *
     * @param all a pipeline's runs, missed ones included, any order (those of branches it does not judge are left out)
     */
    public static Map<String, Instant> of(PipelineInfo p, List<Run> all, Instant now) {
        if (p.schedule() == null || all.isEmpty()) {
            return Map.of();
        }
        // A pull request's run is for no tick.
        List<Run> runs = all.stream().filter(p::judges).toList();
        Set<Instant> missed = new HashSet<>();
        Instant first = now;
        for (Run r : runs) {
            if (r.missedTick()) {
                missed.add(r.nominalTime());
            }
            Instant t = r.nominalTime() != null ? r.nominalTime() : r.sortTime();
            if (t != null && t.isBefore(first)) {
                first = t;
            }
        }
        List<Ticks.Tick> ticks = Ticks.between(p.schedule(), p.timezone(), p.grace(), first.minusSeconds(1), now);
        Map<Instant, Ticks.Tick> byAt = new HashMap<>();
        ticks.forEach(t -> byAt.put(t.at(), t));
        Map<String, Instant> out = new HashMap<>();
        Set<Instant> taken = new HashSet<>();
        List<Run> real = runs.stream()
                .filter(r -> r.state() != RunState.MISSED && r.startedAt() != null)
                .sorted(Comparator.comparing(Run::startedAt))
                .toList();
        for (Run r : real) {
            Instant start = r.startedAt();
            Ticks.Tick tick = r.nominalTime() != null ? byAt.get(r.nominalTime()) : floor(ticks, start);
            if (tick == null || !start.isAfter(tick.windowEnd())) {
                continue;
            }
            if ((r.nominalTime() != null || missed.contains(tick.at())) && taken.add(tick.at())) {
                out.put(r.runKey(), tick.at());
            }
        }
        return out;
    }

    /** The latest tick at or before a time. */
    private static Ticks.Tick floor(List<Ticks.Tick> ticks, Instant t) {
        int lo = 0;
        int hi = ticks.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ticks.get(mid).at().isAfter(t)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo == 0 ? null : ticks.get(lo - 1);
    }
}
