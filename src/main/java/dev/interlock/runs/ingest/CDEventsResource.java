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
            @HeaderParam("ce-id") String ceId) {
        requests.requireReporter();
        requests.requireType("cdevents", contentType, Set.of("application/json", STRUCTURED));
        boolean structured = contentType != null && contentType.toLowerCase().startsWith(STRUCTURED);
        if (ceSpecVersion != null && (ceId == null || ceId.isBlank())) {
            throw new BadRunEvent("ce-id", "a CloudEvent in binary mode needs the ce-id header");
        }
        return requests.ingest(
                "cdevents",
                body,
                tree -> List.of(new CDEventsParser().parse(structured ? data(tree) : tree)),
                "context.timestamp");
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
