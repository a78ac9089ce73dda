package dev.interlock.runs;

import java.util.Locale;

/** The states of a run (runs.md §3); {@link #MISSED} is computed from schedules, never reported. */
public enum RunState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    SKIPPED,
    MISSED;

    /** Whether the run is over: a terminal state is never replaced by a non-terminal one. */
    public boolean terminal() {
        return this != QUEUED && this != RUNNING;
    }

    /** The state's name in the API: lower case. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state named by a word of the API, or {@code null}. */
    public static RunState of(String word) {
        for (RunState s : values()) {
            if (s.word().equals(word)) {
                return s;
            }
        }
        return null;
    }
}
