package dev.interlock.location;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.ThreadLocalRandom;

/** When a location is read next: once per {@code interlock.locations.refresh-interval}, spread over the interval. */
final class RefreshTimes {

    private RefreshTimes() {}

    /** The first scheduled read of a new location: somewhere within one interval, so rounds spread out. */
    static OffsetDateTime first(OffsetDateTime from, Duration interval) {
        long millis = Math.max(1, interval.toMillis());
        return from.plus(Duration.ofMillis(ThreadLocalRandom.current().nextLong(millis)));
    }

    /**
     * The read after one planned at {@code previous}: one interval on, or one interval from now when far behind or
     * planned further ahead than an interval (a hand-edited archive's year 9999), so that a location is read again.
     */
    static OffsetDateTime next(OffsetDateTime previous, Duration interval) {
        OffsetDateTime now = OffsetDateTime.now();
        OffsetDateTime base =
                previous == null || previous.isBefore(now.minus(interval)) || previous.isAfter(now.plus(interval))
                        ? now
                        : previous;
        OffsetDateTime next = base.plus(interval);
        return next.isBefore(now) ? now.plus(interval) : next;
    }
}
