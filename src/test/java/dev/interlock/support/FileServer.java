package dev.interlock.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP file server on 127.0.0.1 (a free port) serving files the test puts and changes, with ETags and 304
 * answers to conditional requests, plus a few hostile endpoints: {@code /loop} (a redirect loop), {@code /big}
 * (50 MB), {@code /redirect?to=...}, {@code /stall} (the headers and the start of a file, then nothing until the server
 * stops). It counts requests per path and records Authorization headers.
 */
public final class FileServer implements AutoCloseable {

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = Executors.newFixedThreadPool(32);
    private final Map<String, String> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> notModified = new ConcurrentHashMap<>();
    private final Map<String, String> authorization = new ConcurrentHashMap<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();
    private volatile String heldFolder;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch stopped = new CountDownLatch(1);

    public FileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of a path on this server. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + (path.startsWith("/") ? path : "/" + path);
    }

    /** Serves (or replaces) a file. */
    public FileServer put(String path, String text) {
        files.put(path.startsWith("/") ? path : "/" + path, text);
        return this;
    }

    /** Stops serving a file (404). */
    public void remove(String path) {
        files.remove(path.startsWith("/") ? path : "/" + path);
    }

    /** Answers a path only after a delay (a slow server that still answers within the reader's timeout). */
    public void delay(String path, Duration delay) {
        delays.put(path.startsWith("/") ? path : "/" + path, delay.toMillis());
    }

    /**
     * Holds every request for a path in this folder until the latch returned is counted down (or the server stops), as
     * a server that takes its time would; {@link #held()} counts the requests waiting. Requests an earlier hold kept
     * are let go.
     */
    public CountDownLatch hold(String folder) {
        gate.countDown();
        gate = new CountDownLatch(1);
        heldFolder = folder.endsWith("/") ? folder : folder + "/";
        return gate;
    }

    /** How many requests wait at the latch of {@link #hold} now. */
    public int held() {
        return held.get();
    }

    public int requests(String path) {
        return requests.getOrDefault(path, new AtomicInteger()).get();
    }

    public int notModified(String path) {
        return notModified.getOrDefault(path, new AtomicInteger()).get();
    }

    /** The Authorization header last sent for a path, or {@code null}. */
    public String authorization(String path) {
        return authorization.get(path);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            authorization.put(path, auth);
        }
        try (exchange) {
            String folder = heldFolder;
            if (folder != null && path.startsWith(folder)) {
                held.incrementAndGet();
                try {
                    gate.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    held.decrementAndGet();
                }
            }
            Long delay = delays.get(path);
            if (delay != null && stoppedWithin(delay)) {
                return;
            }
            if (path.equals("/loop")) {
                exchange.getResponseHeaders().add("Location", "/loop");
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            if (path.equals("/redirect")) {
                String query = exchange.getRequestURI().getQuery();
                exchange.getResponseHeaders().add("Location", query.substring(query.indexOf('=') + 1));
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            if (path.equals("/big")) {
                exchange.sendResponseHeaders(200, 0);
                byte[] chunk =
                        "# padding line of a very large file\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (long sent = 0; sent < 50L * 1024 * 1024; sent += chunk.length) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    // the reader stopped reading: expected
                }
                return;
            }
            if (path.equals("/stall")) {
                exchange.sendResponseHeaders(200, 1000);
                OutputStream out = exchange.getResponseBody();
                out.write("apiVersion: backstage.io/v1alpha1\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                try {
                    stopped.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            String text = files.get(path);
            if (text == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String etag = "\"" + Integer.toHexString(text.hashCode()) + "\"";
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.getResponseHeaders().add("Content-Type", "application/yaml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** Waits a while as a slow server would; whether the server stopped meanwhile. */
    private boolean stoppedWithin(long millis) {
        try {
            return stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        stopped.countDown();
        gate.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
