package dev.interlock.scorecard;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.descriptor.EntityRef;

/** One entity's results on every scorecard that applies to it. */
@Path("/api/catalog/entities/by-name/{kind}/{namespace}/{name}/scorecards")
@Produces(MediaType.APPLICATION_JSON)
public class EntityScorecardsResource {

    @Inject
    ScorecardService scorecards;

    @Inject
    CatalogQueries queries;

    @GET
    public Map<String, Object> forEntity(
            @PathParam("kind") String kind, @PathParam("namespace") String namespace, @PathParam("name") String name) {
        EntityRef ref = new EntityRef(kind, namespace, name);
        queries.byRef(ref).orElseThrow(() -> new NotFoundException("no entity " + ref + " in the catalog"));
        return Map.of("items", scorecards.results(null, ref.toString()));
    }
}
