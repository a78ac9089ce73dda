package dev.interlock.web;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;

/**
 * Which of the failures that are not Interlock's own errors an exception stands for: a write that lost to a concurrent
 * one, or something the client did (a body over the limit, a malformed form, a closed connection). Anything else is
 * unexpected, and logged as such by {@link ErrorMappers}.
 */
final class ErrorCauses {

    /** A failure that is answered in words, without a stack trace in the log. */
    enum Cause {
        /** Another write to the same rows won; nothing of this request was stored and trying again succeeds. */
        CONCURRENT_WRITE,
        /** The body was larger than {@code quarkus.http.limits.max-body-size}. */
        TOO_LARGE,
        /** A multipart or url-encoded body that does not parse as the form its content type says. */
        MALFORMED_FORM,
        /** The client closed the connection before its request was read. */
        CLIENT_CLOSED
    }

    /**
     * SQL states of a write that lost to a concurrent one on the same rows: PostgreSQL's deadlock (two registrations
     * of the same entities, each holding a row the other waits for; the database aborts one), H2's deadlock, lock
     * timeout and concurrent update of a row. Nothing of the request was stored, and trying again succeeds.
     */
    private static final Set<String> CONCURRENT_WRITES = Set.of("40P01", "40001", "HYT00", "90131");

    private ErrorCauses() {}

    /** What the exception or any of its causes stands for; a concurrent write anywhere in the chain comes first. */
    static Optional<Cause> of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (lostToConcurrentWrite(t)) {
                return Optional.of(Cause.CONCURRENT_WRITE);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException
                    && String.valueOf(t.getMessage()).contains("Request too large")) {
                return Optional.of(Cause.TOO_LARGE);
            }
            if (t instanceof java.io.IOException && thrownByFormParser(t)) {
                return Optional.of(Cause.MALFORMED_FORM);
            }
            if (t instanceof io.vertx.core.http.HttpClosedException
                    || t instanceof java.io.IOException
                            && String.valueOf(t.getMessage()).contains("Connection reset")) {
                return Optional.of(Cause.CLIENT_CLOSED);
            }
        }
        return Optional.empty();
    }

    /** Whether Interlock's code threw it, so that its message was written for clients (the framework's may not be). */
    static boolean thrownByInterlock(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0
                && Arrays.stream(trace).limit(3).anyMatch(f -> f.getClassName().startsWith("dev.interlock."));
    }

    private static boolean lostToConcurrentWrite(Throwable t) {
        return t instanceof OptimisticLockException
                || t instanceof StaleStateException
                || t instanceof dev.interlock.runs.RunStore.RunGone
                || t instanceof org.hibernate.exception.ConstraintViolationException c && isUniqueRef(c)
                || t instanceof java.sql.SQLException q
                        && q.getSQLState() != null
                        && CONCURRENT_WRITES.contains(q.getSQLState());
    }

    /**
     * Two registrations created the same entity, or the same location, at once: the second loses on the unique
     * reference (or target), and trying again tells it that the first exists.
     */
    private static boolean isUniqueRef(org.hibernate.exception.ConstraintViolationException e) {
        String name = e.getConstraintName() == null ? "" : e.getConstraintName().toLowerCase(java.util.Locale.ROOT);
        return name.contains("entities_ref_unique") || name.contains("locations_unique");
    }

    /** Whether Quarkus REST's form reader threw it: the body did not parse as the form its content type says. */
    private static boolean thrownByFormParser(Throwable e) {
        return Arrays.stream(e.getStackTrace())
                .limit(3)
                .anyMatch(f -> f.getClassName().contains(".multipart.")
                        || f.getClassName().endsWith(".FormBodyHandler"));
    }
}
