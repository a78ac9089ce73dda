package dev.interlock.runs.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.interlock.runs.RunState;

/**
 * Where a run's error comes from: the latest end of each child (an Airflow task, a dbt model) rolled up into it, with
 * a failed child's message, and the run's own latest message. From them a run only its children report has failed
 * while any child's latest end is a failure (a retry that succeeds makes good its first try), and a run's error is the
 * message of the child that failed last and was not made good, unless the run's own says more than that a task failed.
 * Every choice goes by event time, and a tie is broken by the content alone, so the result never depends on the order
 * events arrive in. For a run only its children report, the latest start of each child too, and its latest end of
 * another kind (cancelled, aborted): such a run is running while a child has started since the latest end of any (the
 * next task, or a failed try's retry). Kept with the run as text: a line per child end ({@code F|S <epoch micros>
 * <child id> <message>}), per child start ({@code R <epoch micros> <child id>}) and other end ({@code X …}), and one
 * for the run ({@code E <epoch micros> <message>}); a child is known by a digest of its job, so hostile job names
 * neither grow the text nor break its lines.
 */
final class ChildEnds {

    /** How many children are told apart; a failure of any child past them stays the run's for good. */
    static final int MAX = 2000;

    /** How much of a message is kept, as the runs table keeps a run's error. */
    static final int MESSAGE = 4000;

    /** Stands for the children of a failure that cannot be made good: one stored before children were told apart. */
    private static final String FOR_GOOD = "*";

    /** An end (or the run's own message) at a time; {@code message} may be {@code null}. */
    private record End(boolean failed, long at, String message, String id) {}

    /** Of two ends, the one that decides: the later; at the same moment a failure, then the greater message and id. */
    private static final Comparator<End> DECIDES = Comparator.comparingLong(End::at)
            .thenComparing(End::failed)
            .thenComparing(End::message, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(End::id);

    /**
     * The text this thread wrote last and the ends it holds: the next event of the same run (one group of events is
     * folded on one thread) starts from them instead of reading the text again.
     */
    private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

    private final Map<String, End> ends;
    private final End own;
    /** The latest start of each child (epoch micros), by child id. */
    private final Map<String, Long> starts;
    /** The latest end of each child that neither failed nor succeeded (epoch micros), by child id. */
    private final Map<String, Long> stops;

    private ChildEnds(Map<String, End> ends, End own, Map<String, Long> starts, Map<String, Long> stops) {
        this.ends = ends;
        this.own = own;
        this.starts = starts;
        this.stops = stops;
    }

    /**
     * The ends as stored. When there is no text yet (a run stored before it was kept, or a new one), {@code before} is
     * the run's error so far and {@code failedBefore} whether its children had failed it: that failure no later end
     * makes good, and it keeps its message.
     */
    static ChildEnds parse(String text, boolean failedBefore, String before) {
        Map<String, End> ends = new LinkedHashMap<>();
        if (text == null) {
            if (failedBefore) {
                ends.put(FOR_GOOD, new End(true, Long.MIN_VALUE, before, FOR_GOOD));
                return new ChildEnds(ends, null, Map.of(), Map.of());
            }
            return new ChildEnds(
                    ends, before == null ? null : new End(true, Long.MIN_VALUE, before, ""), Map.of(), Map.of());
        }
        Object[] last = LAST.get();
        if (last[0] == text) {
            return (ChildEnds) last[1];
        }
        End own = null;
        Map<String, Long> starts = new LinkedHashMap<>();
        Map<String, Long> stops = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            try {
                if (line.startsWith("R ") || line.startsWith("X ")) {
                    String[] parts = line.split(" ", 3);
                    if (parts.length == 3) {
                        (line.charAt(0) == 'R' ? starts : stops).put(parts[2], Long.parseLong(parts[1]));
                    }
                    continue;
                }
                if (line.startsWith("E ")) {
                    String[] parts = line.split(" ", 3);
                    own = new End(true, Long.parseLong(parts[1]), parts.length == 3 ? unescape(parts[2]) : null, "");
                    continue;
                }
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && (parts[0].equals("F") || parts[0].equals("S"))) {
                    ends.put(
                            parts[2],
                            new End(
                                    parts[0].equals("F"),
                                    Long.parseLong(parts[1]),
                                    parts.length == 4 ? unescape(parts[3]) : null,
                                    parts[2]));
                }
            } catch (NumberFormatException e) {
                // A line this class did not write: skipped.
            }
        }
        return new ChildEnds(ends, own, starts, stops);
    }

    /** With a child's end, which replaces the child's known end only if it {@linkplain #DECIDES decides}. */
    ChildEnds with(String childJob, boolean failed, Instant at, String message) {
        String id = id(childJob);
        Map<String, End> next = new LinkedHashMap<>(ends);
        End end = new End(failed, micros(at), failed ? Fields.clip(message, MESSAGE) : null, id);
        End known = next.get(id);
        if (known == null && next.size() >= MAX) {
            if (failed) {
                End forGood = new End(true, Long.MIN_VALUE, end.message(), FOR_GOOD);
                next.merge(FOR_GOOD, forGood, (a, b) -> DECIDES.compare(a, b) >= 0 ? a : b);
            }
        } else if (known == null || DECIDES.compare(end, known) > 0) {
            next.put(id, end);
        }
        return new ChildEnds(next, own, starts, stops);
    }

    /**
     * With a child's start, kept if it is the child's latest. Past {@link #MAX} children a new child's start is not
     * kept: the run is then told apart from its ends alone, as before starts were kept.
     */
    ChildEnds withStart(String childJob, Instant at) {
        Map<String, Long> next = latest(starts, childJob, at);
        return next == starts ? this : new ChildEnds(ends, own, next, stops);
    }

    /** With a child's end that is neither a failure nor a success (cancelled, aborted): it runs no more. */
    ChildEnds withStop(String childJob, Instant at) {
        Map<String, Long> next = latest(stops, childJob, at);
        return next == stops ? this : new ChildEnds(ends, own, starts, next);
    }

    /** The times with this child's at {@code at} if that is its latest, else the same map (none new past MAX). */
    private static Map<String, Long> latest(Map<String, Long> times, String childJob, Instant at) {
        String id = id(childJob);
        long micros = micros(at);
        Long known = times.get(id);
        if ((known == null && times.size() >= MAX) || (known != null && known >= micros)) {
            return times;
        }
        Map<String, Long> next = new LinkedHashMap<>(times);
        next.put(id, micros);
        return next;
    }

    /**
     * Whether a child has started since the latest end of any child: the next task, or a failed try's retry. A child
     * whose end is lost (a producer that sends a START and no end) stops counting at the next end of another, so it
     * cannot keep the run running for good; a task beside one that ended counts no more either. Past {@link #MAX}
     * children the run goes by its ends alone.
     */
    boolean anyRunning() {
        if (ends.size() >= MAX) {
            return false;
        }
        long lastEnd = Long.MIN_VALUE;
        for (End end : ends.values()) {
            lastEnd = Math.max(lastEnd, end.at());
        }
        for (long stop : stops.values()) {
            lastEnd = Math.max(lastEnd, stop);
        }
        long last = lastEnd;
        return starts.values().stream().anyMatch(start -> start > last);
    }

    /**
     * The state of a run only its children report: running while a child runs, else failed while any child's latest
     * end is a failure, else succeeded.
     */
    RunState childrenState() {
        return anyRunning() ? RunState.RUNNING : anyFailed() ? RunState.FAILED : RunState.SUCCEEDED;
    }

    private static String id(String childJob) {
        return UUID.nameUUIDFromBytes(childJob.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** With a message of the run's own, which replaces the known one only if it is later (or wins their tie). */
    ChildEnds withOwn(String message, Instant at) {
        End end = new End(true, micros(at), Fields.clip(message, MESSAGE), "");
        return own == null || DECIDES.compare(end, own) > 0 ? new ChildEnds(ends, end, starts, stops) : this;
    }

    /** Whether any child's latest end is a failure. */
    boolean anyFailed() {
        return ends.values().stream().anyMatch(End::failed);
    }

    /** The run's own latest message, or {@code null}. */
    String own() {
        return own == null ? null : own.message();
    }

    /**
     * The message of the child whose failure {@linkplain #DECIDES came last} and was not made good, or {@code null}
     * (none failed, or it said nothing).
     */
    String failedChild() {
        return ends.values().stream()
                .filter(End::failed)
                .max(DECIDES)
                .map(End::message)
                .orElse(null);
    }

    /** The text kept with the run. */
    String text() {
        StringBuilder out = new StringBuilder();
        if (own != null) {
            out.append("E ").append(own.at());
            if (own.message() != null) {
                out.append(' ').append(escape(own.message()));
            }
            out.append('\n');
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
        starts.forEach(
                (id, at) -> out.append("R ").append(at).append(' ').append(id).append('\n'));
        stops.forEach(
                (id, at) -> out.append("X ").append(at).append(' ').append(id).append('\n'));
        String text = out.toString();
        Object[] last = LAST.get();
        last[0] = text;
        last[1] = this;
        return text;
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
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
