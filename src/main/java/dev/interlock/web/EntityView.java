package dev.interlock.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationType;
import dev.interlock.model.Entity;
import dev.interlock.model.Node;
import dev.interlock.validation.Formats;

/**
 * An entity as pages show it: typed, with references parsed, links limited to http(s), and relations knowing
 * whether their target is in the catalog. Built from an {@link Entity} in the API's shape (with its relations and
 * status); it holds no display logic (that is in {@link TemplateExtensions}).
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
 * @param entity the entity itself, for kinds Interlock does not interpret
 * @param pipeline the pipeline block, when the entity is a pipeline
 */
public record EntityView(
        EntityRef ref,
        String kind,
        String name,
        String title,
        String description,
        String type,
        String lifecycle,
        RefView owner,
        RefView system,
        List<String> tags,
        List<Link> links,
        List<RelationView> relations,
        List<String> warnings,
        Entity entity,
        PipelineView pipeline) {

    /** A link of the entity. */
    public record Link(String url, String title) {}

    /** A reference shown on a page: where it points and whether that entity exists. */
    public record RefView(EntityRef ref, boolean resolved) {

        static RefView of(EntityRef ref, Set<String> existing) {
            return new RefView(ref, existing.contains(ref.toString()));
        }
    }

    /** One relation of the entity. */
    public record RelationView(RelationType type, RefView target) {}

    /** Whether the entity is a pipeline. */
    public boolean isPipeline() {
        return pipeline != null;
    }

    /** The relations grouped by type, in the order of {@link RelationType}. */
    public Map<RelationType, List<RefView>> relationsByType() {
        Map<RelationType, List<RefView>> out = new LinkedHashMap<>();
        for (RelationType t : RelationType.values()) {
            List<RefView> targets = related(t);
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
        return relations.stream()
                .filter(r -> r.type() == type)
                .map(RelationView::target)
                .toList();
    }

    /**
     * Builds the view of an entity in the API's shape.
     *
     * @param entity the entity with its relations
     * @param existing canonical references known to be in the catalog
     * @param soleRestorers pipelines whose failures one person alone restored, with that person ({@link
     *     dev.interlock.pipeline.SoleRestorers})
     */
    public static EntityView of(Entity entity, Set<String> existing, Map<EntityRef, EntityRef> soleRestorers) {
        List<RelationView> relations = new ArrayList<>();
        RefView owner = null;
        RefView system = null;
        for (Relation r : relations(entity)) {
            RefView view = RefView.of(r.target(), existing);
            relations.add(new RelationView(r.type(), view));
            if (r.type() == RelationType.OWNED_BY && owner == null) {
                owner = view;
            }
            if (r.type() == RelationType.PART_OF && r.target().kind().equals("system") && system == null) {
                system = view;
            }
        }
        List<Link> links = entity.metadata().links().stream()
                .filter(l -> Formats.isHttpUrl(l.url()))
                .map(l -> new Link(l.url(), l.title() == null ? l.url() : l.title()))
                .toList();
        List<String> warnings = entity.root().at("status.items").items().stream()
                .map(i -> i.get("message").text(""))
                .toList();
        Node spec = entity.spec();
        String title = entity.metadata().title();
        if (title == null) {
            // People and teams are known by their display name when they have no title.
            title = spec.at("profile.displayName").text(entity.metadata().name());
        }
        String description = entity.metadata().description();
        return new EntityView(
                entity.ref(),
                entity.kind(),
                entity.metadata().name(),
                title,
                description == null ? "" : description,
                entity.type(),
                spec.get("lifecycle").text(""),
                owner,
                system,
                entity.metadata().tags(),
                links,
                relations,
                warnings,
                entity,
                entity.pipeline()
                        .map(p -> PipelineView.of(p, entity, existing, soleRestorers.get(entity.ref())))
                        .orElse(null));
    }

    /**
     * The canonical references a view of the entity shows, so that one query can tell which are in the catalog:
     * its relations' targets and its pipeline's references (relations hold those too, unless the entity was stored
     * before they were derived).
     */
    static List<String> shownRefs(Entity entity) {
        List<String> out = new ArrayList<>();
        relations(entity).forEach(r -> out.add(r.target().toString()));
        if (entity.isPipeline()) {
            PipelineView.REF_FIELDS.forEach(f -> entity.refs(f).forEach(r -> out.add(r.toString())));
        }
        return out;
    }

    private record Relation(RelationType type, EntityRef target) {}

    /** The relations of the API's shape ({@code relations: [{type, targetRef}]}); unknown types are left out. */
    private static List<Relation> relations(Entity entity) {
        List<Relation> out = new ArrayList<>();
        for (Node r : entity.root().get("relations").items()) {
            RelationType type = RelationType.byId(r.get("type").text(""));
            String target = r.get("targetRef").text();
            if (type != null && target != null) {
                out.add(new Relation(type, EntityRef.ofCanonical(target)));
            }
        }
        return out;
    }
}
