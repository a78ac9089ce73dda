package dev.interlock.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.pipeline.SinglePointsOfFailure;
import dev.interlock.validation.Formats;

/**
 * A pipeline's {@code spec.pipeline} block as pages show it. URLs are kept only when they are http(s); references
 * know whether their target is in the catalog.
 */
public record PipelineView(String family, String platform, String url, String runsAs, String source,
        String schedule, List<EntityView.RefView> after, List<String> events, List<EntityView.RefView> inputs,
        List<EntityView.RefView> outputs, List<EntityView.RefView> maintainers, String runbook, String oncall,
        String oncallUrl, String freshness, String successRate, String maxDuration, List<Check> checks,
        List<SinglePointsOfFailure.Reason> singlePointsOfFailure) {

    /** A test or data-quality check the pipeline runs. */
    public record Check(String name, String type) {
    }

    /** Whether the pipeline would survive the loss of one person, as far as its descriptor tells. */
    public boolean isSurvivable() {
        return singlePointsOfFailure.isEmpty();
    }

    static PipelineView of(Map<String, Object> p, Set<String> existing, String namespace) {
        Map<String, Object> trigger = EntityView.map(p.get("trigger"));
        Map<String, Object> slo = EntityView.map(p.get("slo"));
        String oncall = EntityView.text(p.get("oncall"), "");
        return new PipelineView(EntityView.text(p.get("family"), ""), EntityView.text(p.get("platform"), ""),
                http(p.get("url")), EntityView.text(p.get("runsAs"), ""), http(p.get("source")),
                EntityView.text(trigger.get("schedule"), ""), refs(trigger.get("after"), "component", existing, namespace),
                EntityView.list(trigger.get("events")).stream().map(String::valueOf).toList(),
                refs(p.get("inputs"), "resource", existing, namespace), refs(p.get("outputs"), "resource", existing, namespace),
                refs(p.get("maintainers"), "user", existing, namespace), http(p.get("runbook")), oncall,
                Formats.isHttpUrl(oncall) ? oncall : "", EntityView.text(slo.get("freshness"), ""),
                EntityView.text(slo.get("successRate"), ""), EntityView.text(slo.get("maxDuration"), ""),
                EntityView.list(p.get("checks")).stream().map(EntityView::map)
                        .map(c -> new Check(EntityView.text(c.get("name"), ""), EntityView.text(c.get("type"), "")))
                        .toList(),
                SinglePointsOfFailure.of(p));
    }

    private static String http(Object value) {
        return value instanceof String s && Formats.isHttpUrl(s) ? s : "";
    }

    private static List<EntityView.RefView> refs(Object value, String defaultKind, Set<String> existing,
            String namespace) {
        return EntityView.list(value).stream().map(String::valueOf).map(r -> {
            EntityRef ref = EntityRef.parse(r, defaultKind, namespace);
            return new EntityView.RefView(ref, existing.contains(ref.toString()));
        }).toList();
    }
}
