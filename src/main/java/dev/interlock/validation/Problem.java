package dev.interlock.validation;

/**
 * One thing wrong (or worth knowing) about a submitted document.
 *
 * @param severity whether the document is refused ({@link Severity#ERROR}) or kept with a note
 * @param document 1-based document index in the body (0 for the body as a whole)
 * @param line 1-based line in the body, when known
 * @param column 1-based column in the body, when known
 * @param field dotted field path ({@code metadata.name}), or {@code null} when the document as a whole is meant
 * @param message what was wrong, expected and found, with the document and line in front
 */
public record Problem(Severity severity, int document, Integer line, Integer column, String field, String message) {

    /** How bad a problem is. */
    public enum Severity {
        /** The document, and so the whole body, is refused. */
        ERROR,
        /** The document is stored; the note is shown with it. */
        WARNING
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
