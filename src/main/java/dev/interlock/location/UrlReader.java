package dev.interlock.location;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads http(s) URLs safely for locations: only http and https; only the allowed hosts (when configured); never
 * addresses in private, loopback, link-local or other special ranges unless
 * {@code interlock.locations.allow-private-addresses} (checked after DNS resolution, and again on every redirect; plain
 * http is then sent to the address checked, {@link ResolvedUrl});
 * connect and read timeouts; a size limit; a redirect limit; a per-host bearer token sent to that host only and never
 * logged. GitHub and GitLab "blob" URLs are read through their raw form, as Backstage's integrations do.
 */
@ApplicationScoped
public class UrlReader {

    private static final Pattern GITHUB_BLOB = Pattern.compile("^https://github\\.com/([^/]+)/([^/]+)/blob/(.+)$");
    private static final Pattern GITLAB_BLOB = Pattern.compile("^(https?://[^/]+/.+)/-/blob/(.+)$");

    @Inject
    LocationsConfig config;

    private volatile HttpClient client;

    /**
     * The URL actually read for a target: GitHub and GitLab blob pages become their raw file, and a host written in
     * Unicode its ASCII form ({@link Urls#ascii}).
     */
    public static String raw(String target) {
        String url = Urls.ascii(target);
        Matcher gh = GITHUB_BLOB.matcher(url);
        if (gh.matches()) {
            return "https://raw.githubusercontent.com/" + gh.group(1) + "/" + gh.group(2) + "/" + gh.group(3);
        }
        Matcher gl = GITLAB_BLOB.matcher(url);
        if (gl.matches()) {
            return gl.group(1) + "/-/raw/" + gl.group(2);
        }
        return url;
    }

    /**
     * Whether two URLs are read from the same host (scheme, host and port), each as it is read: a GitHub or GitLab page
     * as its raw file, so that a placeholder naming {@code https://github.com/o/r/blob/…} beside a file of
     * {@code https://github.com/…} counts as the same host, as in Backstage's own examples.
     */
    static boolean sameHost(String root, String other) {
        try {
            URI a = URI.create(raw(root.trim()));
            URI b = URI.create(raw(other.trim()));
            return a.getScheme() != null
                    && a.getScheme().equalsIgnoreCase(b.getScheme())
                    && a.getHost() != null
                    && a.getHost().equalsIgnoreCase(b.getHost())
                    && a.getPort() == b.getPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Whether a redirect of a placeholder stays on its file's host: the same host and port (a default port written or
     * not), or the same host moved from http to https (a server that upgrades every request).
     */
    static boolean sameHostOrUpgraded(String file, String redirected) {
        try {
            URI a = URI.create(file.trim());
            URI b = URI.create(redirected.trim());
            String from = a.getScheme() == null ? "" : a.getScheme().toLowerCase(Locale.ROOT);
            String to = b.getScheme() == null ? "" : b.getScheme().toLowerCase(Locale.ROOT);
            boolean upgraded = from.equals("http") && to.equals("https") && port(b) == 443;
            return a.getHost() != null
                    && a.getHost().equalsIgnoreCase(b.getHost())
                    && ((from.equals(to) && port(a) == port(b)) || upgraded);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A URL's port, its scheme's default when it names none. */
    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * Reads a URL, conditionally when validators are given.
     *
     * @throws ReadFailure saying which URL and why it could not be read
     */
    public FileRead read(String url, FileRead.Validators known) {
        return read(url, known, null);
    }

    /**
     * Reads a URL as {@link #read(String, FileRead.Validators)} does, following redirects only to the host of
     * {@code sameHostAs} (a placeholder's file) when it is given: placeholders are read from their file's host only,
     * which a redirect must not get round.
     *
     * @throws ReadFailure saying which URL and why it could not be read
     */
    public FileRead read(String url, FileRead.Validators known, String sameHostAs) {
        ResolvedUrl target = resolve(url, raw(url));
        // One deadline for the whole answer, redirects and body included: the client's own timeout ends when the
        // headers arrive, and a server sending its body a byte at a time would otherwise hold the caller for ever.
        long deadline = System.nanoTime() + config.readTimeout().toNanos();
        for (int hop = 0; ; hop++) {
            URI uri = target.uri();
            HttpRequest.Builder request = HttpRequest.newBuilder(target.requestUri())
                    .GET()
                    .timeout(remaining(url, deadline))
                    .header("Accept", "application/yaml, application/json, text/plain, */*")
                    .header("User-Agent", "Interlock-catalog");
            target.hostHeader().ifPresent(host -> request.header("Host", host));
            token(uri.getHost()).ifPresent(t -> request.header("Authorization", "Bearer " + t));
            if (known != null && known.etag() != null) {
                request.header("If-None-Match", known.etag());
            }
            if (known != null && known.lastModified() != null) {
                request.header("If-Modified-Since", known.lastModified());
            }
            HttpResponse<InputStream> response = send(url, request.build());
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                close(response);
                String next = response.headers()
                        .firstValue("Location")
                        .orElseThrow(
                                () -> new ReadFailure(url, url + " answered " + status + " without a Location header"));
                if (hop + 1 > config.maxRedirects()) {
                    throw new ReadFailure(
                            url,
                            url + " redirects more than " + config.maxRedirects()
                                    + " times (a redirect loop?); not followed further");
                }
                String redirected;
                try {
                    redirected = uri.resolve(next.trim()).toString();
                } catch (IllegalArgumentException e) {
                    throw new ReadFailure(
                            url,
                            url + " answered " + status + " with a Location that is no valid URL: \""
                                    + Urls.targetWithoutCredentials(next.trim()) + "\"");
                }
                if (sameHostAs != null && !sameHostOrUpgraded(raw(sameHostAs), redirected)) {
                    // Only where to, not the whole URL: a redirect's query may hold a signature (a presigned URL).
                    URI to = URI.create(redirected);
                    String where = to.getHost() == null
                            ? "a URL without a host"
                            : to.getScheme() + "://" + to.getHost() + (to.getPort() >= 0 ? ":" + to.getPort() : "");
                    throw new ReadFailure(
                            url,
                            url + " redirects to " + where + ", another host than its file; placeholders are read from"
                                    + " the same host only");
                }
                target = resolve(url, redirected);
                continue;
            }
            FileRead.Validators validators = new FileRead.Validators(
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null));
            if (status == 304) {
                close(response);
                return new FileRead(url, null, known);
            }
            if (status != 200) {
                close(response);
                throw new ReadFailure(
                        url,
                        url + " answered HTTP " + status + (status == 404 ? " (not found)" : "")
                                + (status == 401 || status == 403
                                        ? " (set interlock.locations.hosts.\"" + uri.getHost()
                                                + "\".token if the file is private)"
                                        : ""));
            }
            return new FileRead(url, Texts.decode(url, body(url, response, deadline)), validators);
        }
    }

    /** Refuses what must not be read; answers the URI to read. */
    URI check(String original, String url) {
        return resolve(original, url).uri();
    }

    /**
     * Refuses what must not be read; answers the URI to read with the address it is read from ({@link ResolvedUrl}):
     * plain http is always resolved here, so that it is sent to the address checked.
     */
    private ResolvedUrl resolve(String original, String url) {
        URI uri;
        try {
            uri = Urls.withinRoot(URI.create(url));
        } catch (IllegalArgumentException e) {
            // Quoted whole, as written: a password with a space in it would pass the masking of URLs in text.
            throw new ReadFailure(
                    Urls.targetWithoutCredentials(original),
                    "\"" + Urls.targetWithoutCredentials(url) + "\" is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ReadFailure(original, "\"" + url + "\" is not an http(s) URL; only http and https are read");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            String authority = uri.getRawAuthority();
            throw new ReadFailure(
                    original,
                    authority == null || authority.isBlank()
                            ? "\"" + url + "\" has no host"
                            : "\"" + url + "\" names host " + authority.replaceFirst("^.*@", "")
                                    + (authority.chars().anyMatch(ch -> ch >= 0x80)
                                            ? ", an international name that is not read here (it holds ß, ς, a"
                                                    + " joiner or a full-width sign, which browsers read otherwise, or"
                                                    + " is no valid name); write it in its ASCII (xn--) form"
                                            : ", which is neither a host name nor an IP address written in full"
                                                    + " (a shortened address such as 127.1 is not read)"));
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new ReadFailure(
                    original,
                    "\"" + Urls.targetWithoutCredentials(url) + "\" names port " + uri.getPort()
                            + "; a port is a number from 1 to 65535");
        }
        if (uri.getUserInfo() != null) {
            throw new ReadFailure(
                    original,
                    "\"" + url + "\" holds credentials; set " + "interlock.locations.hosts.<host>.token instead");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        List<String> allowed = config.allowedHosts().orElse(List.of()).stream()
                .map(String::trim)
                .filter(h -> !h.isEmpty())
                .toList();
        if (!allowed.isEmpty()
                && allowed.stream().noneMatch(h -> Urls.asciiHost(h).equalsIgnoreCase(bare))) {
            throw new ReadFailure(
                    original,
                    "host " + bare + " is not in interlock.locations.allowed-hosts (" + String.join(", ", allowed) + ")"
                            + Urls.writtenAs(bare));
        }
        boolean plain = scheme.equals("http");
        InetAddress[] addresses = null;
        if (!config.allowPrivateAddresses() || plain) {
            try {
                addresses = InetAddress.getAllByName(bare);
            } catch (UnknownHostException e) {
                throw new ReadFailure(
                        original, "host " + bare + " is not known (DNS lookup failed" + Urls.writtenAs(bare) + ")");
            }
        }
        if (!config.allowPrivateAddresses()) {
            for (InetAddress address : addresses) {
                if (InternalAddresses.isInternal(address)) {
                    throw new ReadFailure(
                            original,
                            "host " + bare + " resolves to " + address.getHostAddress()
                                    + ", a private, loopback or link-local address (or another special-purpose one); such"
                                    + " addresses are not read unless "
                                    + "interlock.locations.allow-private-addresses=true" + Urls.writtenAs(bare));
                }
            }
        }
        return new ResolvedUrl(uri, addresses == null || addresses.length == 0 ? null : addresses[0]);
    }

    private Optional<String> token(String host) {
        String key = host.equalsIgnoreCase("raw.githubusercontent.com") ? "github.com" : host.toLowerCase(Locale.ROOT);
        for (var e : config.hosts().entrySet()) {
            if (Urls.asciiHost(e.getKey()).equalsIgnoreCase(key)) {
                return e.getValue().token().filter(t -> !t.isBlank());
            }
        }
        return Optional.empty();
    }

    private HttpResponse<InputStream> send(String url, HttpRequest request) {
        try {
            return client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new ReadFailure(
                    url, url + " could not be reached: no connection within " + inWords(config.connectTimeout()));
        } catch (HttpTimeoutException e) {
            throw new ReadFailure(url, url + " did not answer within " + inWords(config.readTimeout()));
        } catch (IOException e) {
            throw new ReadFailure(url, url + " could not be reached (" + Texts.reason(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadFailure(url, url + " was not read: interrupted");
        }
    }

    /** The time left until the deadline, or a failure when it has passed. */
    private Duration remaining(String url, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new ReadFailure(url, url + " did not answer within " + inWords(config.readTimeout()));
        }
        return Duration.ofNanos(left);
    }

    private byte[] body(String url, HttpResponse<InputStream> response, long deadline) {
        long max = config.maxSize().asLongValue();
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        // Closing the stream at the deadline ends a read that is still waiting for bytes.
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(
                () -> close(response),
                CompletableFuture.delayedExecutor(remaining(url, deadline).toNanos(), TimeUnit.NANOSECONDS));
        try (InputStream in = response.body()) {
            if (declared > max) {
                throw new ReadFailure(
                        url,
                        url + " is " + declared + " bytes; files of locations may be at most " + max
                                + " bytes (interlock.locations.max-size)");
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new ReadFailure(
                        url,
                        url + " is larger than " + max
                                + " bytes, the most a file of a location may be (interlock.locations.max-size)");
            }
            return bytes;
        } catch (IOException e) {
            if (System.nanoTime() - deadline >= 0) {
                throw new ReadFailure(
                        url, url + " did not send the whole file within " + inWords(config.readTimeout()));
            }
            throw new ReadFailure(url, url + " could not be read to the end (" + Texts.reason(e) + ")");
        } finally {
            watchdog.cancel(false);
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private HttpClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(config.connectTimeout())
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                }
            }
        }
        return client;
    }

    /** A timeout as a message gives it ({@code 20 s}, not {@code PT20S}). */
    private static String inWords(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
