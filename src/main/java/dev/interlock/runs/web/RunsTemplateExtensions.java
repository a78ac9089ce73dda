package dev.interlock.runs.web;

import java.util.List;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateExtension;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationType;
import dev.interlock.pipeline.SinglePointsOfFailure;
import dev.interlock.runs.RunStore;
import dev.interlock.runs.bind.ContestedClaims;
import dev.interlock.runs.bind.PipelineDirectory;
import dev.interlock.runs.derive.Health;
import dev.interlock.runs.derive.HealthService;
import dev.interlock.web.EntityView;

/**
 * What the catalog's own pages show of runs, as the {@code runs:} namespace in templates: a pipeline's health panel
 * ({@code runs:panel(ref)}, with the jobs it shares with another pipeline), its status ({@code runs:status(ref)}), what
 * is failing or late now with its blast radius
 * ({@code runs:now}). Kept here so the catalog's pages need only include {@code runs/*} templates.
 */
@TemplateExtension(namespace = "runs")
public final class RunsTemplateExtensions {

    static final int STRIP = 30;

    private RunsTemplateExtensions() {}

    /**
     * The health panel of a pipeline, or {@code null} when it is not one: its health, last runs, and the jobs it
     * shares with other pipelines ({@link ContestedClaims#of}), all read from one snapshot of the pipelines.
     */
    static HealthView panel(String ref) {
        HealthService health = Arc.container().instance(HealthService.class).get();
        PipelineDirectory.Snapshot snapshot =
                Arc.container().instance(PipelineDirectory.class).get().current();
        return health.health(ref, snapshot)
                .map(h -> HealthView.of(
                        h,
                        recent(snapshot.pipelines().get(ref), STRIP),
                        Arc.container().instance(ContestedClaims.class).get().of(snapshot, ref),
                        // Who restored it is linked when they are in the catalog: one query for them all.
                        Arc.container()
                                .instance(CatalogQueries.class)
                                .get()
                                .existing(h.restorers().stream()
                                        .flatMap(r -> SinglePointsOfFailure.restorerRef(r).stream())
                                        .map(EntityRef::toString)
                                        .toList())))
                .orElse(null);
    }

    /** A pipeline's status word for a table cell ({@code unknown} when not a pipeline). */
    static String status(String ref) {
        String status = Arc.container().instance(HealthService.class).get().status(ref);
        return status == null ? "unknown" : status;
    }

    /**
     * Whether a status means the pipeline's data is not fresh now: it failed, is late, or reads from one that did. What
     * is downstream of it is affected now.
     */
    static boolean broken(String status) {
        return status.equals("failing") || status.equals("late") || status.equals("upstream");
    }

    /** The pipeline that makes an impact page's start broken now, with its status. */
    public record BrokenSource(EntityRef ref, String status) {}

    /**
     * Why what is downstream of an entity is affected now, or {@code null} when it is not: a pipeline that is itself
     * failing, late or reading stale data, or, for anything else (a dataset), the first such pipeline that writes it.
     */
    static BrokenSource brokenSource(EntityView entity) {
        List<EntityRef> sources = entity.isPipeline()
                ? List.of(entity.ref())
                : entity.related(RelationType.WRITTEN_BY).stream()
                        .filter(EntityView.RefView::resolved)
                        .map(EntityView.RefView::ref)
                        .toList();
        for (EntityRef source : sources) {
            String status = status(source.toString());
            if (broken(status)) {
                return new BrokenSource(source, status);
            }
        }
        return null;
    }

    /** The status in words. */
    static String word(String status) {
        return HealthView.word(status);
    }

    /** The status symbol. */
    static String symbol(String status) {
        return HealthView.symbol(status);
    }

    /** Pipelines failing or late right now, with what they affect downstream. */
    static List<NowView> now() {
        return Arc.container().instance(NowQueries.class).get().now();
    }

    /** A pipeline's most recent runs, newest first, each saying whether its health counts it. */
    static List<Health.RunView> recent(dev.interlock.runs.bind.PipelineInfo p, int n) {
        RunStore store = Arc.container().instance(RunStore.class).get();
        return store.page(p.ref(), java.util.Set.of(), null, Long.MAX_VALUE, n).stream()
                .map(r -> Health.RunView.of(r, null, p.judges(r)))
                .toList();
    }
}
