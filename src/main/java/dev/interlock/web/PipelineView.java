package dev.interlock.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.model.PipelineSpec;
import dev.interlock.pipeline.SinglePointsOfFailure;
import dev.interlock.validation.Formats;

/**
 * A pipeline's {@code spec.pipeline} block as pages show it. URLs are kept only when they are http(s); references
 * know whether their target is in the catalog. {@code soleRestorer} is the one person who alone restored its failures
 * of the last 90 days, as its runs tell, or {@code null}.
 */
public record PipelineView(
        String family,
        String platform,
        String url,
        String runsAs,
        String source,
        String schedule,
        String timezone,
        List<EntityView.RefView> after,
        List<String> events,
        List<EntityView.RefView> inputs,
        List<EntityView.RefView> outputs,
        List<EntityView.RefView> maintainers,
        String runbook,
        String oncall,
        String oncallUrl,
        String freshness,
        String successRate,
        String maxDuration,
        List<PipelineSpec.Check> checks,
        List<SinglePointsOfFailure.Reason> singlePointsOfFailure,
        EntityRef soleRestorer) {

    /** The reference fields of the block a page shows, as {@link Entity#refs(String)} names them. */
    static final List<String> REF_FIELDS =
            List.of("pipeline.trigger.after", "pipeline.inputs", "pipeline.outputs", "pipeline.maintainers");

    /** The time zone of the schedule's times: the one declared, or UTC, as the schedule is read when none is. */
    public String scheduleZone() {
        if (timezone == null || timezone.isBlank()) {
            return "UTC";
        }
        try {
            // Registration refuses a bad time zone; one registered before that check is read as UTC (PipelineBodies).
            return java.time.ZoneId.of(timezone).getId();
        } catch (java.time.DateTimeException e) {
            return "UTC";
        }
    }

    /** The SLOs in words, separated by semicolons ("fresh within 6h; success rate ≥ 0.95"), or "none". */
    public String slos() {
        List<String> parts = new ArrayList<>();
        if (freshness != null && !freshness.isBlank()) {
            parts.add("fresh within " + freshness);
        }
        if (successRate != null && !successRate.isBlank()) {
            parts.add("success rate ≥ " + successRate);
        }
        if (maxDuration != null && !maxDuration.isBlank()) {
            parts.add("runs under " + maxDuration);
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    /** Whether the pipeline would survive the loss of one person, as far as its descriptor and its runs tell. */
    public boolean isSurvivable() {
        return singlePointsOfFailure.isEmpty();
    }

    /**
     * The view of a pipeline's block.
     *
     * @param p the block
     * @param entity the pipeline, which parses the block's references with their fields' default kinds
     * @param existing canonical references known to be in the catalog
     * @param soleRestorer the one person who alone restored its failures, as its runs tell, or {@code null}
     */
    static PipelineView of(PipelineSpec p, Entity entity, Set<String> existing, EntityRef soleRestorer) {
        List<EntityView.RefView> maintainers = refs(entity, "pipeline.maintainers", existing);
        return new PipelineView(
                p.family(),
                p.platform(),
                http(p.url()),
                p.runsAs(),
                http(p.source()),
                p.trigger().schedule(),
                p.trigger().timezone(),
                refs(entity, "pipeline.trigger.after", existing),
                p.trigger().events(),
                refs(entity, "pipeline.inputs", existing),
                refs(entity, "pipeline.outputs", existing),
                maintainers,
                http(p.runbook()),
                p.oncall(),
                http(p.oncall()),
                p.slo().freshness(),
                p.slo().successRate(),
                p.slo().maxDuration(),
                p.checks(),
                SinglePointsOfFailure.of(
                        p,
                        maintainers.stream()
                                .filter(EntityView.RefView::resolved)
                                .map(EntityView.RefView::ref)
                                .distinct()
                                .count(),
                        soleRestorer != null),
                soleRestorer);
    }

    private static String http(String value) {
        return Formats.isHttpUrl(value) ? value : "";
    }

    private static List<EntityView.RefView> refs(Entity entity, String field, Set<String> existing) {
        return entity.refs(field).stream()
                .map(r -> EntityView.RefView.of(r, existing))
                .toList();
    }
}
