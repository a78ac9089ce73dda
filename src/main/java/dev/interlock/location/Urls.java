package dev.interlock.location;

import java.net.IDN;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What locations do to URLs as text: credentials written into one are masked wherever it is shown or logged, a path
 * is kept within its host's root, and a host written in Unicode is read in ASCII, as the URL standard, browsers and
 * Backstage resolve it.
 */
public final class Urls {

    /**
     * Where a URL's text starts after its scheme ({@code https://}), or after the {@code //} of a scheme-relative one
     * ({@code //user:pass@host/…}, a placeholder may name one) at the start of a word.
     */
    private static final Pattern SCHEME = Pattern.compile("(?i)(?:\\b[a-z][a-z0-9+.-]*:|(?<![^\\s\"'(=\\[,]))//");

    /** A dot segment, written plainly or percent-encoded. */
    private static final Pattern DOTS = Pattern.compile("(?i)(^|/)(\\.|%2e){1,2}(/|$)");

    private static final Pattern PERCENT_DOT = Pattern.compile("(?i)%2e");

    /**
     * Characters Java's IDN (IDNA 2003) maps to others where browsers and Node (UTS 46) keep them: {@code straße} would
     * be read from {@code strasse}, another domain. A host holding one is not converted (and so refused).
     */
    private static final Pattern DEVIATIONS = Pattern.compile("[\u00DF\u03C2\u200C\u200D]");

    /** What a host name converted to ASCII may hold. */
    private static final Pattern ASCII_HOST = Pattern.compile("[A-Za-z0-9._-]+");

    /** A URL's scheme and {@code //}, its authority, and the rest (path, query, fragment). */
    private static final Pattern PARTS = Pattern.compile("(?s)([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#]*)(.*)");

    private Urls() {}

    /**
     * The text with the user-info part of every URL in it masked ({@code https://***@host/…}): a message that quotes a
     * URL someone wrote a password into (or that a server redirected to) is shown to viewers and written to logs.
     */
    public static String withoutCredentials(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        Matcher m = SCHEME.matcher(text);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        while (m.find()) {
            int start = m.end();
            int end = start;
            while (end < text.length()
                    && "\"'<>".indexOf(text.charAt(end)) < 0
                    && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            int at = userInfoEnd(text.substring(start, end));
            if (at >= 0 && start >= copied) {
                out.append(text, copied, start).append("***");
                copied = start + at;
            }
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * One target as it was written, which may be no valid URL (a space in its password): masked as
     * {@link #withoutCredentials} does, its user-info running to its last {@code @} whatever it holds.
     */
    public static String targetWithoutCredentials(String target) {
        if (target == null || target.indexOf('@') < 0) {
            return target;
        }
        Matcher m = SCHEME.matcher(target);
        if (!m.lookingAt()) {
            return withoutCredentials(target);
        }
        int at = userInfoEnd(target.substring(m.end()));
        return at < 0 ? target : target.substring(0, m.end()) + "***" + target.substring(m.end() + at);
    }

    /**
     * Where the user-info of what follows {@code scheme://} ends (at its last {@code @}), or -1 when it has none. A
     * password may hold {@code @}, {@code #}, {@code ?} or {@code /} when it was not percent-encoded, so the last
     * {@code @} counts, unless a {@code /} before it ends a host (and port) first: {@code https://h/a@b.yaml} names
     * no user.
     */
    private static int userInfoEnd(String rest) {
        for (int at = rest.lastIndexOf('@'); at > 0; at = rest.lastIndexOf('@', at - 1)) {
            String info = rest.substring(0, at);
            int slash = info.indexOf('/');
            int colon = info.indexOf(':');
            if (slash < 0
                    || (colon >= 0
                            && colon < slash
                            && !info.substring(colon + 1, slash).matches("[0-9]*"))) {
                return at;
            }
        }
        return -1;
    }

    /**
     * The URL with a host written in Unicode in its ASCII form ({@code ñandú.example} is {@code xn--and-6ma2c.example},
     * IDNA), as browsers and Node's URL (so Backstage) read it: Java's URI finds no host in the first. The rest is
     * kept as written (Java's HTTP client percent-encodes a path in Unicode as UTF-8 itself). A URL whose host is ASCII
     * already, no valid international name, or one that Java would convert otherwise than browsers do, is returned as
     * written, and the URL checks say what is wrong with it.
     */
    static String ascii(String url) {
        Matcher m = url == null ? null : PARTS.matcher(url);
        if (m == null || !m.matches()) {
            return url;
        }
        String authority = m.group(2);
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostAndPort.startsWith("[") ? -1 : hostAndPort.lastIndexOf(':');
        String host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
        String ascii = asciiHost(host);
        return ascii.equals(host)
                ? url
                : m.group(1)
                        + authority.substring(0, authority.length() - hostAndPort.length())
                        + ascii
                        + hostAndPort.substring(host.length())
                        + m.group(3);
    }

    /**
     * A host name in its ASCII form (IDNA), so that one written in Unicode in configuration names the host a URL is read
     * from; as written when it is ASCII already or no valid international name.
     */
    static String asciiHost(String host) {
        if (host.chars().allMatch(c -> c < 0x80) || DEVIATIONS.matcher(host).find()) {
            return host;
        }
        try {
            String ascii = IDN.toASCII(host);
            // Java maps full-width "/", "?", "#", "@" and ":" to their ASCII forms, which would move the URL's host.
            return ASCII_HOST.matcher(ascii).matches() ? ascii : host;
        } catch (IllegalArgumentException e) {
            return host;
        }
    }

    /**
     * For a message naming a host in its ASCII form: how it was written, when that was in Unicode
     * ({@code "; ñandú.example is read as xn--and-6ma2c.example"}), so that the user finds the host they wrote;
     * otherwise nothing.
     */
    static String writtenAs(String asciiHost) {
        if (!asciiHost.toLowerCase(java.util.Locale.ROOT).contains("xn--")) {
            return "";
        }
        try {
            String unicode = IDN.toUnicode(asciiHost);
            return unicode.equals(asciiHost) ? "" : "; " + unicode + " is read as " + asciiHost;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * The URL with {@code ..} segments that would climb above its host's root dropped ({@code /../../etc/passwd} is
     * {@code /etc/passwd}, {@code %2e%2e} counting as {@code ..}, as servers that decode before resolving read it):
     * {@link URI#normalize()} keeps them and sends them on the wire, where a naive file server may follow them out of
     * its root. Any other URL is returned as written ({@code //} in an object store's key is not collapsed).
     */
    static URI withinRoot(URI uri) {
        String raw = uri.getRawPath();
        if (uri.getRawAuthority() == null || raw == null || !DOTS.matcher(raw).find()) {
            return uri;
        }
        String dotted = PERCENT_DOT.matcher(raw).replaceAll(".");
        String path = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + dotted)
                .normalize()
                .getRawPath();
        String kept = path.replaceFirst("^(/\\.\\.)+(?=/|$)", "");
        if (kept.equals(path)) {
            return uri; // it stays within the root: sent as written
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + (kept.isEmpty() ? "/" : kept)
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment()));
    }
}
