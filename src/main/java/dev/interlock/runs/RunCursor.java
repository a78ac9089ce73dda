package dev.interlock.runs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of a pipeline's runs continues: before this sort time, and before this id among runs of the same time.
 * Written as opaque base64url text into API answers and page links; read back from clients, so any text may arrive.
 *
 * @param before runs sorted before this time
 * @param beforeId runs of that time with a smaller id
 */
public record RunCursor(Instant before, long beforeId) {

    /** Latest time a cursor may carry: the timestamp columns end with the year 9999. */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** The cursor after this run, the last of a page. */
    public static String after(Run last) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((last.sortTime() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a text holds, or empty when it is not one this application wrote. */
    public static Optional<RunCursor> read(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            Instant before = Instant.parse(parts[0]);
            if (parts.length != 2 || before.isBefore(Instant.EPOCH) || before.isAfter(LATEST)) {
                return Optional.empty();
            }
            return Optional.of(new RunCursor(before, Long.parseLong(parts[1])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
