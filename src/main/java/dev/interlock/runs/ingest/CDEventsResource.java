package dev.interlock.runs.ingest;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /api/cdevents}: a CDEvent (0.4.x, 0.5.x) as a CloudEvent in binary mode ({@code ce-*} headers, the
 * body is the CDEvent), in structured mode ({@code application/cloudevents+json}, the CDEvent in {@code data}), or
 * plain JSON. Needs run-reporter.
 */
@Path("/api/cdevents")
public class CDEventsResource {

    static final String STRUCTURED = "application/cloudevents+json";

    @Inject
    IngestRequests requests;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(
            byte[] body,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("ce-specversion") String ceSpecVersion,
            @HeaderParam("ce-id") String ceId,
            @HeaderParam("ce-type") String ceType) {
        requests.requireReporter();
        requests.requireType("cdevents", contentType, Set.of("application/json", STRUCTURED));
        boolean structured = contentType != null && contentType.toLowerCase().startsWith(STRUCTURED);
        if (ceSpecVersion != null && (ceId == null || ceId.isBlank())) {
            throw new BadRunEvent("ce-id", "a CloudEvent in binary mode needs the ce-id header");
        }
        if (ceSpecVersion != null) {
            specVersion("ce-specversion", ceSpecVersion);
        }
        return requests.ingest(
                "cdevents",
                body,
                tree -> {
                    JsonNode event = structured ? data(tree) : tree;
                    String envelopeType = structured ? tree.path("type").asText() : ceType;
                    sameType(structured ? "type" : "ce-type", envelopeType, event);
                    return List.of(new CDEventsParser().parse(event));
                },
                "context.timestamp");
    }

    /** CloudEvents 1.0 (or 0.3, which its SDKs still send): another version's attributes may mean other things. */
    private static void specVersion(String field, String version) {
        if (!List.of("1.0", "0.3").contains(version)) {
            throw new BadRunEvent(
                    field,
                    "\"" + field + "\" must be a CloudEvents version, 1.0 (or 0.3), found "
                            + dev.interlock.errors.Echo.quoted(version));
        }
    }

    /**
     * The CloudEvent's type is the CDEvent's {@code context.type} (the CDEvents binding): a request whose envelope
     * says one event and whose body another is refused rather than read as either.
     */
    private static void sameType(String field, String envelopeType, JsonNode event) {
        String bodyType = Fields.optional(event, "context.type");
        if (envelopeType != null && bodyType != null && !envelopeType.equals(bodyType)) {
            throw new BadRunEvent(
                    field,
                    "\"" + field + "\" is \"" + Fields.clip(envelopeType, 120)
                            + "\" but the CDEvent's \"context.type\" is \"" + Fields.clip(bodyType, 120)
                            + "\"; they must be the same");
        }
    }

    /** The CDEvent inside a structured-mode CloudEvent. */
    private JsonNode data(JsonNode cloudEvent) {
        if (!cloudEvent.isObject()) {
            throw new BadRunEvent(null, "a structured CloudEvent is a JSON object");
        }
        for (String attribute : List.of("specversion", "id", "source", "type")) {
            if (!cloudEvent.path(attribute).isTextual()) {
                throw new BadRunEvent(attribute, "the CloudEvent attribute \"" + attribute + "\" is required");
            }
        }
        specVersion("specversion", cloudEvent.get("specversion").asText());
        JsonNode data = cloudEvent.get("data");
        if (data == null && cloudEvent.path("data_base64").isTextual()) {
            try {
                data = requests.read(java.util.Base64.getDecoder()
                        .decode(cloudEvent.get("data_base64").asText()));
            } catch (IllegalArgumentException e) {
                throw new BadRunEvent("data_base64", "\"data_base64\" is not Base64");
            }
        }
        if (data == null || !data.isObject()) {
            throw new BadRunEvent("data", "\"data\" is required: the CDEvent");
        }
        return data;
    }
}
