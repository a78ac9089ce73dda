package dev.interlock.runs.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.catalog.ImpactAnalysis;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.runs.derive.Health;
import dev.interlock.runs.derive.HealthService;

/** What is failing or late right now, and the blast radius of each (everything downstream, from impact analysis). */
@ApplicationScoped
@io.quarkus.arc.Unremovable
public class NowQueries {

    static final int SHOWN = 8;
    static final int IMPACT_LIMIT = 300;

    @Inject
    HealthService health;

    @Inject
    ImpactAnalysis impact;

    public List<NowView> now() {
        List<String> bad = health.statuses().stream()
                .filter(s -> s.status().equals("failing") || s.status().equals("late"))
                .sorted(Comparator.comparing(
                                (HealthService.PipelineStatus s) -> s.status().equals("failing") ? 0 : 1)
                        .thenComparing(s -> s.pipeline().ref()))
                .limit(SHOWN)
                .map(s -> s.pipeline().ref())
                .toList();
        List<NowView> out = new ArrayList<>();
        for (Health h : health.of(bad).values()) {
            EntityRef ref = EntityRef.ofCanonical(h.entityRef());
            ImpactAnalysis.Impact downstream = impact.downstream(ref, IMPACT_LIMIT);
            List<HealthView.Link> pipelines = downstream.items().stream()
                    .filter(i -> i.resolved()
                            && i.ref().kind().equals("component")
                            && health.own(i.ref().toString()) != null)
                    .map(i -> {
                        String s = RunsTemplateExtensions.status(i.ref().toString());
                        return new HealthView.Link(
                                HealthView.href(i.ref()), i.ref().name(), s, HealthView.word(s), null);
                    })
                    .toList();
            out.add(new NowView(
                    HealthView.of(h, List.of()),
                    downstream.items().size(),
                    pipelines,
                    HealthView.href(ref) + "/impact"));
        }
        return out;
    }
}
