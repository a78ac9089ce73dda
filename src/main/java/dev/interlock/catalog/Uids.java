package dev.interlock.catalog;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Entity uids: time-ordered UUIDs (RFC 9562 version 7: 48 bits of milliseconds since the epoch, then a counter that
 * keeps uids made in the same millisecond in order, then random bits). Indexes keyed by uid (the entities' primary
 * key, the search rows by entity) then grow at their end instead of at random places, so a bulk registration
 * rewrites a few index pages per commit rather than most of them. They are as unique and as opaque to clients as
 * random (version 4) UUIDs.
 */
public final class Uids {

    /**
     * What the catalog takes as a uid (an import's {@code metadata.uid} or row id): not only the uids this class
     * makes, since an archive may come from another catalog, but nothing a URL, a log line or the uid column could
     * not hold as it is.
     */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,35}");

    /** {@link #PATTERN} in words, as a message says what was expected. */
    public static final String EXPECTED = "up to 36 letters, digits and dashes, starting with a letter or digit";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The last (milliseconds << 12 | counter) handed out. */
    private static final AtomicLong LAST = new AtomicLong();

    private Uids() {}

    /** A new uid, later in order than every uid made before it by this process. */
    public static String next() {
        long stamp = LAST.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() << 12));
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long high = (millis << 16) | 0x7000L | counter;
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
