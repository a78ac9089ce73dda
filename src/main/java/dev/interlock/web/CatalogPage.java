package dev.interlock.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.interlock.catalog.CatalogEntity;
import dev.interlock.catalog.CatalogQueries;
import dev.interlock.catalog.EntityHistory;
import dev.interlock.catalog.ImpactAnalysis;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationType;
import dev.interlock.scorecard.HeadlineLevels;
import dev.interlock.scorecard.Scorecard;
import dev.interlock.scorecard.ScorecardService;

/**
 * The catalog in the browser: search and browse everything ({@code /catalog}), and one entity's page with its
 * relations, graph, source and history ({@code /catalog/{namespace}/{kind}/{name}}); teams get a team page.
 */
@Path("/catalog")
@Produces(MediaType.TEXT_HTML)
public class CatalogPage {

    /** One value of a facet, with the link that chooses or un-chooses it. */
    public record FacetValue(String label, long count, boolean chosen, String url) {}

    /** A facet with its values. */
    public record FacetView(String name, String label, List<FacetValue> values) {}

    /** A page of results, with each entity's level on the headline scorecard. */
    public record Results(List<EntityView> items, long total, int page, int pages, HeadlineLevels levels) {

        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages;
        }
    }

    /** A change in an entity's history, for the page. */
    public record Change(String action, String actor, String when, long generation, List<String> fields) {}

    /** A maintainer of a pipeline and the teams they are in. */
    public record Maintainer(EntityView.RefView user, List<EntityView.RefView> teams) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(CatalogSearch search, List<FacetView> facets, Results results);

        static native TemplateInstance list$results(CatalogSearch search, List<FacetView> facets, Results results);

        static native TemplateInstance entity(
                EntityView entity,
                String tab,
                String graph,
                String flow,
                CatalogEntity stored,
                List<Change> history,
                List<Maintainer> maintainers,
                List<ScoreView> scores);

        static native TemplateInstance entity$tab(
                EntityView entity,
                String tab,
                String graph,
                String flow,
                CatalogEntity stored,
                List<Change> history,
                List<Maintainer> maintainers,
                List<ScoreView> scores);

        static native TemplateInstance group(
                EntityView entity,
                List<EntityView> members,
                List<EntityView> owned,
                String graph,
                HeadlineLevels levels);

        static native TemplateInstance impact(
                EntityView entity, ImpactAnalysis.Impact impact, List<ImpactAnalysis.Owner> owners);
    }

    private static final Map<String, String> FACET_LABELS = Map.of(
            "kind",
            "Kind",
            "type",
            "Type",
            "owner",
            "Owner",
            "lifecycle",
            "Lifecycle",
            "namespace",
            "Namespace",
            "tag",
            "Tag",
            "orphan",
            "Orphan (no location produces it)");

    @Inject
    CatalogQueries queries;

    @Inject
    EntityViews views;

    @Inject
    ImpactAnalysis impactAnalysis;

    @Inject
    ScorecardService scorecards;

    @Inject
    Graphs graphs;

    @Inject
    WebConfig config;

    @GET
    public TemplateInstance list(
            @QueryParam("q") String q,
            @QueryParam("sort") String sort,
            @QueryParam("dir") String dir,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Context UriInfo uri,
            @HeaderParam("HX-Target") String htmxTarget) {
        CatalogSearch search = CatalogSearch.of(q, uri.getQueryParameters(), sort, dir, page, size, config.catalog());
        CatalogQueries.Page found =
                queries.page(search.query(scorecards.headline(List.of())), search.offset(), search.size());
        int pages = (int) Math.max(1, (found.totalItems() + search.size() - 1) / search.size());
        List<EntityView> items = views.views(found.items());
        Results results = new Results(
                items,
                found.totalItems(),
                search.page(),
                pages,
                scorecards.headline(items.stream().map(e -> e.ref().toString()).toList()));
        List<FacetView> facets = facets(search);
        return "catalog-results".equals(htmxTarget)
                ? Templates.list$results(search, facets, results)
                : Templates.list(search, facets, results);
    }

    @GET
    @Path("{namespace}/{kind}/{name}")
    public TemplateInstance entity(
            @PathParam("namespace") String namespace,
            @PathParam("kind") String kind,
            @PathParam("name") String name,
            @QueryParam("tab") String tabParam,
            @HeaderParam("HX-Target") String htmxTarget) {
        EntityRef ref = new EntityRef(kind, namespace, name);
        EntityView entity =
                views.byRef(ref).orElseThrow(() -> new NotFoundException("There is no " + ref + " in the catalog."));
        if (ref.kind().equals("group")) {
            return group(entity);
        }
        String tab = "source".equals(tabParam)
                        || "history".equals(tabParam)
                        || "runs".equals(tabParam) && entity.isPipeline()
                ? tabParam
                : "overview";
        CatalogEntity stored = CatalogEntity.find("entityRef", ref.toString()).firstResult();
        List<Change> history = tab.equals("history") ? history(ref) : List.of();
        String graph = tab.equals("overview") ? graphs.neighbourhood(entity) : "";
        String flow = tab.equals("overview") && entity.isPipeline() ? graphs.flow(entity) : "";
        List<Maintainer> teams = entity.isPipeline() ? maintainers(entity) : List.of();
        List<ScoreView> scores = tab.equals("overview")
                ? ScoreView.of(scorecards.results(null, ref.toString()), byRef(scorecards.scorecards()), entity)
                : List.of();
        return "tab".equals(htmxTarget)
                ? Templates.entity$tab(entity, tab, graph, flow, stored, history, teams, scores)
                : Templates.entity(entity, tab, graph, flow, stored, history, teams, scores);
    }

    /** Everything downstream of an entity, transitively, with the owners to notify. */
    @GET
    @Path("{namespace}/{kind}/{name}/impact")
    public TemplateInstance impact(
            @PathParam("namespace") String namespace, @PathParam("kind") String kind, @PathParam("name") String name) {
        EntityRef ref = new EntityRef(kind, namespace, name);
        EntityView entity =
                views.byRef(ref).orElseThrow(() -> new NotFoundException("There is no " + ref + " in the catalog."));
        ImpactAnalysis.Impact impact =
                impactAnalysis.downstream(ref, config.catalog().impactLimit());
        return Templates.impact(entity, impact, impactAnalysis.ownersToNotify(impact));
    }

    private TemplateInstance group(EntityView group) {
        List<EntityView> members = related(group, RelationType.HAS_MEMBER);
        List<EntityView> owned = related(group, RelationType.OWNER_OF);
        return Templates.group(
                group,
                members,
                owned,
                graphs.neighbourhood(group),
                levels(owned.stream().map(e -> e.ref().toString()).toList()));
    }

    static Map<String, Scorecard> byRef(List<Scorecard> all) {
        Map<String, Scorecard> out = new java.util.LinkedHashMap<>();
        all.forEach(s -> out.put(s.ref().toString(), s));
        return out;
    }

    /** Each entity's level on the headline scorecard. */
    private HeadlineLevels levels(List<String> refs) {
        return scorecards.headline(refs);
    }

    private List<EntityView> related(EntityView entity, RelationType type) {
        List<EntityRef> refs = entity.related(type).stream()
                .filter(EntityView.RefView::resolved)
                .map(EntityView.RefView::ref)
                .limit(config.catalog().groupLimit())
                .toList();
        return views.byRefs(refs);
    }

    /** The teams each maintainer belongs to: a pipeline kept alive by two people of one team is still fragile. */
    private List<Maintainer> maintainers(EntityView pipeline) {
        List<EntityView.RefView> maintainers = pipeline.pipeline().maintainers();
        Map<EntityRef, EntityView> users = new HashMap<>();
        views.byRefs(maintainers.stream().map(EntityView.RefView::ref).toList()).forEach(u -> users.put(u.ref(), u));
        List<Maintainer> out = new ArrayList<>();
        for (EntityView.RefView maintainer : maintainers) {
            EntityView user = users.get(maintainer.ref());
            out.add(new Maintainer(maintainer, user == null ? List.of() : user.related(RelationType.MEMBER_OF)));
        }
        return out;
    }

    private List<Change> history(EntityRef ref) {
        return EntityHistory.forRef(ref.toString(), config.catalog().historyLimit()).stream()
                .map(h -> new Change(
                        h.action,
                        h.actor,
                        TemplateExtensions.when(h.at),
                        h.generation,
                        h.changedFields == null ? List.of() : List.of(h.changedFields.split(","))))
                .toList();
    }

    private List<FacetView> facets(CatalogSearch search) {
        // A facet counts over the query without its own choice; facets with the same query are counted together.
        Map<CatalogQueries.Query, List<String>> byQuery = new java.util.LinkedHashMap<>();
        CatalogSearch.FACETS.forEach(
                (facet, key) -> byQuery.computeIfAbsent(search.query(facet), q -> new ArrayList<>())
                        .add(key));
        Map<String, List<CatalogQueries.FacetCount>> all = new HashMap<>();
        byQuery.forEach((query, keys) -> all.putAll(queries.facets(keys, query)));
        List<FacetView> out = new ArrayList<>();
        CatalogSearch.FACETS.forEach((facet, key) -> {
            List<CatalogQueries.FacetCount> counts = all.get(key);
            List<FacetValue> values = new ArrayList<>();
            for (CatalogQueries.FacetCount c : counts) {
                boolean chosen = search.isChosen(facet, c.value());
                if (values.size() < config.catalog().facetValues() || chosen) {
                    values.add(new FacetValue(
                            facetLabel(facet, c.value()), c.count(), chosen, search.toggle(facet, c.value())));
                }
            }
            if (!values.isEmpty()) {
                out.add(new FacetView(facet, FACET_LABELS.get(facet), values));
            }
        });
        return out;
    }

    private static String facetLabel(String facet, String value) {
        return facet.equals("owner") ? TemplateExtensions.display(EntityRef.ofCanonical(value)) : value;
    }
}
