package dev.interlock.location;

import java.util.List;

/** A location that cannot be registered: it could not be read, or what it holds is invalid. Nothing was stored. */
public class LocationRejected extends RuntimeException {

    private final List<Reading.Problem> problems;

    /** A refusal; its message names the location as typed, whose credentials (if any) are masked. */
    public LocationRejected(String message, List<Reading.Problem> problems) {
        super(Urls.withoutCredentials(message));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, each with its file and line. */
    public List<Reading.Problem> problems() {
        return problems;
    }
}
