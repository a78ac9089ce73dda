package dev.interlock.runs.ingest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.interlock.runs.RunsConfig;

/**
 * {@code POST /api/webhooks/github}: GitHub's {@code workflow_run} webhook ({@code ping} answered). Authenticated
 * by its signature alone: {@code X-Hub-Signature-256} must be the HMAC-SHA256 of the raw body with
 * {@code interlock.runs.github.secret}, compared in constant time. Off (404) while no secret is configured.
 */
@Path("/api/webhooks/github")
public class GitHubWebhookResource {

    @Inject
    RunsConfig config;

    @Inject
    IngestRequests requests;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(
            byte[] body,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("X-GitHub-Event") String event,
            @HeaderParam("X-Hub-Signature-256") String signature) {
        Optional<String> secret = config.github().secret().filter(s -> !s.isBlank());
        if (secret.isEmpty()) {
            throw new BadRunEvent(404, null, "the GitHub webhook is off: set interlock.runs.github.secret");
        }
        if (signature == null || signature.isBlank()) {
            throw new BadRunEvent(
                    401,
                    "X-Hub-Signature-256",
                    "the X-Hub-Signature-256 header is missing; set the " + "webhook's secret in GitHub");
        }
        if (!valid(secret.get(), body == null ? new byte[0] : body, signature)) {
            throw new BadRunEvent(
                    401,
                    "X-Hub-Signature-256",
                    "the X-Hub-Signature-256 signature does not match the " + "body and the configured secret");
        }
        requests.requireType("github", contentType, Set.of("application/json"));
        if ("ping".equals(event)) {
            return Response.ok(Map.of("pong", true)).build();
        }
        if (!"workflow_run".equals(event)) {
            return Response.accepted(Map.of(
                            "ignored",
                            event == null ? "" : event,
                            "message",
                            "only workflow_run deliveries are used; subscribe to \"Workflow runs\""))
                    .build();
        }
        return requests.ingest(
                "github", body, tree -> List.of(new GitHubParser().parse(tree)), "workflow_run.updated_at");
    }

    /** {@code sha256=<hex>} of the body, compared in constant time. */
    static boolean valid(String secret, byte[] body, String signature) {
        if (!signature.startsWith("sha256=")) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of()
                    .parseHex(signature.substring("sha256=".length()).trim().toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, body), given);
    }

    static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
