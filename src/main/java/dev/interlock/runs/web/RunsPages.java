package dev.interlock.runs.web;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.runs.Run;
import dev.interlock.runs.RunCursor;
import dev.interlock.runs.RunState;
import dev.interlock.runs.RunStore;
import dev.interlock.runs.UnboundJobs;
import dev.interlock.runs.bind.PipelineDirectory;
import dev.interlock.runs.derive.Health;
import dev.interlock.runs.derive.HealthService;
import dev.interlock.runs.derive.ScheduledJobs;

/**
 * Pages of runs: pipelines by health, filtered by status, family, team and lifecycle ({@code /runs}, {@link
 * HealthFilter}), one pipeline's runs paged
 * ({@code /runs/{namespace}/{name}}), and the jobs no pipeline claims ({@code /runs/unbound}) with a YAML snippet that
 * opens in /register.
 */
@Path("/runs")
@Produces(MediaType.TEXT_HTML)
public class RunsPages {

    static final List<String> STATUSES = Health.STATUSES;
    static final int PAGE = 50;

    /** One state filter link of a pipeline's runs; several are chosen when the address names several states. */
    public record StateLink(String word, String href, boolean chosen) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(HealthOverview.View view);

        static native TemplateInstance runs(
                HealthView health, List<RunRow> runs, boolean all, String next, List<StateLink> states);

        static native TemplateInstance unbound(UnboundJobs.Page page, String q, String next);
    }

    @Inject
    dev.interlock.runs.derive.RunViews runViews;

    @Inject
    HealthService health;

    @Inject
    RunStore store;

    @Inject
    UnboundJobs unbound;

    @Inject
    PipelineDirectory directory;

    @Inject
    ScheduledJobs jobs;

    @Inject
    HealthOverview overview;

    @GET
    public TemplateInstance overview(
            @QueryParam("status") String status,
            @QueryParam("family") String family,
            @QueryParam("team") String team,
            @QueryParam("production") String production,
            @QueryParam("page") String page) {
        return Templates.overview(overview.of(status, family, team, production, page));
    }

    @GET
    @Path("unbound")
    public TemplateInstance unbound(@QueryParam("q") String q, @QueryParam("cursor") String cursor) {
        String search = q == null ? "" : q.strip();
        // A cursor this page did not write shows the first page, as a pipeline's runs do.
        UnboundJobs.Page page = unbound.page(search, cursor, PAGE)
                .or(() -> unbound.page(search, null, PAGE))
                .orElseThrow();
        String next = page.nextCursor() == null
                ? null
                : "/runs/unbound?"
                        + (search.isEmpty()
                                ? ""
                                : "q=" + java.net.URLEncoder.encode(search, java.nio.charset.StandardCharsets.UTF_8)
                                        + "&")
                        + "cursor=" + page.nextCursor();
        return Templates.unbound(page, search, next);
    }

    @GET
    @Path("{namespace}/{name}")
    public TemplateInstance runs(
            @PathParam("namespace") String namespace,
            @PathParam("name") String name,
            @QueryParam("state") String state,
            @QueryParam("cursor") String cursor) {
        String ref = new EntityRef("component", namespace, name).toString();
        var pipeline = directory
                .current()
                .get(ref)
                .orElseThrow(() -> new NotFoundException("There is no pipeline " + ref + " in the catalog."));
        if (jobs.storeMissedRuns(pipeline, java.time.Instant.now()) > 0) {
            health.invalidate(List.of(ref));
        }
        // Words that are no state show every run, as a cursor this page did not write shows the first page.
        Set<RunState> wanted;
        try {
            wanted = RunState.list(state);
        } catch (IllegalArgumentException e) {
            wanted = Set.of();
        }
        String chosen = wanted.isEmpty()
                ? null
                : String.join(",", wanted.stream().map(RunState::word).toList());
        java.time.Instant before = null;
        long beforeId = Long.MAX_VALUE;
        // A cursor this page did not write shows the first page.
        Optional<RunCursor> at = cursor == null ? Optional.empty() : RunCursor.read(cursor);
        if (at.isPresent()) {
            before = at.get().before();
            beforeId = at.get().beforeId();
        }
        List<Run> page = store.page(ref, wanted, before, beforeId, PAGE + 1);
        String next = null;
        if (page.size() > PAGE) {
            Run last = page.get(PAGE - 1);
            next = "/runs/" + namespace + "/" + name + "?" + (chosen == null ? "" : "state=" + chosen + "&") + "cursor="
                    + RunCursor.after(last);
        }
        HealthView view = HealthView.of(health.health(ref).orElseThrow(), List.of());
        Set<RunState> shown = wanted;
        List<StateLink> states = java.util.Arrays.stream(RunState.values())
                .map(s -> new StateLink(
                        s.word(), "/runs/" + namespace + "/" + name + "?state=" + s.word(), shown.contains(s)))
                .toList();
        List<RunRow> rows = runViews.of(pipeline, page.stream().limit(PAGE).toList()).stream()
                .map(RunRow::of)
                .toList();
        return Templates.runs(view, rows, chosen == null, next, states);
    }
}
