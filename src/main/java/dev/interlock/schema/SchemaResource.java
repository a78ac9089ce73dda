package dev.interlock.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The descriptor schemas for editors (VS Code's YAML extension, IntelliJ) and CI: {@code /schemas/catalog-info.json}
 * for any descriptor and {@code /schemas/kinds/<Kind>.<version>.json} for one kind, public (no sign-in) and
 * self-contained. Their {@code $id} is under {@code interlock.public-url}, or {@code http://localhost:<port>} when
 * that is not set.
 */
@Path("/schemas")
public class SchemaResource {

    /** JSON Schema's media type. */
    public static final String SCHEMA_JSON = "application/schema+json";

    private final SchemaRegistry registry = new SchemaRegistry();

    @ConfigProperty(name = "interlock.public-url")
    Optional<String> publicUrl;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    /** Where the schemas are: the catalog-info schema and one per kind. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response index() {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("catalogInfo", base() + "/schemas/catalog-info.json");
        List<Map<String, String>> kinds = SchemaRegistry.KINDS.stream().map(k -> Map.of(
                "kind", k.substring(0, k.indexOf('.')), "version", k.substring(k.indexOf('.') + 1),
                "url", base() + "/schemas/kinds/" + k + ".json")).toList();
        index.put("kinds", kinds);
        return cached(Response.ok(index, MediaType.APPLICATION_JSON_TYPE));
    }

    @GET
    @Path("/catalog-info.json")
    @Produces({SCHEMA_JSON, MediaType.APPLICATION_JSON})
    public Response catalogInfo() {
        return schema(registry.catalogInfo(base()));
    }

    @GET
    @Path("/kinds/{name}.json")
    @Produces({SCHEMA_JSON, MediaType.APPLICATION_JSON})
    public Response kind(@PathParam("name") String name) {
        return schema(registry.kind(name, base()).orElseThrow(() -> new NotFoundException("no schema for \"" + name
                + "\"; the kinds with one are " + String.join(", ", SchemaRegistry.KINDS)
                + " (see /schemas/catalog-info.json for any descriptor)")));
    }

    private Response schema(ObjectNode schema) {
        return cached(Response.ok(schema.toPrettyString(), SCHEMA_JSON));
    }

    /** Schemas hold no user data: any site may read them, and they may be kept for a few minutes. */
    private static Response cached(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "public, max-age=300").header("Access-Control-Allow-Origin", "*")
                .build();
    }

    private String base() {
        return publicUrl.map(u -> u.replaceAll("/+$", "")).filter(u -> !u.isBlank())
                .orElse("http://localhost:" + port);
    }
}
