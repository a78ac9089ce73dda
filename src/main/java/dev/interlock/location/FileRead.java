package dev.interlock.location;

/**
 * What reading one file gave: its text and the validators to ask for it conditionally next time, or "unchanged"
 * when a conditional request was answered 304 (or the file's stamp is the same).
 *
 * @param file the file as read (a URL after blob-to-raw rewriting, or an absolute path)
 * @param text the file's text; {@code null} when unchanged
 * @param validators the answer's ETag / Last-Modified
 */
public record FileRead(String file, String text, Validators validators) {

    /** Whether the file is unchanged since the validators sent. */
    public boolean unchanged() {
        return text == null;
    }

    /**
     * The validators of one answer ({@code null} fields when the server sent none).
     *
     * @param etag the ETag header, as sent
     * @param lastModified the Last-Modified header, as sent (for files: the modification stamp and size)
     */
    public record Validators(String etag, String lastModified) {

        /** No validators: the file is read unconditionally. */
        public static final Validators NONE = new Validators(null, null);

        public boolean isEmpty() {
            return etag == null && lastModified == null;
        }
    }
}
