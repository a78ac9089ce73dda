package dev.interlock.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.DescriptorText;
import dev.interlock.descriptor.Position;
import dev.interlock.model.Node;
import dev.interlock.validation.Problem;
import dev.interlock.web.QueryFlags;

/**
 * The write side of the catalog API: register descriptors (YAML or JSON, many documents, all or nothing),
 * validate one entity, delete one entity. Writing needs the {@code catalog-editor} role.
 */
@Path("/api/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

    @Inject
    RegistrationService registration;

    @Inject
    SecurityIdentity identity;

    @Inject
    ChangePermission permission;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @POST
    @Path("/entities")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", MediaType.APPLICATION_JSON})
    @RolesAllowed({"catalog-editor", "catalog-admin"})
    public Response register(
            byte[] body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam("If-Match") String ifMatch,
            @Context UriInfo uri) {
        boolean dryRun = QueryFlags.parse(uri, "dryRun");
        String actor = identity.getPrincipal().getName();
        List<Descriptor> documents = read(body, contentType, "api:" + actor);
        if (documents.isEmpty()) {
            throw new BadRequestException("the body holds no entity; send one or more YAML documents or JSON objects");
        }
        if (ifMatch != null && documents.size() != 1) {
            throw new BadRequestException("If-Match applies to a body with one entity; this one has " + documents.size()
                    + " (put each entity's etag in its metadata.etag instead)");
        }
        List<Outcome> outcomes = registration.register(documents, actor, permission, unquote(ifMatch), dryRun);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dryRun", dryRun);
        out.put("entities", outcomes);
        return Response.status(dryRun ? Response.Status.OK : Response.Status.CREATED)
                .entity(out)
                .build();
    }

    /** Backstage's {@code POST /validate-entity}: {@code {entity, location}} in, 200 or 400 with the errors. */
    @POST
    @Path("/validate-entity")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> validate(byte[] body) {
        List<Descriptor> documents = read(body, MediaType.APPLICATION_JSON, null);
        Node root = documents.size() == 1 ? Node.of(documents.get(0).root()) : Node.MISSING;
        if (!root.keys().contains("entity")) {
            throw new BadRequestException("the body must be {\"entity\": {...}, \"location\": \"...\"}");
        }
        checkLocationRef(root.get("location"));
        Descriptor wrapper = documents.get(0);
        Map<String, Position> positions = wrapper.positions().entrySet().stream()
                .filter(e -> e.getKey().startsWith("entity."))
                .collect(Collectors.toMap(e -> e.getKey().substring("entity.".length()), Map.Entry::getValue));
        Descriptor entity = new Descriptor(
                1, root.get("entity").raw(), positions, wrapper.positionOf("entity"), wrapper.source(), null);
        List<Problem> problems = registration.validate(List.of(entity));
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        if (!errors.isEmpty()) {
            throw new RegistrationRejected(errors);
        }
        return Map.of(
                "valid",
                true,
                "warnings",
                problems.stream().map(Problem::message).toList());
    }

    /**
     * The {@code location} of a validation is a {@code url:<target>} reference, read as Backstage's
     * {@code parseLocationRef} reads it (type and target trimmed, neither empty; {@code https://…} told to take the
     * {@code url:} prefix); anything else is a 400 in Backstage's words, with the problem in {@code errors}, where
     * its client looks for the reason.
     */
    private static void checkLocationRef(Node location) {
        if (!location.isString()) {
            throw locationRefused("\"location\" must be a location reference (a string such as"
                    + " url:https://host/path/catalog-info.yaml)"
                    + (location.isMissing() ? ", and the body has none" : ""));
        }
        String ref = location.text();
        String shown = ref.length() > 200 ? ref.substring(0, 200) + "…" : ref;
        int colon = ref.indexOf(':');
        String type = colon < 0 ? "" : ref.substring(0, colon).trim();
        String target = colon < 0 ? "" : ref.substring(colon + 1).trim();
        if (type.isEmpty() || target.isEmpty()) {
            throw locationRefused("Unable to parse location ref '" + shown
                    + "', expected '<type>:<target>', e.g. 'url:https://host/path'");
        }
        if (type.equals("http") || type.equals("https")) {
            throw locationRefused(
                    "Invalid location ref '" + shown + "', please prefix it with 'url:', e.g. 'url:" + shown + "'");
        }
        if (!type.equals("url")) {
            throw locationRefused(
                    "Invalid location ref " + shown + ", only 'url:<target>' is supported, e.g. url:https://host/path");
        }
    }

    private static RegistrationRejected locationRefused(String message) {
        return new RegistrationRejected(
                List.of(new Problem(Problem.Severity.ERROR, 1, null, null, "location", message)));
    }

    @DELETE
    @Path("/entities/by-uid/{uid}")
    @RolesAllowed({"catalog-editor", "catalog-admin"})
    public Response delete(@PathParam("uid") String uid, @HeaderParam("If-Match") String ifMatch) {
        registration
                .delete(uid, identity.getPrincipal().getName(), permission, unquote(ifMatch))
                .orElseThrow(() -> new NotFoundException("no entity with uid " + uid));
        return Response.noContent().build();
    }

    private List<Descriptor> read(byte[] body, String contentType, String location) {
        String text;
        try {
            text = DescriptorText.decode(body);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        boolean json = contentType != null && contentType.toLowerCase().startsWith(MediaType.APPLICATION_JSON);
        DescriptorReader reader = registration.reader(maxBodySize.asLongValue());
        return reader.read(text, json ? DescriptorReader.Format.JSON : DescriptorReader.Format.YAML, location);
    }

    /** A true/false query parameter; absent is false, anything but true or false is refused. */
    private static String unquote(String etag) {
        if (etag == null || etag.isBlank()) {
            return null;
        }
        String e = etag.trim();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
    }
}
