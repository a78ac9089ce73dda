package dev.interlock.runs.ingest;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/lineage}: OpenLineage RunEvents (one object or an array), the path every OpenLineage client's
 * HTTP transport posts to (as Marquez). Needs run-reporter.
 */
@Path("/api/v1/lineage")
public class LineageResource {

    @Inject
    IngestRequests requests;

    @Inject
    ObjectMapper mapper;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(byte[] body, @HeaderParam("Content-Type") String contentType) {
        requests.requireReporter();
        requests.requireType("openlineage", contentType, Set.of("application/json"));
        return requests.ingest("openlineage", body, new OpenLineageParser(mapper)::parse, "eventTime");
    }
}
