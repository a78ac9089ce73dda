package dev.interlock.descriptor;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The relation types of the catalog, each paired with its inverse (Backstage's {@code RELATION_*} constants plus
 * Interlock's pipeline relations). Every relation is stored together with its inverse.
 */
public enum RelationType {
    OWNED_BY("ownedBy", "ownerOf"),
    OWNER_OF("ownerOf", "ownedBy"),
    PART_OF("partOf", "hasPart"),
    HAS_PART("hasPart", "partOf"),
    DEPENDS_ON("dependsOn", "dependencyOf"),
    DEPENDENCY_OF("dependencyOf", "dependsOn"),
    PROVIDES_API("providesApi", "apiProvidedBy"),
    API_PROVIDED_BY("apiProvidedBy", "providesApi"),
    CONSUMES_API("consumesApi", "apiConsumedBy"),
    API_CONSUMED_BY("apiConsumedBy", "consumesApi"),
    CHILD_OF("childOf", "parentOf"),
    PARENT_OF("parentOf", "childOf"),
    MEMBER_OF("memberOf", "hasMember"),
    HAS_MEMBER("hasMember", "memberOf"),
    READS_FROM("readsFrom", "readBy"),
    READ_BY("readBy", "readsFrom"),
    WRITES_TO("writesTo", "writtenBy"),
    WRITTEN_BY("writtenBy", "writesTo"),
    MAINTAINED_BY("maintainedBy", "maintainerOf"),
    MAINTAINER_OF("maintainerOf", "maintainedBy");

    private static final Map<String, RelationType> BY_ID =
            Arrays.stream(values()).collect(Collectors.toMap(RelationType::id, Function.identity()));

    private final String id;
    private final String inverseId;

    RelationType(String id, String inverseId) {
        this.id = id;
        this.inverseId = inverseId;
    }

    /** The name used in the API ({@code ownedBy}). */
    public String id() {
        return id;
    }

    public RelationType inverse() {
        return BY_ID.get(inverseId);
    }

    public static RelationType byId(String id) {
        return BY_ID.get(id);
    }
}
