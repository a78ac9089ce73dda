package dev.interlock.runs.derive;

import java.time.Instant;
import java.util.List;

import dev.interlock.runs.Run;

/**
 * When each successful run of a pipeline ended and as of when it read its inputs, oldest first — what the effective
 * data time walks. Kept instead of the runs themselves: the figures of ten thousand pipelines stay in memory, and the
 * runs (with their ids, URLs, errors and dataset lists) are many times larger.
 */
public final class SuccessTimes {

    private static final SuccessTimes NONE = new SuccessTimes(new Instant[0], new Instant[0]);

    private final Instant[] finished;
    private final Instant[] readAsOf;

    private SuccessTimes(Instant[] finished, Instant[] readAsOf) {
        this.finished = finished;
        this.readAsOf = readAsOf;
    }

    /** From succeeded runs ordered by when they finished. */
    static SuccessTimes of(List<Run> successes) {
        if (successes.isEmpty()) {
            return NONE;
        }
        Instant[] finished = new Instant[successes.size()];
        Instant[] readAsOf = new Instant[successes.size()];
        for (int i = 0; i < finished.length; i++) {
            Run r = successes.get(i);
            finished[i] = r.finishedAt();
            // The data it wrote is as old as what it read.
            readAsOf[i] = r.readInputsAt();
        }
        return new SuccessTimes(finished, readAsOf);
    }

    /** One successful run's times. */
    public record Success(Instant finishedAt, Instant readAsOf) {}

    /** The last success that ended at or before a time ({@code null}: the last of all), or {@code null}. */
    public Success lastAt(Instant asOf) {
        int i = finished.length - 1;
        if (asOf != null) {
            // The first entry after asOf, by binary search; the one before it is the answer.
            int lo = 0;
            int hi = finished.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (finished[mid].isAfter(asOf)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            i = lo - 1;
        }
        return i < 0 ? null : new Success(finished[i], readAsOf[i]);
    }
}
