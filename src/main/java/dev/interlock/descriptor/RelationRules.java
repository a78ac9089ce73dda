package dev.interlock.descriptor;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which spec fields of which kinds are references, the kind a reference without one defaults to, and the
 * relation each produces (catalog-model.md §3–§4). Validation checks these fields parse as references; the
 * catalog turns them into relations.
 */
public final class RelationRules {

    /**
     * One reference field.
     *
     * @param path dotted path under {@code spec}, e.g. {@code owner} or {@code pipeline.inputs}
     * @param defaultKind the kind of a reference that names none
     * @param relation the relation from the entity to the referenced one
     */
    public record RefField(String path, String defaultKind, RelationType relation) {
    }

    private static final List<RefField> PIPELINE = List.of(
            new RefField("pipeline.inputs", "resource", RelationType.READS_FROM),
            new RefField("pipeline.outputs", "resource", RelationType.WRITES_TO),
            new RefField("pipeline.trigger.after", "component", RelationType.DEPENDS_ON),
            new RefField("pipeline.maintainers", "user", RelationType.MAINTAINED_BY));

    private static final Map<String, List<RefField>> BY_KIND = Map.of(
            "component", concat(List.of(
                    new RefField("owner", "group", RelationType.OWNED_BY),
                    new RefField("system", "system", RelationType.PART_OF),
                    new RefField("subcomponentOf", "component", RelationType.PART_OF),
                    new RefField("providesApis", "api", RelationType.PROVIDES_API),
                    new RefField("consumesApis", "api", RelationType.CONSUMES_API),
                    new RefField("dependsOn", "component", RelationType.DEPENDS_ON),
                    new RefField("dependencyOf", "component", RelationType.DEPENDENCY_OF)), PIPELINE),
            "api", List.of(
                    new RefField("owner", "group", RelationType.OWNED_BY),
                    new RefField("system", "system", RelationType.PART_OF)),
            "resource", List.of(
                    new RefField("owner", "group", RelationType.OWNED_BY),
                    new RefField("system", "system", RelationType.PART_OF),
                    new RefField("dependsOn", "component", RelationType.DEPENDS_ON),
                    new RefField("dependencyOf", "component", RelationType.DEPENDENCY_OF)),
            "system", List.of(
                    new RefField("owner", "group", RelationType.OWNED_BY),
                    new RefField("domain", "domain", RelationType.PART_OF)),
            "domain", List.of(
                    new RefField("owner", "group", RelationType.OWNED_BY),
                    new RefField("subdomainOf", "domain", RelationType.PART_OF)),
            "group", List.of(
                    new RefField("parent", "group", RelationType.CHILD_OF),
                    new RefField("children", "group", RelationType.PARENT_OF),
                    new RefField("members", "user", RelationType.HAS_MEMBER)),
            "user", List.of(
                    new RefField("memberOf", "group", RelationType.MEMBER_OF)),
            "scorecard", List.of(
                    new RefField("owner", "group", RelationType.OWNED_BY)));

    private RelationRules() {
    }

    /** The reference fields of a kind (case-insensitive); empty for kinds Interlock does not interpret. */
    public static List<RefField> forKind(String kind) {
        return kind == null ? List.of() : BY_KIND.getOrDefault(kind.toLowerCase(Locale.ROOT), List.of());
    }

    private static List<RefField> concat(List<RefField> a, List<RefField> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
