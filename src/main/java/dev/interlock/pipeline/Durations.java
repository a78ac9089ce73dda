package dev.interlock.pipeline;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in pipeline SLOs: {@code <n>m}, {@code <n>h}, {@code <n>d} or ISO-8601 ({@code PT2H}, {@code P1D}). */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("^(\\d{1,9})([smhdw])$");

    /** What a valid duration looks like, for messages. */
    public static final String EXPECTATION = "a duration such as 30m, 2h, 1d or ISO-8601 PT2H";

    private Durations() {}

    /** The duration a text stands for, or empty when it is not one. */
    public static Optional<Duration> parse(Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            return Optional.empty();
        }
        Matcher m = SHORT.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(
                    switch (m.group(2)) {
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        case "d" -> Duration.ofDays(n);
                        default -> Duration.ofDays(7 * n);
                    });
        }
        try {
            return Optional.of(Duration.parse(text.trim()));
        } catch (DateTimeParseException e) {
            try {
                Period p = Period.parse(text.trim());
                if (p.getYears() != 0 || p.getMonths() != 0) {
                    return Optional.empty();
                }
                return Optional.of(Duration.ofDays(p.getDays()));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
