package dev.interlock.registration;

/** The request is based on a version of an entity that is no longer current (stale etag); nothing was stored. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
