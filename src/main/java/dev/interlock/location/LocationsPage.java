package dev.interlock.location;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import org.jboss.resteasy.reactive.RestForm;

import dev.interlock.catalog.LocationRecord;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.registration.ChangePermission;
import dev.interlock.registration.ConflictException;
import dev.interlock.registration.NotAllowedException;
import dev.interlock.security.Ownership;
import dev.interlock.web.TemplateExtensions;

/**
 * The pages of locations: {@code /locations} (every location with its state), a location's page (its entities and
 * errors, a refresh button), registering by URL (preview with the entities and conflicts, then confirm) and the
 * refresh button of an entity's page. Forms post with a CSRF token and answer with a redirect (post/redirect/get).
 */
@Path("/locations")
@Produces(MediaType.TEXT_HTML)
public class LocationsPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<LocationViews.Listed> locations);

        static native TemplateInstance detail(LocationViews.State state, String refreshed);

        static native TemplateInstance preview(
                String target, LocationService.Registered result, String error, List<Reading.Problem> problems);
    }

    @Inject
    LocationViews views;

    @Inject
    LocationService locations;

    @Inject
    LocationRefresh refreshes;

    @Inject
    SecurityIdentity identity;

    @Inject
    ChangePermission permission;

    @Inject
    Ownership ownership;

    @GET
    public TemplateInstance list() {
        return Templates.list(views.listed());
    }

    @GET
    @Path("{id}")
    public TemplateInstance detail(@PathParam("id") String id, @QueryParam("refreshed") String refreshed) {
        return Templates.detail(
                views.state(id).orElseThrow(() -> new NotFoundException("no location " + id)),
                // Only the words this page's own redirects put there: the address must not make the page say anything.
                refreshed != null
                                && java.util.Set.of("registered", "applied", "unchanged", "failed")
                                        .contains(refreshed)
                        ? refreshed
                        : null);
    }

    /** Register by URL, step one: what the location would produce, its conflicts and errors. Nothing is stored. */
    @POST
    @Path("preview")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RolesAllowed({"catalog-editor", "catalog-admin"})
    public Response preview(@RestForm String target) {
        String t = target == null ? "" : target.trim();
        try {
            LocationService.Registered r = locations.register("url", t, account(), permission, true);
            return Response.ok(Templates.preview(t, r, null, r.problems())).build();
        } catch (LocationRejected | NotAllowedException | ConflictException e) {
            return refused(t, e);
        }
    }

    /** Register by URL, step two: registers, then shows the location's page. */
    @POST
    @Path("register")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RolesAllowed({"catalog-editor", "catalog-admin"})
    public Response register(@RestForm String target) {
        String t = target == null ? "" : target.trim();
        try {
            LocationService.Registered r = locations.register("url", t, account(), permission, false);
            return Response.seeOther(URI.create("/locations/" + r.location().id + "?refreshed=registered"))
                    .build();
        } catch (LocationRejected | NotAllowedException | ConflictException e) {
            return refused(t, e);
        }
    }

    /** The preview page again, with why the location was refused (and, when it was read, the problems found). */
    private static Response refused(String target, RuntimeException e) {
        List<Reading.Problem> problems = e instanceof LocationRejected rejected ? rejected.problems() : List.of();
        return Response.status(400)
                .entity(Templates.preview(target, null, e.getMessage(), problems))
                .build();
    }

    /** The refresh button of a location's page. */
    @POST
    @Path("{id}/refresh")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RolesAllowed({"catalog-editor", "catalog-admin"})
    public Response refresh(@PathParam("id") String id) {
        LocationRefresh.Refreshed r =
                refreshes.refresh(id, false).orElseThrow(() -> new NotFoundException("no location " + id));
        return Response.seeOther(URI.create("/locations/" + id + "?refreshed=" + r.state()))
                .build();
    }

    /** The refresh button of an entity's page: reads its location now, then shows the entity again. */
    @POST
    @Path("refresh-entity")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RolesAllowed({"catalog-editor", "catalog-admin"})
    public Response refreshEntity(@RestForm String ref) {
        EntityRef entity;
        try {
            entity = EntityRef.ofCanonical(ref == null ? "" : ref);
        } catch (IllegalArgumentException e) {
            throw new jakarta.ws.rs.BadRequestException("not an entity reference: " + ref);
        }
        LocationRecord location = locations
                .byEntity(entity)
                .orElseThrow(() -> new NotFoundException(entity + " does not come from a location"));
        String state = refreshes
                .refresh(location.id, false)
                .map(LocationRefresh.Refreshed::state)
                .orElse("deleted");
        return Response.seeOther(URI.create(TemplateExtensions.href(entity) + "?tab=source&refreshed=" + state))
                .build();
    }

    private LocationService.Account account() {
        return LocationService.Account.of(ownership.actor(), identity.getRoles());
    }
}
