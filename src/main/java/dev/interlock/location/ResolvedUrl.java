package dev.interlock.location;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * A URL a location reads with the address its host resolved to when {@link UrlReader} checked it. Plain http is sent to
 * that address itself, naming the host in the {@code Host} header, so that a second DNS answer (DNS rebinding: a
 * public address for the check, then 127.0.0.1 for the connection) cannot send the request anywhere the check did not
 * allow. https is sent to the host by name: the server must then prove with its certificate that it is that host,
 * which an internal address rebound to a stranger's name cannot.
 *
 * @param uri the URL as the location names it (redirects resolve against it, messages and tokens use its host)
 * @param address the address checked, or {@code null} when the host was not resolved (https without the check)
 */
record ResolvedUrl(URI uri, InetAddress address) {

    private static final Logger LOG = Logger.getLogger(ResolvedUrl.class);

    private static final String RESTRICTED = dev.interlock.InterlockMain.HOST_HEADER;

    private static final boolean PINNING = allowHostHeader();

    /** The URI the request goes to: the checked address for plain http, the URL itself otherwise. */
    URI requestUri() {
        return pinned() ? URI.create(uri.getScheme() + "://" + literal(address) + port() + path()) : uri;
    }

    /** The {@code Host} header a pinned request names the host with; empty when the request goes to the host. */
    Optional<String> hostHeader() {
        return pinned() ? Optional.of(uri.getHost() + port()) : Optional.empty();
    }

    private boolean pinned() {
        return PINNING && address != null && "http".equalsIgnoreCase(uri.getScheme());
    }

    private String port() {
        return uri.getPort() == -1 ? "" : ":" + uri.getPort();
    }

    private String path() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** An address as a URI writes it: IPv6 in brackets, a zone's {@code %} escaped. */
    static String literal(InetAddress address) {
        String text = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + text.replace("%", "%25") + "]" : text;
    }

    /**
     * Whether Java's HTTP client may send a {@code Host} header: {@link dev.interlock.InterlockMain#HOST_HEADER}, which
     * the client reads once, when it loads, and which {@code InterlockMain}, the Quarkus plugin's dev mode and Surefire
     * set before anything runs. Should it be missing all the same (a launcher that bypasses them), plain http is read
     * by host name as before and a warning says so; setting it here would be too late once anything loaded the client.
     */
    private static boolean allowHostHeader() {
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "example.com");
            return true;
        } catch (IllegalArgumentException e) {
            LOG.warn("Java's HTTP client does not allow a Host header (start the JVM with -D" + RESTRICTED + "=host):"
                    + " plain-http locations are read by host name, without protection against DNS rebinding"
                    + " (https is not affected)");
            return false;
        }
    }
}
