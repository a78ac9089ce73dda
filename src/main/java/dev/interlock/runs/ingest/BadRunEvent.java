package dev.interlock.runs.ingest;

/** An event that cannot be accepted, naming the field at fault (dotted path; {@code [i]} for an array item). */
public class BadRunEvent extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String field;
    private final int status;

    public BadRunEvent(String field, String message) {
        this(400, field, message);
    }

    public BadRunEvent(int status, String field, String message) {
        super(message);
        this.field = field;
        this.status = status;
    }

    /** The field at fault, or {@code null} when it is the body as a whole. */
    public String field() {
        return field;
    }

    /** The HTTP status of the answer (400, 401, 413, 415). */
    public int status() {
        return status;
    }

    /** The same problem, for the event at an index of an array body. */
    public BadRunEvent at(int index) {
        return new BadRunEvent(
                status,
                "[" + index + "]" + (field == null ? "" : "." + field),
                "event [" + index + "] (the " + ordinal(index + 1) + " of the array): " + getMessage());
    }

    /** 1st, 2nd, 3rd, 4th, 11th, 12th, 21st: the index people count by, next to the one the field path uses. */
    static String ordinal(int n) {
        int lastTwo = n % 100, last = n % 10;
        String suffix = lastTwo >= 11 && lastTwo <= 13
                ? "th"
                : switch (last) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }
}
