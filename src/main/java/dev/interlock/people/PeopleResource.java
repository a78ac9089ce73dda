package dev.interlock.people;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.interlock.descriptor.EntityRef;

/** The people API: what hangs on one person ({@code GET /api/people/{namespace}/{name}/dependence}). */
@Path("/api/people")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

    @Inject
    DependenceService dependence;

    /** What hangs on a person; 404 when the catalog has no such User. */
    @GET
    @Path("{namespace}/{name}/dependence")
    public PersonDependence dependence(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        EntityRef ref = new EntityRef("user", namespace, name);
        return dependence.of(ref).orElseThrow(() -> new NotFoundException("There is no " + ref + " in the catalog."));
    }
}
