package dev.interlock.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationType;
import dev.interlock.validation.Formats;

/**
 * An entity as pages show it: typed, with references parsed, links limited to http(s), and relations knowing
 * whether their target is in the catalog. Built from the API's entity shape; it holds no display logic (that is in
 * {@link TemplateExtensions}).
 *
 * @param ref canonical reference
 * @param kind kind as written
 * @param name name as written
 * @param title metadata.title, or the name
 * @param description metadata.description, or empty
 * @param type spec.type, or empty
 * @param lifecycle spec.lifecycle, or empty
 * @param owner the owner, or {@code null}
 * @param system the system, or {@code null}
 * @param tags metadata.tags
 * @param links links whose URL is http(s)
 * @param relations relations, each knowing whether its target is in the catalog
 * @param warnings notes from registration (status.items)
 * @param spec the raw spec, for kinds Interlock does not interpret
 * @param pipeline the pipeline block, when the entity is a pipeline
 */
public record EntityView(EntityRef ref, String kind, String name, String title, String description, String type,
        String lifecycle, RefView owner, RefView system, List<String> tags, List<Link> links,
        List<RelationView> relations, List<String> warnings, Map<String, Object> spec, PipelineView pipeline) {

    /** A link of the entity. */
    public record Link(String url, String title) {
    }

    /** A reference shown on a page: where it points and whether that entity exists. */
    public record RefView(EntityRef ref, boolean resolved) {
    }

    /** One relation of the entity. */
    public record RelationView(RelationType type, RefView target) {
    }

    /** Whether the entity is a pipeline. */
    public boolean isPipeline() {
        return pipeline != null;
    }

    /** The relations grouped by type, in the order of {@link RelationType}. */
    public Map<RelationType, List<RefView>> relationsByType() {
        Map<RelationType, List<RefView>> out = new LinkedHashMap<>();
        for (RelationType t : RelationType.values()) {
            List<RefView> targets = relations.stream().filter(r -> r.type() == t).map(RelationView::target).toList();
            if (!targets.isEmpty()) {
                out.put(t, targets);
            }
        }
        return out;
    }

    /** The groups a group belongs to. */
    public List<RefView> parents() {
        return related(RelationType.CHILD_OF);
    }

    /** The teams within a group. */
    public List<RefView> subTeams() {
        return related(RelationType.PARENT_OF);
    }

    /** The targets of one relation type. */
    public List<RefView> related(RelationType type) {
        return relations.stream().filter(r -> r.type() == type).map(RelationView::target).toList();
    }

    /**
     * Builds the view of an entity in the API's shape.
     *
     * @param entity the entity with its relations
     * @param existing canonical references known to be in the catalog
     */
    @SuppressWarnings("unchecked")
    public static EntityView of(Map<String, Object> entity, Set<String> existing) {
        Map<String, Object> metadata = map(entity.get("metadata"));
        Map<String, Object> spec = map(entity.get("spec"));
        String kind = String.valueOf(entity.get("kind"));
        String name = String.valueOf(metadata.get("name"));
        String namespace = text(metadata.get("namespace"), EntityRef.DEFAULT_NAMESPACE);
        EntityRef self = new EntityRef(kind, namespace, name);
        List<RelationView> relations = new ArrayList<>();
        RefView owner = null;
        RefView system = null;
        for (Object o : list(entity.get("relations"))) {
            Map<String, Object> r = map(o);
            RelationType type = RelationType.byId(String.valueOf(r.get("type")));
            if (type == null) {
                continue;
            }
            EntityRef target = EntityRef.ofCanonical(String.valueOf(r.get("targetRef")));
            RefView view = new RefView(target, existing.contains(target.toString()));
            relations.add(new RelationView(type, view));
            if (type == RelationType.OWNED_BY && owner == null) {
                owner = view;
            }
            if (type == RelationType.PART_OF && target.kind().equals("system") && system == null) {
                system = view;
            }
        }
        List<Link> links = new ArrayList<>();
        for (Object o : list(metadata.get("links"))) {
            Map<String, Object> l = map(o);
            String url = text(l.get("url"), "");
            if (Formats.isHttpUrl(url)) {
                links.add(new Link(url, text(l.get("title"), url)));
            }
        }
        List<String> warnings = new ArrayList<>();
        for (Object o : list(map(entity.get("status")).get("items"))) {
            warnings.add(text(map(o).get("message"), ""));
        }
        boolean pipeline = "component".equalsIgnoreCase(kind) && "pipeline".equals(spec.get("type"));
        // People and teams are known by their display name when they have no title.
        String title = text(metadata.get("title"), text(map(spec.get("profile")).get("displayName"), name));
        return new EntityView(self, kind, name, title, text(metadata.get("description"), ""),
                text(spec.get("type"), ""), text(spec.get("lifecycle"), ""), owner, system,
                list(metadata.get("tags")).stream().map(String::valueOf).toList(), links, relations, warnings, spec,
                pipeline ? PipelineView.of(map(spec.get("pipeline")), existing, namespace) : null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    static String text(Object o, String fallback) {
        return o == null ? fallback : String.valueOf(o);
    }
}
