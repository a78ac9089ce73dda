package dev.interlock.web;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.pipeline.PipelineCriteria;
import dev.interlock.pipeline.PipelineQueries;
import dev.interlock.runs.derive.Health;
import dev.interlock.scorecard.HeadlineLevels;

/**
 * CI/CD and GTM data pipelines side by side ({@code /pipelines}), with a filter for the ones that would not
 * survive the loss of one person.
 */
@Path("/pipelines")
@Produces(MediaType.TEXT_HTML)
public class PipelinesPage {

    /**
     * What the page shows; all of it is in the URL.
     *
     * @param reason one single-point-of-failure reason to filter by ({@link PipelineCriteria#REASONS}), or null
     * @param production only pipelines in production
     * @param sort the column sorted by ({@link PipelineCriteria#SORTS})
     * @param desc whether the order is reversed
     */
    public record Filter(
            String family, boolean spof, int page, String reason, boolean production, String sort, boolean desc) {

        public Filter(String family, boolean spof, int page) {
            this(family, spof, page, null, false, "name", false);
        }

        public String url(String newFamily, boolean newSpof, int newPage) {
            return url(newFamily, newSpof, newPage, reason, production, sort, desc);
        }

        private static String url(
                String family, boolean spof, int page, String reason, boolean production, String sort, boolean desc) {
            StringBuilder url = new StringBuilder("/pipelines?");
            if (family != null) {
                url.append("family=").append(family).append('&');
            }
            if (spof) {
                url.append("spof=true&");
            }
            if (reason != null) {
                url.append("reason=").append(reason).append('&');
            }
            if (production) {
                url.append("production=true&");
            }
            if (sort != null && !"name".equals(sort)) {
                url.append("sort=").append(sort).append('&');
            }
            if (desc) {
                url.append("dir=desc&");
            }
            if (page > 1) {
                url.append("page=").append(page).append('&');
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

        /** Only the pipelines with this reason, or all again when it is the one chosen. */
        public String toggleReason(String key) {
            return url(family, spof, 1, key.equals(reason) ? null : key, production, sort, desc);
        }

        /** The link for a reason shown in a row. */
        public String reasonUrl(dev.interlock.pipeline.SinglePointsOfFailure.Reason r) {
            return toggleReason(PipelineCriteria.keyOf(r));
        }

        public String toggleProduction() {
            return url(family, spof, 1, reason, !production, sort, desc);
        }

        /** Sorted by a column; ascending first, then the other way. */
        public String sortBy(String column) {
            return url(family, spof, 1, reason, production, column, column.equals(sort) && !desc);
        }

        /** The aria-sort value of a column header. */
        public String ariaSort(String column) {
            return column.equals(sort) ? desc ? "descending" : "ascending" : "none";
        }

        PipelineCriteria criteria() {
            return new PipelineCriteria(family, spof, reason, production, sort, desc);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance pipelines(
                Filter filter,
                List<EntityView> pipelines,
                long total,
                int pages,
                dev.interlock.scorecard.HeadlineLevels levels);

        static native TemplateInstance pipelines$table(
                Filter filter,
                List<EntityView> pipelines,
                long total,
                int pages,
                dev.interlock.scorecard.HeadlineLevels levels);
    }

    @Inject
    PipelineQueries pipelineQueries;

    @Inject
    WebConfig config;

    @Inject
    dev.interlock.runs.derive.HealthService health;

    @Inject
    EntityViews views;

    @Inject
    dev.interlock.scorecard.ScorecardService scorecards;

    @GET
    public TemplateInstance pipelines(
            @QueryParam("family") String family,
            @QueryParam("spof") String spof,
            @QueryParam("page") String page,
            @HeaderParam("HX-Target") String htmxTarget,
            @QueryParam("reason") String reason,
            @QueryParam("production") String production,
            @QueryParam("sort") String sort,
            @QueryParam("dir") String dir) {
        int number = parsePage(page);
        PipelineCriteria criteria = new PipelineCriteria(
                family, "true".equals(spof), reason, "true".equals(production), sort, "desc".equals(dir));
        Filter filter = new Filter(
                criteria.family(),
                criteria.spof(),
                number,
                criteria.reason(),
                criteria.production(),
                criteria.sort(),
                criteria.descending());
        int size = config.pipelines().pageSize();
        PipelineQueries.Page found = criteria.sortedByQuery()
                ? pipelineQueries.page(criteria, (number - 1) * size, size)
                : byRank(criteria, (number - 1) * size, size);
        List<EntityView> items =
                views.byRefs(found.refs().stream().map(EntityRef::ofCanonical).toList());
        int pages = (int) Math.max(1, (found.total() + size - 1) / size);
        dev.interlock.scorecard.HeadlineLevels levels = scorecards.headline(found.refs());
        // The Health column: the page's pipelines and their upstream read in one query, not one per row.
        health.warm(found.refs());
        return "pipelines".equals(htmxTarget)
                ? Templates.pipelines$table(filter, items, found.total(), pages, levels)
                : Templates.pipelines(filter, items, found.total(), pages, levels);
    }

    /**
     * A page of the pipelines in the order of their health (worst first, as {@link Health#STATUSES}) or of their
     * headline level (no level first, as {@link HeadlineLevels#rank}), by name within each; reversed on the second
     * click, except that pipelines with no health known yet or not scored stay last either way, as the catalog's level
     * sort keeps unscored entities. Both come from runs and scores, so the whole list is ranked here rather than by the
     * query.
     */
    private PipelineQueries.Page byRank(PipelineCriteria criteria, int offset, int limit) {
        List<String> all =
                pipelineQueries.page(criteria.byName(), 0, Integer.MAX_VALUE).refs();
        ToIntFunction<String> rank;
        int last;
        if (criteria.sort().equals("health")) {
            Map<String, String> status = new HashMap<>();
            health.statuses().forEach(s -> status.put(s.pipeline().ref(), s.status()));
            last = Health.rank("unknown");
            rank = ref -> Health.rank(status.get(ref));
        } else {
            HeadlineLevels levels = scorecards.headline(all);
            last = levels.levels().size();
            rank = levels::rank;
        }
        Comparator<String> byRank = Comparator.comparingInt(rank);
        Comparator<String> order = Comparator.<String>comparingInt(ref -> rank.applyAsInt(ref) >= last ? 1 : 0)
                .thenComparing(criteria.descending() ? byRank.reversed() : byRank);
        // A stable sort: names stay in order within a rank either way round.
        List<String> sorted = all.stream().sorted(order).toList();
        int from = Math.min(Math.max(0, offset), sorted.size());
        return new PipelineQueries.Page(
                List.copyOf(sorted.subList(from, Math.min(sorted.size(), from + limit))), sorted.size());
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
