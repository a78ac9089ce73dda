package dev.interlock.location;

/**
 * A file of a location could not be read (unreachable host, 404, too large, refused address...). The message says
 * which file and why, for people; it never holds a credential.
 */
public class ReadFailure extends RuntimeException {

    private final String file;

    /** A failure; a URL's credentials in either text are masked here, the one place every such message passes. */
    public ReadFailure(String file, String message) {
        super(Urls.withoutCredentials(message));
        this.file = Urls.withoutCredentials(file);
    }

    /** The file (URL or path) that could not be read. */
    public String file() {
        return file;
    }
}
