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

    /**
     * Whether the run is over: a terminal state is never replaced by a non-terminal one, except in a run only its
     * children report, which runs again when a child starts after the last end ({@code RunFold}).
     */
    public boolean terminal() {
        return this != QUEUED && this != RUNNING;
    }

    /** The state's name in the API: lower case. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The states a comma-separated list of words names (none for a blank text: every state).
     *
     * @throws IllegalArgumentException naming the first word that is no state, and the words that are
     */
    public static java.util.Set<RunState> list(String text) {
        java.util.Set<RunState> states = java.util.EnumSet.noneOf(RunState.class);
        if (text == null || text.isBlank()) {
            return states;
        }
        for (String word : text.split(",", -1)) {
            RunState s = of(word.strip());
            if (s == null) {
                throw new IllegalArgumentException("\"state\" must be one or more of "
                        + String.join(
                                ", ",
                                java.util.Arrays.stream(values())
                                        .map(RunState::word)
                                        .toList())
                        + ", found \"" + (word.length() > 60 ? word.substring(0, 60) + "…" : word) + "\"");
            }
            states.add(s);
        }
        return states;
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
