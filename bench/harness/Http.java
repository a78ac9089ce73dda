package harness;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of one Interlock server, as one user: either with Basic authentication (the API, answers in JSON) or
 * signed in through the form (the pages, answers in HTML). HTTP/1.1 with keep-alive, redirects not followed (a bounce
 * to /login shows as a 302), one JDK client shared by every instance.
 */
public final class Http {

    public static final String ADMIN = "admin:admin";
    public static final String CI = "ci:ci";
    public static final String BOB = "bob:bob";
    private static final String SESSION_COOKIE = "interlock-session";
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration QUERYABLE_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern TOTAL_ITEMS = Pattern.compile("\"totalItems\"\\s*:\\s*(\\d+)");
    private static final Pattern CSRF_TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final String base;
    private final String authorization;
    private final Duration timeout;
    /** The session cookie of a signed-in client; the server may renew it on any answer. */
    private volatile String sessionCookie;

    private Http(String base, String authorization, String sessionCookie, Duration timeout) {
        this.base = base;
        this.authorization = authorization;
        this.sessionCookie = sessionCookie;
        this.timeout = timeout;
    }

    /** An API client of the server at {@code base} as {@code user:password}, with Basic authentication. */
    public static Http api(String base, String userAndPassword) {
        return new Http(base, basic(userAndPassword), null, REQUEST_TIMEOUT);
    }

    /** A page client: signs in through the form as {@code user} (whose password is its name). */
    public static Http signIn(String base, String user) throws IOException, InterruptedException {
        return new Http(base, null, sessionCookie(base, user), REQUEST_TIMEOUT);
    }

    /** The same client with another timeout per request. */
    public Http timeout(Duration perRequest) {
        return new Http(base, authorization, sessionCookie, perRequest);
    }

    /** The same session, for another replica of the server (they share the session key). */
    public Http on(String otherBase) {
        return new Http(otherBase, authorization, sessionCookie, timeout);
    }

    public String base() {
        return base;
    }

    public static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    /** A request to {@code path} with this client's credentials, timeout and Accept header. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        return authorization != null
                ? request.header("Authorization", authorization).header("Accept", "application/json")
                : request.header("Cookie", sessionCookie).header("Accept", "text/html");
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (sessionCookie != null) {
            sessionCookieOf(response).ifPresent(renewed -> sessionCookie = renewed);
        }
        return response;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** The body of a GET that must answer 200. */
    public String getOk(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw failure("GET " + path, response);
        }
        return response.body();
    }

    public HttpResponse<String> post(String path, String contentType, String body)
            throws IOException, InterruptedException {
        return send(request(path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** The body of a POST that must answer 200 or 201. */
    public String postOk(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = post(path, contentType, body);
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw failure("POST " + path, response);
        }
        return response.body();
    }

    /** Told after each registration body: its index, how many there are, its documents and its time. */
    @FunctionalInterface
    public interface Progress {
        void registered(int body, int bodies, int documents, long nanos);
    }

    /**
     * Registers {@code documents} in multi-document YAML bodies of {@code batch}, one body at a time; each must
     * answer 201. Returns each body's time in nanoseconds.
     */
    public long[] register(List<String> documents, int batch, Progress progress)
            throws IOException, InterruptedException {
        int bodies = (documents.size() + batch - 1) / batch;
        long[] nanos = new long[bodies];
        for (int b = 0; b < bodies; b++) {
            List<String> body = documents.subList(b * batch, Math.min(documents.size(), (b + 1) * batch));
            long start = System.nanoTime();
            HttpResponse<String> response =
                    post("/api/catalog/entities", "application/yaml", String.join("---\n", body));
            nanos[b] = System.nanoTime() - start;
            if (response.statusCode() != 201) {
                throw failure("POST /api/catalog/entities (body " + (b + 1) + "/" + bodies + ")", response);
            }
            progress.registered(b, bodies, body.size(), nanos[b]);
        }
        return nanos;
    }

    public long[] register(List<String> documents, int batch) throws IOException, InterruptedException {
        return register(documents, batch, (b, bodies, size, nanos) -> {});
    }

    /** Waits until by-query counts {@code components} components and {@code last} (a component) resolves by name. */
    public void awaitQueryable(int components, String last) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + QUERYABLE_TIMEOUT.toNanos();
        while (componentCount() != components
                || get("/api/catalog/entities/by-name/component/default/" + last)
                                .statusCode()
                        != 200) {
            if (System.nanoTime() > deadline) {
                throw new Bench.Failure("components not queryable after " + QUERYABLE_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    private long componentCount() throws IOException, InterruptedException {
        String path = "/api/catalog/entities/by-query?" + encodeQuery("filter=kind=component&limit=1");
        HttpResponse<String> response = get(path);
        Matcher matcher = TOTAL_ITEMS.matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw failure("GET " + path, response);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** Encodes the values of a {@code key=value&...} query string (filters hold '=' in their value). */
    public static String encodeQuery(String query) {
        List<String> parts = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            parts.add(pair.substring(0, eq) + "=" + URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    /** The benchmark cannot go on: what was asked, the status, and the start of the answer. */
    public static Bench.Failure failure(String what, HttpResponse<String> response) {
        return new Bench.Failure(what + " answered " + response.statusCode() + "; first 500 chars of body:\n"
                + abbreviate(response.body(), 500));
    }

    public static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "… (" + text.length() + " chars)";
    }

    /**
     * Reads the sign-in page for its CSRF token and cookie, posts the form (without following its redirect) and
     * returns the session cookie it sets.
     */
    private static String sessionCookie(String base, String user) throws IOException, InterruptedException {
        HttpResponse<String> page = CLIENT.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .timeout(REQUEST_TIMEOUT)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF_TOKEN.matcher(page.body());
        String csrfCookie = page.headers().allValues("Set-Cookie").stream()
                .map(h -> h.split(";", 2)[0].trim())
                .filter(c -> c.startsWith("interlock-csrf="))
                .findFirst()
                .orElse("");
        if (!token.find() || csrfCookie.isEmpty()) {
            throw failure("GET /login (expected a form with a csrf-token and its cookie)", page);
        }
        String form = "csrf-token=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8) + "&username=" + user
                + "&password=" + user;
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", csrfCookie)
                        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Optional<String> cookie = sessionCookieOf(response);
        String location = response.headers().firstValue("Location").orElse("none");
        if (response.statusCode() / 100 != 3 || cookie.isEmpty()) {
            throw failure(
                    "POST /login as " + user + " (expected a redirect that sets " + SESSION_COOKIE + ";" + " Location: "
                            + location + ")",
                    response);
        }
        if (location.contains("error")) {
            throw failure("POST /login as " + user + " was refused (Location: " + location + ")", response);
        }
        return cookie.get();
    }

    /** The {@code interlock-session=value} pair of a Set-Cookie header, if the answer sets a non-empty one. */
    private static Optional<String> sessionCookieOf(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0].trim();
            if (pair.startsWith(SESSION_COOKIE + "=") && pair.length() > SESSION_COOKIE.length() + 1) {
                return Optional.of(pair);
            }
        }
        return Optional.empty();
    }
}
