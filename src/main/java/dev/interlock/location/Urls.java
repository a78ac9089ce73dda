package dev.interlock.location;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * What locations do to URLs as text: credentials written into one are masked wherever it is shown or logged, and a
 * path is kept within its host's root, as the URL standard, browsers and Backstage resolve it.
 */
public final class Urls {

    /** A scheme, then a user-info part up to its {@code @}: what a URL such as {@code https://user:secret@host/} holds. */
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#@\\s\"'<>]*@");

    private Urls() {}

    /**
     * The text with the user-info part of every URL in it masked ({@code https://***@host/…}): a message that quotes a
     * URL someone wrote a password into (or that a server redirected to) is shown to viewers and written to logs.
     */
    public static String withoutCredentials(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1***@");
    }

    /**
     * The URL with {@code ..} segments that would climb above its host's root dropped ({@code /../../etc/passwd} is
     * {@code /etc/passwd}): {@link URI#normalize()} keeps them and sends them on the wire, where a naive file server
     * may follow them out of its root.
     */
    static URI withinRoot(URI uri) {
        URI n = uri.normalize();
        String path = n.getRawPath();
        if (n.getRawAuthority() == null || path == null || !path.startsWith("/..")) {
            return n;
        }
        String kept = path.replaceFirst("^(/\\.\\.)+(?=/|$)", "");
        if (kept.equals(path)) {
            return n; // a segment such as "/..hidden" is a name, not a step up
        }
        return URI.create(n.getScheme() + "://" + n.getRawAuthority() + (kept.isEmpty() ? "/" : kept)
                + (n.getRawQuery() == null ? "" : "?" + n.getRawQuery())
                + (n.getRawFragment() == null ? "" : "#" + n.getRawFragment()));
    }
}
