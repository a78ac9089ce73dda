package dev.interlock.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.descriptor.RelationType;
import dev.interlock.web.graph.SvgGraph;

/**
 * The pictures of an entity page: its neighbourhood (what it stands on to the left, what stands on it to the
 * right) and, for a pipeline, its flow from inputs to outputs. Arrows read as sentences left to right:
 * "revops ownerOf sync", "sync writesTo hubspot-deal".
 */
@ApplicationScoped
class Graphs {

    /** Relations whose target stands to the left of the entity (the entity depends on, reads or belongs to it). */
    private static final Set<RelationType> UPSTREAM = Set.of(
            RelationType.DEPENDS_ON,
            RelationType.READS_FROM,
            RelationType.CONSUMES_API,
            RelationType.OWNED_BY,
            RelationType.PART_OF,
            RelationType.MAINTAINED_BY,
            RelationType.CHILD_OF,
            RelationType.MEMBER_OF,
            RelationType.WRITTEN_BY,
            RelationType.API_PROVIDED_BY);

    @Inject
    WebConfig config;

    String neighbourhood(EntityView entity) {
        Map<String, SvgGraph.Node> nodes = new LinkedHashMap<>();
        List<SvgGraph.Edge> edges = new ArrayList<>();
        String center = entity.ref().toString();
        nodes.put(center, new SvgGraph.Node(center, entity.title(), entity.ref().kind(), true, null, true));
        for (EntityView.RelationView r : entity.relations()) {
            String other = r.target().ref().toString();
            nodes.putIfAbsent(other, node(r.target()));
            if (UPSTREAM.contains(r.type())) {
                edges.add(new SvgGraph.Edge(
                        other, center, TemplateExtensions.words(r.type().inverse())));
            } else {
                edges.add(new SvgGraph.Edge(center, other, TemplateExtensions.words(r.type())));
            }
        }
        return SvgGraph.render(
                "Relations of " + entity.title(),
                new ArrayList<>(nodes.values()),
                edges,
                config.graph().maxNodes());
    }

    String flow(EntityView pipeline) {
        PipelineView p = pipeline.pipeline();
        return SvgGraph.flow(
                "Data flow of " + pipeline.title(),
                p.inputs().stream().map(Graphs::node).toList(),
                new SvgGraph.Node(
                        pipeline.ref().toString(),
                        pipeline.title(),
                        pipeline.ref().kind(),
                        true,
                        null,
                        true),
                p.outputs().stream().map(Graphs::node).toList(),
                config.graph().maxNodes());
    }

    private static SvgGraph.Node node(EntityView.RefView ref) {
        return new SvgGraph.Node(
                ref.ref().toString(),
                TemplateExtensions.display(ref.ref()),
                ref.ref().kind(),
                ref.resolved(),
                ref.resolved() ? TemplateExtensions.href(ref.ref()) : null,
                false);
    }
}
