package dev.interlock.descriptor;

/**
 * Bytes that are not descriptor text ({@link DescriptorText}): not UTF-8, or holding NUL characters. An
 * {@link IllegalArgumentException}, as callers refusing a body take it; one that points at a place in a file (the
 * validator's annotations) takes the position too.
 */
public class NotTextException extends IllegalArgumentException {

    private final Position position;

    public NotTextException(String message, Position position) {
        super(message);
        this.position = position;
    }

    /**
     * The first byte that is not UTF-8, or the first NUL character, as an editor shows its place; {@code null} when
     * there is no one place.
     */
    public Position position() {
        return position;
    }
}
