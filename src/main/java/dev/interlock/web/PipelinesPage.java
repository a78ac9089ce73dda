package dev.interlock.web;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.pipeline.PipelineQueries;

/**
 * CI/CD and GTM data pipelines side by side ({@code /pipelines}), with a filter for the ones that would not
 * survive the loss of one person.
 */
@Path("/pipelines")
@Produces(MediaType.TEXT_HTML)
public class PipelinesPage {

    /** What the page shows; all of it is in the URL. */
    public record Filter(String family, boolean spof, int page) {

        public String url(String newFamily, boolean newSpof, int newPage) {
            StringBuilder url = new StringBuilder("/pipelines?");
            if (newFamily != null) {
                url.append("family=").append(newFamily).append('&');
            }
            if (newSpof) {
                url.append("spof=true&");
            }
            if (newPage > 1) {
                url.append("page=").append(newPage).append('&');
            }
            return url.substring(0, url.length() - 1);
        }

        public String family(String newFamily) {
            return url(newFamily, spof, 1);
        }

        public String toggleSpof() {
            return url(family, !spof, 1);
        }

        public String atPage(int number) {
            return url(family, spof, number);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance pipelines(Filter filter, List<EntityView> pipelines, long total, int pages,
                dev.interlock.scorecard.HeadlineLevels levels);

        static native TemplateInstance pipelines$table(Filter filter, List<EntityView> pipelines, long total,
                int pages, dev.interlock.scorecard.HeadlineLevels levels);
    }

    private static final int PAGE_SIZE = 50;

    @Inject
    PipelineQueries pipelineQueries;

    @Inject
    CatalogQueries queries;

    @Inject
    EntityViews views;

    @Inject
    dev.interlock.scorecard.ScorecardService scorecards;

    @GET
    public TemplateInstance pipelines(@QueryParam("family") String family, @QueryParam("spof") String spof,
            @QueryParam("page") String page, @HeaderParam("HX-Target") String htmxTarget) {
        String fam = "data".equals(family) || "delivery".equals(family) ? family : null;
        int number = parsePage(page);
        Filter filter = new Filter(fam, "true".equals(spof), number);
        PipelineQueries.Page found = pipelineQueries.page(fam, filter.spof(), (number - 1) * PAGE_SIZE, PAGE_SIZE);
        List<EntityView> items = views.views(queries.byRefs(found.refs().stream().map(EntityRef::ofCanonical).toList())
                .stream().filter(e -> e != null).toList());
        int pages = (int) Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        dev.interlock.scorecard.HeadlineLevels levels = scorecards.headline(found.refs());
        return "pipelines".equals(htmxTarget) ? Templates.pipelines$table(filter, items, found.total(), pages, levels)
                : Templates.pipelines(filter, items, found.total(), pages, levels);
    }

    private static int parsePage(String page) {
        try {
            int n = Integer.parseInt(page);
            return n < 1 || n > 1_000_000 ? 1 : n;
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
