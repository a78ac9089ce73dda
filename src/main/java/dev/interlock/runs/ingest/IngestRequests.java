package dev.interlock.runs.ingest;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;

import dev.interlock.descriptor.Unicode;
import dev.interlock.errors.JsonReasons;
import dev.interlock.registration.NotAllowedException;
import dev.interlock.runs.RunChanges;
import dev.interlock.runs.RunMetrics;
import dev.interlock.runs.RunsConfig;
import dev.interlock.security.Roles;

/**
 * What every ingestion endpoint does around its parser: who may send, which content types, how large, JSON read
 * once, then store, count and answer. A refused body stores nothing.
 */
@ApplicationScoped
public class IngestRequests {

    @Inject
    SecurityIdentity identity;

    @Inject
    RunsConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    RunIngestion ingestion;

    @Inject
    GroupCommit groupCommit;

    @Inject
    RunMetrics metrics;

    @Inject
    RunChanges changes;

    /** The parse step of one format. */
    @FunctionalInterface
    public interface Parser {
        List<RunEvent> parse(JsonNode body);
    }

    /** 403 unless the caller has run-reporter (editors and admins include it). */
    public void requireReporter() {
        if (!identity.hasRole(Roles.RUN_REPORTER)) {
            throw new NotAllowedException("sending run events needs the " + Roles.RUN_REPORTER
                    + " role (catalog-editor " + "and catalog-admin include it); "
                    + identity.getPrincipal().getName() + " does not have it");
        }
    }

    /** 415 unless the content type is one of these (or any {@code +json} type when {@code application/json} is). */
    public void requireType(String format, String contentType, Set<String> accepted) {
        String type =
                contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        if (!accepted.contains(type)
                && !(accepted.contains("application/json")
                        && type.endsWith("+json")
                        && type.startsWith("application/"))) {
            metrics.count(format, "refused", 1);
            throw new BadRunEvent(
                    415,
                    "Content-Type",
                    "the body's content type \"" + type + "\" is not accepted here;" + " send "
                            + String.join(" or ", accepted.stream().sorted().toList()));
        }
    }

    /** Reads, parses, stores and answers. */
    public Response ingest(String format, byte[] body, Parser parser, String timeField) {
        try {
            if (body == null || body.length == 0) {
                throw new BadRunEvent(
                        null,
                        "the body is empty; send "
                                + switch (format) {
                                    case "openlineage" -> "an OpenLineage run event";
                                    case "cdevents" -> "a CDEvent";
                                    case "github" -> "a GitHub workflow_run delivery";
                                    default -> "a " + format + " event";
                                }
                                + " as JSON");
            }
            if (body.length > config.maxEventBody()) {
                throw new BadRunEvent(
                        413,
                        null,
                        "the body is " + body.length + " bytes; at most " + config.maxEventBody()
                                + " are accepted (interlock.runs.max-event-body)");
            }
            JsonNode tree = read(body);
            if (tree.isArray() && tree.size() > config.maxEventsPerRequest()) {
                throw new BadRunEvent(
                        null,
                        "the body has " + tree.size() + " events; at most " + config.maxEventsPerRequest()
                                + " are accepted per request");
            }
            List<RunEvent> events = parser.parse(tree);
            ingestion.checkTimes(events, timeField);
            return store(format, events);
        } catch (BadRunEvent e) {
            metrics.count(format, "refused", 1);
            throw e;
        }
    }

    /** Stores parsed events (with whatever other requests are storing now) and answers. */
    public Response store(String format, List<RunEvent> events) {
        RunIngestion.Result result = groupCommit.store(events);
        metrics.count(format, "accepted", result.accepted());
        metrics.count(format, "duplicate", result.duplicates());
        changes.changed(result.pipelines());
        return Response.status(result.accepted() > 0 ? 201 : 200)
                .type("application/json")
                .entity(java.util.Map.of("accepted", result.accepted(), "duplicates", result.duplicates()))
                .build();
    }

    /** Every text of the event, names included, must be Unicode ({@link Unicode}): it is stored and served again. */
    private static void refuseWhatIsNotText(JsonNode node, String path) {
        if (node.isTextual() && Unicode.loneSurrogate(node.textValue()) >= 0) {
            throw new BadRunEvent(
                    path, "\"" + path + "\" holds half of a UTF-16 surrogate pair without its other half");
        }
        if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
            // As in descriptors: a job named with NUL could never be claimed, since no descriptor may hold one.
            throw new BadRunEvent(path, "\"" + path + "\" holds a NUL character");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseWhatIsNotText(node.get(i), path + "[" + i + "]");
            }
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (Unicode.loneSurrogate(field.getKey()) >= 0) {
                throw new BadRunEvent(path, "a name in \"" + path + "\" holds half of a UTF-16 surrogate pair");
            }
            refuseWhatIsNotText(field.getValue(), child);
        }
    }

    /** JSON, read once; malformed JSON names its line and column. */
    public JsonNode read(byte[] body) {
        try {
            JsonNode tree = mapper.reader()
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(body);
            refuseWhatIsNotText(tree, "");
            return tree;
        } catch (JsonProcessingException e) {
            var l = e.getLocation();
            throw new BadRunEvent(
                    null,
                    "the body is not valid JSON"
                            + (l == null ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")") + ": "
                            + JsonReasons.of(e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new BadRunEvent(null, "the body could not be read");
        }
    }
}
