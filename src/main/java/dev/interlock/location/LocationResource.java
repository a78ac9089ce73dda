package dev.interlock.location;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.errors.ErrorBody;
import dev.interlock.registration.ChangePermission;
import dev.interlock.security.Ownership;
import dev.interlock.security.Roles;
import dev.interlock.web.QueryFlags;

/**
 * Backstage's Location API ({@code /api/catalog}): register a location (read before answering; dry run with
 * {@code exists} and {@code conflicts}), list, query, look up and delete locations, refresh an entity's location now,
 * an entity's ancestry, and analyze-location. Writing needs catalog-editor.
 */
@Path("/api/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class LocationResource {

    @Inject
    LocationService locations;

    @Inject
    LocationRefresh refreshes;

    @Inject
    LocationViews views;

    @Inject
    LocationPaging paging;

    @Inject
    CatalogQueries queries;

    @Inject
    LocationRefresher refresher;

    @Inject
    SecurityIdentity identity;

    @Inject
    ChangePermission permission;

    @Inject
    Ownership ownership;

    /** The body of {@code POST /locations}. */
    public record LocationInput(String type, String target) {}

    /** The body of {@code POST /locations/by-query}. */
    public record LocationQuery(Integer limit, String cursor, Object query, Object filter) {}

    /** The body of {@code POST /refresh}. */
    public record RefreshRequest(String entityRef) {}

    /** The body of {@code POST /analyze-location}. */
    public record AnalyzeRequest(LocationInput location, String catalogFilename) {}

    @POST
    @Path("/locations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"catalog-editor", "catalog-admin"})
    public Response create(LocationInput input, @Context UriInfo uri) {
        boolean dryRun = QueryFlags.parse(uri, "dryRun");
        if (input == null || input.target() == null || input.target().isBlank()) {
            throw new BadRequestException("the body must be {\"type\": \"url\", \"target\": \"https://...\"}");
        }
        LocationService.Registered registered =
                locations.register(input.type(), input.target(), account(), permission, dryRun);
        return Response.status(Response.Status.CREATED)
                .entity(LocationAnswers.Created.of(registered, dryRun))
                .build();
    }

    @GET
    @Path("/locations")
    public List<LocationAnswers.Listed> list() {
        return views.all().stream()
                .map(l -> new LocationAnswers.Listed(LocationAnswers.Data.of(l)))
                .toList();
    }

    @POST
    @Path("/locations/by-query")
    @Consumes(MediaType.APPLICATION_JSON)
    public LocationAnswers.Page query(LocationQuery request) {
        LocationQuery q = request == null ? new LocationQuery(null, null, null, null) : request;
        return paging.page(q.limit(), q.cursor(), q.query() != null ? q.query() : q.filter());
    }

    @GET
    @Path("/locations/{id}")
    public LocationAnswers.Data byId(@PathParam("id") String id) {
        return views.byId(id)
                .map(LocationAnswers.Data::of)
                .orElseThrow(() -> new NotFoundException("no location with id " + id));
    }

    @GET
    @Path("/locations/by-entity/{kind}/{namespace}/{name}")
    public LocationAnswers.Data byEntity(
            @PathParam("kind") String kind, @PathParam("namespace") String namespace, @PathParam("name") String name) {
        EntityRef ref = new EntityRef(kind, namespace, name);
        return locations
                .byEntity(ref)
                .map(LocationAnswers.Data::of)
                .orElseThrow(() -> new NotFoundException(
                        queries.byRef(ref).isEmpty()
                                ? "no entity " + ref + " in the catalog"
                                : ref + " does not come from a location"));
    }

    /** Backstage's {@code PUT /locations/{id}}: the location reads another target from now on. */
    @PUT
    @Path("/locations/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"catalog-editor", "catalog-admin"})
    public LocationAnswers.Data update(@PathParam("id") String id, LocationInput input) {
        if (input == null || input.target() == null || input.target().isBlank()) {
            throw new BadRequestException("the body must be {\"type\": \"url\", \"target\": \"https://...\"}");
        }
        return locations
                .update(id, input.type(), input.target(), account(), permission, identity.hasRole(Roles.ADMIN))
                .map(LocationAnswers.Data::of)
                .orElseThrow(() -> new NotFoundException("no location with id " + id));
    }

    @DELETE
    @Path("/locations/{id}")
    @RolesAllowed({"catalog-editor", "catalog-admin"})
    public Response delete(@PathParam("id") String id) {
        locations
                .delete(id, identity.getPrincipal().getName(), permission, identity.hasRole(Roles.ADMIN))
                .orElseThrow(() -> new NotFoundException("no location with id " + id));
        return Response.noContent().build();
    }

    /** Reads an entity's location again now; answers once it has been read, with what changed. */
    @POST
    @Path("/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"catalog-editor", "catalog-admin"})
    public LocationAnswers.Refresh refresh(RefreshRequest request) {
        if (request == null || request.entityRef() == null) {
            throw new BadRequestException("the body must be {\"entityRef\": \"kind:namespace/name\"}");
        }
        EntityRef ref = input(() -> EntityRef.parse(request.entityRef(), null, EntityRef.DEFAULT_NAMESPACE));
        if (queries.byRef(ref).isEmpty()) {
            throw new NotFoundException("no entity " + ref + " in the catalog");
        }
        var location = locations.byEntity(ref);
        if (location.isEmpty()) {
            return LocationAnswers.Refresh.notFromALocation(ref.toString());
        }
        LocationRefresh.Refreshed refreshed = refreshes
                .refresh(location.get().id, false)
                .orElseThrow(() -> new NotFoundException("the location of " + ref + " was deleted"));
        return LocationAnswers.Refresh.of(ref.toString(), refreshed);
    }

    /** Refreshes every location now, conditionally (what a scheduled round does); for operators and benchmarks. */
    @POST
    @Path("/locations/refresh-all")
    @RolesAllowed("catalog-admin")
    public LocationRefresher.Round refreshAll() {
        return refresher.round(true);
    }

    @GET
    @Path("/entities/by-name/{kind}/{namespace}/{name}/ancestry")
    public LocationAnswers.Ancestry ancestry(
            @PathParam("kind") String kind, @PathParam("namespace") String namespace, @PathParam("name") String name) {
        EntityRef ref = new EntityRef(kind, namespace, name);
        return views.ancestry(ref).orElseThrow(() -> new NotFoundException("no entity " + ref + " in the catalog"));
    }

    /** Backstage's import flow: what a location would produce, without storing anything. */
    @POST
    @Path("/analyze-location")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"catalog-editor", "catalog-admin"})
    public LocationAnswers.Analysis analyze(AnalyzeRequest request) {
        if (request == null || request.location() == null || request.location().target() == null) {
            throw new BadRequestException("the body must be {\"location\": {\"type\": \"url\", \"target\": \"...\"}}");
        }
        LocationService.Registered r =
                locations.register(request.location().type(), request.location().target(), account(), permission, true);
        return LocationAnswers.Analysis.of(r);
    }

    @ServerExceptionMapper
    public Response rejected(LocationRejected e, HttpServerRequest request) {
        List<Map<String, Object>> errors = e.problems().stream()
                .map(p -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", "InputError");
                    m.put("level", p.level());
                    m.put("file", p.file());
                    m.put("line", p.line());
                    m.put("message", p.describe());
                    return m;
                })
                .toList();
        return ErrorBody.response(400, "InputError", e.getMessage(), errors, request);
    }

    private LocationService.Account account() {
        return LocationService.Account.of(ownership.actor(), identity.getRoles());
    }

    private static <T> T input(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
