package dev.interlock.web;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.catalog.EntityFilter;

/** The start page: the catalog at a glance. */
@Path("/")
public class HomeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(long total, List<CatalogQueries.FacetCount> kinds);
    }

    @Inject
    CatalogQueries queries;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home() {
        List<CatalogQueries.FacetCount> kinds = queries.facets(List.of("kind"), EntityFilter.ALL).get("kind");
        long total = queries.count(new CatalogQueries.Query(EntityFilter.ALL, List.of(), null, List.of()));
        return Templates.home(total, kinds);
    }
}
