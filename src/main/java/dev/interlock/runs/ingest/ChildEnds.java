package dev.interlock.runs.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The latest end of each child (an Airflow task, a dbt model) of a run that only its children report, so that a retry
 * that succeeds makes good its first try's failure: such a run has failed while any child's latest end is a failure.
 * Kept with the run as text, a line per child ({@code F|S <epoch millis> <child id>}); a child is known by a digest of
 * its job, so hostile job names neither grow the text nor break its lines.
 */
final class ChildEnds {

    /** How many children are told apart; a failure of any child past them stays the run's for good. */
    static final int MAX = 2000;

    /** Stands for the children of a failure that cannot be made good: one stored before children were told apart. */
    private static final String FOR_GOOD = "*";

    private record End(boolean failed, long at) {}

    private final Map<String, End> ends;

    private ChildEnds(Map<String, End> ends) {
        this.ends = ends;
    }

    /**
     * The children's ends as stored. {@code failedBefore}: the run failed before its children's ends were kept (stored
     * before this text existed), which no later end makes good.
     */
    static ChildEnds parse(String text, boolean failedBefore) {
        Map<String, End> ends = new LinkedHashMap<>();
        if (text == null) {
            if (failedBefore) {
                ends.put(FOR_GOOD, new End(true, Long.MAX_VALUE));
            }
            return new ChildEnds(ends);
        }
        for (String line : text.split("\n")) {
            String[] parts = line.split(" ", 3);
            if (parts.length == 3 && (parts[0].equals("F") || parts[0].equals("S"))) {
                try {
                    ends.put(parts[2], new End(parts[0].equals("F"), Long.parseLong(parts[1])));
                } catch (NumberFormatException e) {
                    // A line this class did not write: skipped.
                }
            }
        }
        return new ChildEnds(ends);
    }

    /**
     * With a child's end: the later of its ends decides (of two at the same moment, the failure), whichever arrives
     * first.
     */
    ChildEnds with(String childJob, boolean failed, Instant at) {
        String id = UUID.nameUUIDFromBytes(childJob.getBytes(StandardCharsets.UTF_8))
                .toString();
        long millis = at.toEpochMilli();
        Map<String, End> next = new LinkedHashMap<>(ends);
        End known = next.get(id);
        if (known == null && next.size() >= MAX) {
            if (failed) {
                next.put(FOR_GOOD, new End(true, Long.MAX_VALUE));
            }
        } else if (known == null || millis > known.at() || (millis == known.at() && failed)) {
            next.put(id, new End(failed, millis));
        }
        return new ChildEnds(next);
    }

    /** Whether any child's latest end is a failure. */
    boolean anyFailed() {
        return ends.values().stream().anyMatch(End::failed);
    }

    /** The text kept with the run. */
    String text() {
        StringBuilder out = new StringBuilder();
        ends.forEach((id, end) -> out.append(end.failed() ? 'F' : 'S')
                .append(' ')
                .append(end.at())
                .append(' ')
                .append(id)
                .append('\n'));
        return out.toString();
    }
}
