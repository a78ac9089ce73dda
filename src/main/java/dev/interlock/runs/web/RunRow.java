package dev.interlock.runs.web;

import dev.interlock.runs.derive.Health;
import dev.interlock.runs.derive.HealthCalculator;

/**
 * A run as pages show it: state in words and a symbol (never colour alone), times in UTC, a link only when the
 * platform's URL is http(s).
 */
public record RunRow(
        String runId,
        String state,
        String symbol,
        String started,
        String ended,
        String duration,
        String trigger,
        String actor,
        String url,
        String error,
        String format,
        String job,
        String title,
        String late,
        String branch,
        boolean counted) {

    static RunRow of(Health.RunView r) {
        String when = r.startedAt() != null
                ? r.startedAt()
                : r.queuedAt() != null ? r.queuedAt() : r.nominalTime() != null ? r.nominalTime() : r.endedAt();
        String url = r.url() != null && r.url().matches("(?i)https?://.*") ? r.url() : null;
        String title = r.state() + (r.lateForTick() == null ? "" : " (late)") + " · " + time(when)
                + (r.durationSeconds() == null ? "" : " · " + HealthCalculator.human(r.durationSeconds()))
                + (r.branch() == null || r.countsForHealth() ? "" : " · " + branch(r) + ", not counted")
                + (r.error() == null ? "" : " · " + visible(r.error()));
        return new RunRow(
                r.runId(),
                r.state(),
                symbol(r.state()),
                time(when),
                time(r.endedAt()),
                r.durationSeconds() == null ? "–" : HealthCalculator.human(r.durationSeconds()),
                r.trigger() == null ? "–" : r.trigger() + (r.manual() ? " (by hand)" : ""),
                r.actor() == null ? "" : r.actor(),
                url,
                r.error() == null ? null : visible(r.error()),
                r.format(),
                r.job(),
                title,
                r.lateForTick() == null ? null : "late for the tick at " + time(r.lateForTick()),
                r.branch() == null ? null : branch(r) + (r.countsForHealth() ? "" : " (not counted in health)"),
                r.countsForHealth());
    }

    /**
     * When the run happened, saying which time it is: when it ended, for a run that has; else when it started (when it
     * was queued, for one still queued), or the tick a missed run was for.
     */
    public String at() {
        if (!ended.equals("–") && !state.equals("missed")) {
            return "ended " + ended;
        }
        return switch (state) {
            case "missed" -> "for the tick at " + started;
            case "queued" -> "queued " + started;
            default -> "started " + started;
        };
    }

    /**
     * The branch in words: {@code pull request feature/x}, {@code branch main}; without control and format characters,
     * as a right-to-left override would turn the words after it around.
     */
    static String branch(Health.RunView r) {
        return ("proposal".equals(r.branchKind()) ? "pull request " : "branch ") + visible(r.branch());
    }

    /**
     * Text as pages show it: without control and format characters but line breaks and tabs (a right-to-left override
     * in a producer's message would turn the words after it around, in a cell or a tooltip).
     */
    static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints()
                .filter(c -> c == '\n'
                        || c == '\t'
                        || Character.getType(c) != Character.CONTROL && Character.getType(c) != Character.FORMAT)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /** ✓ succeeded, ✗ failed, ⌀ missed, ■ cancelled, ▶ running, … queued, – skipped. */
    static String symbol(String state) {
        return switch (state) {
            case "succeeded" -> "✓";
            case "failed" -> "✗";
            case "missed" -> "⌀";
            case "cancelled" -> "■";
            case "running" -> "▶";
            case "queued" -> "…";
            default -> "–";
        };
    }

    /** {@code 2025-06-01T08:00:00Z} → {@code 2025-06-01 08:00 UTC}. */
    static String time(String iso) {
        if (iso == null) {
            return "–";
        }
        return iso.length() >= 16 ? iso.substring(0, 10) + " " + iso.substring(11, 16) + " UTC" : iso;
    }
}
