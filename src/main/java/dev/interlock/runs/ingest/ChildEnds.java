package dev.interlock.runs.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The latest end of each child (an Airflow task, a dbt model) rolled up into a run, with a failed child's message, and
 * the run's own latest message. From them a run only its children report has failed while any child's latest end is a
 * failure (a retry that succeeds makes good its first try), and a run's error is the message of the child that failed
 * last and was not made good, unless the run's own says more than that a task failed. Kept with the run as text, a line
 * per child ({@code F|S <epoch millis> <child id> <message>}) and one for the run ({@code E <message>}); a child is
 * known by a digest of its job, so hostile job names neither grow the text nor break its lines.
 */
final class ChildEnds {

    /** How many children are told apart; a failure of any child past them stays the run's for good. */
    static final int MAX = 2000;

    /** How much of a message is kept per child. */
    static final int MESSAGE = 1000;

    /** Stands for the children of a failure that cannot be made good: one stored before children were told apart. */
    private static final String FOR_GOOD = "*";

    private record End(boolean failed, long at, String message) {}

    private final Map<String, End> ends;
    private final String own;

    private ChildEnds(Map<String, End> ends, String own) {
        this.ends = ends;
        this.own = own;
    }

    /**
     * The ends as stored. When there is no text yet: {@code failedBefore}, the run failed before its children's ends
     * were kept (which no later end makes good); {@code ownBefore}, the run's own message so far.
     */
    static ChildEnds parse(String text, boolean failedBefore, String ownBefore) {
        Map<String, End> ends = new LinkedHashMap<>();
        if (text == null) {
            if (failedBefore) {
                ends.put(FOR_GOOD, new End(true, Long.MAX_VALUE, null));
            }
            return new ChildEnds(ends, ownBefore);
        }
        String own = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("E ")) {
                own = unescape(line.substring(2));
                continue;
            }
            String[] parts = line.split(" ", 4);
            if (parts.length >= 3 && (parts[0].equals("F") || parts[0].equals("S"))) {
                try {
                    ends.put(
                            parts[2],
                            new End(
                                    parts[0].equals("F"),
                                    Long.parseLong(parts[1]),
                                    parts.length == 4 ? unescape(parts[3]) : null));
                } catch (NumberFormatException e) {
                    // A line this class did not write: skipped.
                }
            }
        }
        return new ChildEnds(ends, own);
    }

    /**
     * With a child's end: the later of its ends decides (of two at the same moment, the failure), whichever arrives
     * first.
     */
    ChildEnds with(String childJob, boolean failed, Instant at, String message) {
        String id = UUID.nameUUIDFromBytes(childJob.getBytes(StandardCharsets.UTF_8))
                .toString();
        long millis = at.toEpochMilli();
        Map<String, End> next = new LinkedHashMap<>(ends);
        End known = next.get(id);
        String kept = failed ? Fields.clip(message, MESSAGE) : null;
        if (known == null && next.size() >= MAX) {
            if (failed) {
                next.put(FOR_GOOD, new End(true, Long.MAX_VALUE, kept));
            }
        } else if (known == null || millis > known.at() || (millis == known.at() && failed)) {
            next.put(id, new End(failed, millis, kept));
        }
        return new ChildEnds(next, own);
    }

    /** With the run's own latest message. */
    ChildEnds withOwn(String message) {
        return new ChildEnds(ends, Fields.clip(message, 4000));
    }

    /** Whether any child's latest end is a failure. */
    boolean anyFailed() {
        return ends.values().stream().anyMatch(End::failed);
    }

    /** The run's own latest message, or {@code null}. */
    String own() {
        return own;
    }

    /** The message of the child that failed last and was not made good (of those with a message), or {@code null}. */
    String failedChild() {
        End last = null;
        for (End end : ends.values()) {
            if (end.failed() && end.message() != null && (last == null || end.at() >= last.at())) {
                last = end;
            }
        }
        return last == null ? null : last.message();
    }

    /** The text kept with the run. */
    String text() {
        StringBuilder out = new StringBuilder();
        if (own != null) {
            out.append("E ").append(escape(own)).append('\n');
        }
        ends.forEach((id, end) -> {
            out.append(end.failed() ? 'F' : 'S')
                    .append(' ')
                    .append(end.at())
                    .append(' ')
                    .append(id);
            if (end.message() != null) {
                out.append(' ').append(escape(end.message()));
            }
            out.append('\n');
        });
        return out.toString();
    }

    /** A message on one line: backslashes and line breaks escaped. */
    private static String escape(String message) {
        return message.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
