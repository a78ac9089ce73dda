package dev.interlock.descriptor;

/**
 * The body could not be read as YAML or JSON, or went beyond a safety limit (size, depth, aliases, documents).
 * Nothing of the body is used when this is thrown.
 */
public class DescriptorSyntaxException extends RuntimeException {

    private final int document;
    private final Position position;

    public DescriptorSyntaxException(int document, Position position, String message) {
        super(message);
        this.document = document;
        this.position = position;
    }

    /** 1-based document index, or 0 when the problem is with the body as a whole. */
    public int document() {
        return document;
    }

    /** Where in the body, when known; may be {@code null}. */
    public Position position() {
        return position;
    }
}
