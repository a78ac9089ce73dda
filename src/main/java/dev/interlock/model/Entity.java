package dev.interlock.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationRules;

/**
 * A catalog entity as a value: its envelope ({@code apiVersion}, {@code kind}), {@link Metadata}, its {@code spec}
 * as a {@link Node}, and its reference. Built from a document that passed validation, or from a stored body.
 *
 * @param apiVersion the apiVersion as written
 * @param kind the kind as written ({@code Component})
 * @param metadata the metadata
 * @param spec the spec ({@link Node#MISSING} when the kind has none)
 * @param root the whole document, for serialising and for expressions
 */
public record Entity(String apiVersion, String kind, Metadata metadata, Node spec, Node root) {

    /** Reads a parsed document or stored body. */
    public static Entity of(Object tree) {
        Node root = Node.of(tree);
        return new Entity(
                root.get("apiVersion").text(""),
                root.get("kind").text(""),
                Metadata.of(root.get("metadata")),
                root.get("spec"),
                root);
    }

    /** The entity's reference ({@code component:default/orders-sync}). */
    public EntityRef ref() {
        return new EntityRef(kind, metadata.namespace(), metadata.name());
    }

    /** Whether this is of the kind, compared case-insensitively. */
    public boolean isKind(String other) {
        return kind.equalsIgnoreCase(other);
    }

    /** {@code spec.type}, or {@code ""}. */
    public String type() {
        return spec.get("type").text("");
    }

    /** Whether this is a pipeline: a Component of type {@code pipeline}. */
    public boolean isPipeline() {
        return isKind("component") && "pipeline".equals(type());
    }

    /** The {@code spec.pipeline} block of a pipeline. */
    public Optional<PipelineSpec> pipeline() {
        return isPipeline() ? Optional.of(PipelineSpec.of(spec.get("pipeline"))) : Optional.empty();
    }

    /**
     * The references a spec field holds (a single reference or a list), parsed with the field's default kind and
     * the entity's namespace; references that do not parse are skipped (validation reports them).
     *
     * @param field a reference field of this kind ({@link RelationRules}), e.g. {@code owner} or {@code pipeline.inputs}
     */
    public List<EntityRef> refs(String field) {
        String defaultKind = RelationRules.forKind(kind).stream()
                .filter(f -> f.path().equals(field))
                .findFirst()
                .map(RelationRules.RefField::defaultKind)
                .orElse(null);
        return spec.at(field).strings().stream()
                .map(s -> parse(s, defaultKind))
                .flatMap(Optional::stream)
                .toList();
    }

    /** The whole document as an object tree (unmodifiable), for serialising or expressions. */
    public Map<String, Object> tree() {
        return root.asTree();
    }

    /** Lower-case kind, as the catalog stores it. */
    public String kindKey() {
        return kind.toLowerCase(Locale.ROOT);
    }

    private Optional<EntityRef> parse(String s, String defaultKind) {
        try {
            return Optional.of(EntityRef.parse(s, defaultKind, metadata.namespace()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
