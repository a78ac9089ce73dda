package dev.interlock.web;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.catalog.EntityFilter;
import dev.interlock.catalog.EntityHistory;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.pipeline.PipelineQueries;

/** The start page: the catalog at a glance, the pipelines most at risk, and what changed lately. */
@Path("/")
public class HomeResource {

    /** A recent change; {@code exists} whether the entity is in the catalog now (a link to it would not 404). */
    public record Recent(EntityRef ref, String action, String actor, String when, boolean exists) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(
                long total,
                List<CatalogQueries.FacetCount> kinds,
                List<CatalogQueries.FacetCount> types,
                long delivery,
                long data,
                long atRisk,
                List<EntityView> risky,
                List<Recent> recent,
                boolean editor);
    }

    @Inject
    CatalogQueries queries;

    @Inject
    PipelineQueries pipelines;

    @Inject
    EntityViews views;

    @Inject
    dev.interlock.scorecard.ScorecardService scorecards;

    @Inject
    WebConfig config;

    @Inject
    CurrentUser currentUser;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home() {
        var facets = queries.facets(List.of("kind", "spec.type"), EntityFilter.ALL);
        long total = queries.count(new CatalogQueries.Query(EntityFilter.ALL, List.of(), null, List.of()));
        // Production pipelines only: a deprecated demo is no production risk.
        PipelineQueries.Page spof = pipelines.page(
                new dev.interlock.pipeline.PipelineCriteria(null, true, null, true, "name", false),
                0,
                config.home().riskyScanned());
        // Lowest scorecard level first (no level, then bronze, ...), then the most single points of failure.
        var levels = scorecards.headline(spof.refs());
        List<EntityView> risky = views
                .byRefs(spof.refs().stream().map(EntityRef::ofCanonical).toList())
                .stream()
                .sorted(Comparator.comparingInt(
                                (EntityView e) -> levels.rank(e.ref().toString()))
                        .thenComparingInt(
                                e -> -e.pipeline().singlePointsOfFailure().size())
                        .thenComparing(EntityView::name))
                .limit(config.home().riskyShown())
                .toList();
        List<EntityHistory> changes = EntityHistory.<EntityHistory>find("order by id desc")
                .page(0, config.home().recentChanges())
                .list();
        // An entity created and deleted since is named without a link.
        Set<String> existing =
                queries.existing(changes.stream().map(h -> h.entityRef).toList());
        List<Recent> recent = changes.stream()
                .map(h -> new Recent(
                        EntityRef.ofCanonical(h.entityRef),
                        h.action,
                        h.actor,
                        TemplateExtensions.when(h.at),
                        existing.contains(h.entityRef)))
                .toList();
        return Templates.home(
                total,
                facets.get("kind"),
                facets.get("spec.type").stream()
                        .limit(config.home().typesShown())
                        .toList(),
                pipelines.page("delivery", false, 0, 0).total(),
                pipelines.page("data", false, 0, 0).total(),
                spof.total(),
                risky,
                recent,
                currentUser.isEditor());
    }
}
