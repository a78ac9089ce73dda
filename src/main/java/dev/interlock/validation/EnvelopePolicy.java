package dev.interlock.validation;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.interlock.descriptor.Descriptor;

/**
 * The shape every entity shares (Backstage's {@code SchemaValidEntityPolicy} and
 * {@code NoForeignRootFieldsEntityPolicy}): required fields, their types, and no fields at the root other than
 * the envelope's.
 */
@ApplicationScoped
public class EnvelopePolicy implements EntityPolicy {

    /** Root fields an entity may have; {@code relations} and {@code status} are output only and ignored on input. */
    static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec", "relations", "status");

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void check(Descriptor descriptor, Map<String, Object> entity, Problems problems) {
        for (String key : entity.keySet()) {
            if (!ROOT_FIELDS.contains(key)) {
                problems.error(key, "\"" + key + "\" is not a valid field; an entity has only the root fields "
                        + "apiVersion, kind, metadata and spec");
            }
        }
        requireString(entity.get("apiVersion"), "apiVersion", "a string such as \"backstage.io/v1alpha1\"", problems);
        requireString(entity.get("kind"), "kind", "a string such as \"Component\"", problems);

        Object metadata = entity.get("metadata");
        if (metadata == null) {
            problems.missing("metadata", "an object with at least a name");
        } else if (!(metadata instanceof Map)) {
            problems.invalid("metadata", "an object", metadata);
        } else {
            checkMetadata(asMap(metadata), problems);
        }
        Object spec = entity.get("spec");
        if (spec != null && !(spec instanceof Map)) {
            problems.invalid("spec", "an object", spec);
        }
    }

    private void checkMetadata(Map<String, Object> m, Problems problems) {
        requireString(m.get("name"), "metadata.name", "a string", problems);
        optionalString(m, "namespace", problems);
        optionalString(m, "title", problems);
        optionalString(m, "description", problems);
        for (String key : List.of("uid", "etag")) {
            Object v = m.get(key);
            if (m.containsKey(key) && !Values.isNonEmptyString(v)) {
                problems.invalid("metadata." + key, "a non empty string", v);
            }
        }
        if (m.containsKey("generation")) {
            Object g = m.get("generation");
            if (!(g instanceof Long l) || l < 1) {
                problems.invalid("metadata.generation", "an integer of at least 1", g);
            }
        }
        for (String key : List.of("labels", "annotations")) {
            Object v = m.get(key);
            if (v != null && !(v instanceof Map)) {
                problems.invalid("metadata." + key, "an object of key: value pairs", v);
            }
        }
        Object tags = m.get("tags");
        if (tags != null && !(tags instanceof List)) {
            problems.invalid("metadata.tags", "a list of strings", tags);
        }
        Object links = m.get("links");
        if (links != null) {
            if (!(links instanceof List<?> list)) {
                problems.invalid("metadata.links", "a list of objects with a url", links);
            } else {
                for (int i = 0; i < list.size(); i++) {
                    Object link = list.get(i);
                    String field = "metadata.links." + i;
                    if (!(link instanceof Map)) {
                        problems.invalid(field, "an object with a url", link);
                    } else if (asMap(link).get("url") == null) {
                        problems.missing(field + ".url", "a string that is a valid url");
                    }
                }
            }
        }
    }

    private static void requireString(Object value, String field, String expectation, Problems problems) {
        if (value == null) {
            problems.missing(field, expectation);
        } else if (!(value instanceof String) && !(value instanceof Number)) {
            // Numbers are reported by the field format policy, with Backstage's wording.
            problems.invalid(field, expectation, value);
        }
    }

    private static void optionalString(Map<String, Object> m, String key, Problems problems) {
        Object v = m.get(key);
        if (v != null && !(v instanceof String) && !(v instanceof Number)) {
            problems.invalid("metadata." + key, "a string", v);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }
}
