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

    /**
     * The message as the API says it: {@code document 2 (line 14, column 3): <message>}, or the message alone for a
     * problem of the body as a whole.
     */
    public String describe() {
        String where = document > 0
                ? "document " + document
                        + (position == null ? "" : " (line " + position.line() + ", column " + position.column() + ")")
                        + ": "
                : "";
        return where + getMessage();
    }
}
