package dev.interlock.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.interlock.descriptor.EntityRef;

/**
 * An entity's {@code metadata} block as values.
 *
 * @param name the name as written
 * @param namespace the namespace, {@code default} when none is written
 * @param uid the uid the catalog gave it; {@code null} before it is stored
 * @param etag the etag of the stored version; {@code null} before it is stored
 * @param title the display title (a number written there is kept as its text); {@code null} when none
 * @param description the description; {@code null} when none
 * @param labels labels with string values
 * @param annotations annotations with string values
 * @param tags tags
 * @param links links with a URL
 */
public record Metadata(
        String name,
        String namespace,
        String uid,
        String etag,
        String title,
        String description,
        Map<String, String> labels,
        Map<String, String> annotations,
        List<String> tags,
        List<Link> links) {

    /** Annotation naming where an entity is managed from (Backstage's); the catalog sets it on every write. */
    public static final String MANAGED_BY_LOCATION = "backstage.io/managed-by-location";
    /** Annotation naming where an entity was first registered from (Backstage's); the catalog sets it too. */
    public static final String MANAGED_BY_ORIGIN = "backstage.io/managed-by-origin-location";
    /** Fields of {@code metadata} the catalog sets; what a body says of them is not stored. */
    public static final Set<String> CATALOG_SET = Set.of("uid", "etag", "generation");

    /** One entry of {@code metadata.links}. */
    public record Link(String url, String title, String icon, String type) {}

    /** Reads a {@code metadata} node. */
    public static Metadata of(Node m) {
        List<Link> links = m.get("links").items().stream()
                .filter(l -> l.get("url").isString())
                .map(l -> new Link(
                        l.get("url").text(),
                        l.get("title").text(),
                        l.get("icon").text(),
                        l.get("type").text()))
                .toList();
        return new Metadata(
                m.get("name").text(""),
                m.get("namespace").text(EntityRef.DEFAULT_NAMESPACE),
                m.get("uid").text(),
                m.get("etag").text(),
                m.get("title").scalarText(),
                m.get("description").scalarText(),
                m.get("labels").stringFields(),
                m.get("annotations").stringFields(),
                m.get("tags").strings(),
                links);
    }

    /** An annotation's value, or {@code null}. */
    public String annotation(String key) {
        return annotations.get(key);
    }
}
