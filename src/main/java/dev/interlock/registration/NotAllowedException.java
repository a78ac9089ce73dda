package dev.interlock.registration;

/** The signed-in person may not change this entity (not in its owner team, not an admin); nothing was stored. */
public class NotAllowedException extends RuntimeException {

    public NotAllowedException(String message) {
        super(message);
    }
}
