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
        List<Health> bad = health.all().values().stream()
                .filter(h -> h.status().equals("failing") || h.status().equals("late"))
                .sorted(Comparator.comparing((Health h) -> h.status().equals("failing") ? 0 : 1)
                        .thenComparing(Health::entityRef))
                .limit(SHOWN).toList();
        List<NowView> out = new ArrayList<>();
        for (Health h : bad) {
            EntityRef ref = EntityRef.ofCanonical(h.entityRef());
            ImpactAnalysis.Impact downstream = impact.downstream(ref, IMPACT_LIMIT);
            List<HealthView.Link> pipelines = downstream.items().stream()
                    .filter(i -> i.resolved() && i.ref().kind().equals("component")
                            && health.own(i.ref().toString()) != null)
                    .map(i -> {
                        String s = RunsTemplateExtensions.status(i.ref().toString());
                        return new HealthView.Link(HealthView.href(i.ref()), i.ref().name(), s, HealthView.word(s), null);
                    }).toList();
            out.add(new NowView(HealthView.of(h, List.of()), downstream.items().size(), pipelines,
                    HealthView.href(ref) + "/impact"));
        }
        return out;
    }
}
