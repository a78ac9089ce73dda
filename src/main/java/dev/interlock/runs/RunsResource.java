package dev.interlock.runs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.errors.Echo;
import dev.interlock.pipeline.PipelinePolicy;
import dev.interlock.runs.derive.Health;
import dev.interlock.runs.derive.HealthService;
import dev.interlock.runs.ingest.BadRunEvent;

/**
 * The runs API: a pipeline's health and runs, every pipeline's health (filtered, paged), and the jobs no pipeline
 * claims. Reading needs a catalog role, as the rest of the API.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    /** A page of a pipeline's runs, newest first. */
    public record RunsPage(List<Health.RunView> items, PageInfo pageInfo) {}

    /** A page of pipelines' health. */
    public record HealthPage(List<Health> items, int totalItems, PageInfo pageInfo) {}

    /** The cursor of the next page; {@code null} on the last. */
    public record PageInfo(String nextCursor) {}

    /** A page of the jobs no pipeline claims, most recently seen first. */
    public record UnboundPage(List<UnboundJobs.Job> items, int totalItems, PageInfo pageInfo) {}

    @Inject
    dev.interlock.runs.derive.RunViews runViews;

    @Inject
    RunsConfig config;

    @Inject
    HealthService health;

    @Inject
    HealthSelection selection;

    @Inject
    RunStore store;

    @Inject
    UnboundJobs unbound;

    @Inject
    dev.interlock.runs.bind.PipelineDirectory directory;

    @Inject
    dev.interlock.runs.derive.ScheduledJobs jobs;

    @GET
    @Path("pipelines/{namespace}/{name}/health")
    public Health health(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        String ref = ref(namespace, name);
        return health.health(ref)
                .orElseThrow(() -> new NotFoundException("There is no pipeline " + ref + " in the catalog."));
    }

    @GET
    @Path("pipelines/{namespace}/{name}/runs")
    public RunsPage runs(
            @PathParam("namespace") String namespace,
            @PathParam("name") String name,
            @QueryParam("state") List<String> state,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        String ref = ref(namespace, name);
        // The request is checked whole before anything is done: a refused one stores no missed run. States come as a
        // list (state=failed,missed) or repeated (state=failed&state=missed), or both; an empty one (state=) asks for
        // none in particular, as an empty status= does.
        Set<RunState> wanted =
                states(String.join(",", state.stream().filter(s -> !s.isBlank()).toList()));
        int n = limit(limit);
        Instant beforeTime = null;
        long beforeId = Long.MAX_VALUE;
        if (cursor != null && !cursor.isBlank()) {
            RunCursor c = RunCursor.read(cursor)
                    .orElseThrow(() -> new BadRunEvent("cursor", "\"cursor\" is not a cursor this API gave out"));
            beforeTime = c.before();
            beforeId = c.beforeId();
        }
        var pipeline = directory
                .current()
                .get(ref)
                .orElseThrow(() -> new NotFoundException("There is no pipeline " + ref + " in the catalog."));
        if (jobs.storeMissedRuns(pipeline, Instant.now()) > 0) {
            health.invalidate(List.of(ref));
        }
        List<Run> page = store.page(ref, wanted, beforeTime, beforeId, n + 1);
        List<Health.RunView> items =
                runViews.of(pipeline, page.stream().limit(n).toList());
        String next = null;
        if (page.size() > n) {
            next = RunCursor.after(page.get(n - 1));
        }
        return new RunsPage(items, new PageInfo(next));
    }

    @GET
    @Path("pipelines/health")
    public HealthPage all(
            @QueryParam("status") List<String> statusList,
            @QueryParam("owner") String owner,
            @QueryParam("family") String family,
            @QueryParam("production") String production,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        int n = limit(limit);
        EntityRef team =
                owner == null || owner.isBlank() ? null : EntityRef.ofCanonical(parseRef(owner, "group", "owner"));
        // Statuses come as a list (status=failing,late) or repeated (status=failing&status=late), as a runs page's
        // states; an empty one (status=) asks for none in particular.
        Set<String> statuses = new LinkedHashSet<>();
        for (String given : statusList) {
            if (given.isBlank()) {
                continue;
            }
            for (String s : given.split(",", -1)) {
                if (!Health.STATUSES.contains(s)) {
                    throw new BadRunEvent(
                            "status",
                            "\"status\" must be one or more of " + String.join(", ", Health.STATUSES) + ", found "
                                    + Echo.quoted(s));
                }
                statuses.add(s);
            }
        }
        if (family != null && !family.isBlank() && !PipelinePolicy.FAMILIES.contains(family)) {
            throw new BadRunEvent("family", "\"family\" must be data or delivery");
        }
        if (production != null
                && !production.isBlank()
                && !production.equalsIgnoreCase("true")
                && !production.equalsIgnoreCase("false")) {
            throw new BadRunEvent(
                    "production", "\"production\" must be true or false, found " + Echo.quoted(production));
        }
        String after = cursor == null || cursor.isBlank() ? null : decode(cursor);
        // Every pipeline the filters match, on every page: the total does not shrink as a client pages on.
        List<HealthService.PipelineStatus> matching = selection
                .of(family == null || family.isBlank() ? null : family, team, "true".equalsIgnoreCase(production))
                .withStatus(statuses);
        List<String> rest = matching.stream()
                .map(s -> s.pipeline().ref())
                .filter(ref -> after == null || ref.compareTo(after) > 0)
                .toList();
        List<Health> items =
                List.copyOf(health.of(rest.subList(0, Math.min(n, rest.size()))).values());
        String next = rest.size() > n
                ? Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(rest.get(n - 1).getBytes(StandardCharsets.UTF_8))
                : null;
        return new HealthPage(items, matching.size(), new PageInfo(next));
    }

    @GET
    @Path("runs/unbound")
    public UnboundPage unbound(
            @QueryParam("q") String search, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int n = limit(limit);
        UnboundJobs.Page page = unbound.page(search, cursor == null || cursor.isBlank() ? null : cursor, n)
                .orElseThrow(() -> new BadRunEvent("cursor", "\"cursor\" is not a cursor this API gave out"));
        return new UnboundPage(page.items(), page.totalItems(), new PageInfo(page.nextCursor()));
    }

    /** The states a runs page is filtered by: a comma-separated list of state words, none for every state. */
    private static Set<RunState> states(String text) {
        try {
            return RunState.list(text);
        } catch (IllegalArgumentException e) {
            throw new BadRunEvent("state", e.getMessage());
        }
    }

    /** The pipeline a health page's cursor ends after: a canonical reference, as {@link #all} gives it out. */
    private static String decode(String cursor) {
        try {
            String ref = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (EntityRef.isCanonical(ref)) {
                return ref;
            }
        } catch (IllegalArgumentException e) {
            // not Base64: refused below
        }
        throw new BadRunEvent("cursor", "\"cursor\" is not a cursor this API gave out");
    }

    private int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return config.pageDefaultLimit();
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= config.pageMaxLimit()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new BadRunEvent("limit", "\"limit\" must be a whole number from 1 to " + config.pageMaxLimit());
    }

    private static String ref(String namespace, String name) {
        return parseRef("component:" + namespace + "/" + name, "component", "name");
    }

    private static String parseRef(String text, String kind, String field) {
        try {
            return EntityRef.parse(text, kind, null).toString();
        } catch (IllegalArgumentException e) {
            throw new BadRunEvent(field, e.getMessage());
        }
    }
}
