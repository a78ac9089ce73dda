package dev.interlock.runs.derive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.interlock.runs.Run;

/**
 * Failure episodes: from the first failed or missed run to the next success. The open one (if the last finished
 * run is bad), the median length of those closed in the window (MTTR), and who restored them: the people the
 * restoring runs name, and how many of those runs name nobody (OpenLineage and CDEvents carry no actor).
 */
record Episodes(Instant openSince, List<Run> openRuns, Long mttrSeconds, List<String> restorers, int unnamedRestores) {

    /** From finished runs ordered by when they finished. */
    static Episodes of(List<Run> finished, Instant windowStart) {
        Instant since = null;
        List<Run> current = new ArrayList<>();
        List<Long> lengths = new ArrayList<>();
        Set<String> restorers = new LinkedHashSet<>();
        int unnamed = 0;
        for (Run r : finished) {
            if (r.bad()) {
                if (since == null) {
                    since = r.finishedAt();
                }
                current.add(r);
            } else if (since != null) {
                if (!r.finishedAt().isBefore(windowStart)) {
                    lengths.add(Duration.between(since, r.finishedAt()).toSeconds());
                    if (r.actor() != null) {
                        restorers.add(asUser(r.actor()));
                    } else {
                        unnamed++;
                    }
                }
                since = null;
                current = new ArrayList<>();
            }
        }
        Long median = null;
        if (!lengths.isEmpty()) {
            lengths.sort(null);
            int n = lengths.size();
            median = n % 2 == 1 ? lengths.get(n / 2) : (lengths.get(n / 2 - 1) + lengths.get(n / 2)) / 2;
        }
        return new Episodes(
                since, since == null ? List.of() : List.copyOf(current), median, List.copyOf(restorers), unnamed);
    }

    /** A person as a catalog reference: {@code raj} → {@code user:raj}. */
    static String asUser(String actor) {
        String a = actor.toLowerCase(Locale.ROOT);
        return a.contains(":") ? a : "user:" + a;
    }
}
