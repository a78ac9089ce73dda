package dev.interlock.descriptor;

import java.util.Locale;
import java.util.Map;

/**
 * A reference to an entity, {@code [<kind>:][<namespace>/]<name>}, with the kind and namespace filled in from
 * the defaults of the field that holds it (Backstage's {@code parseEntityRef}).
 *
 * <p>The canonical string form ({@link #toString()}) is lower-case {@code kind:namespace/name}, which is also how
 * references are compared: Backstage treats entity names case-insensitively.
 */
public record EntityRef(String kind, String namespace, String name) {

    /** The namespace an entity lives in when it names none. */
    public static final String DEFAULT_NAMESPACE = "default";

    public EntityRef {
        kind = kind.toLowerCase(Locale.ROOT);
        namespace = namespace.toLowerCase(Locale.ROOT);
        name = name.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a reference.
     *
     * @param ref the reference as written
     * @param defaultKind the kind to use when the reference names none; {@code null} when a kind is required
     * @param defaultNamespace the namespace to use when the reference names none
     * @throws IllegalArgumentException with a message saying what is wrong, when the reference is malformed
     */
    public static EntityRef parse(String ref, String defaultKind, String defaultNamespace) {
        if (ref == null || ref.isBlank()) {
            throw new IllegalArgumentException("an entity reference must not be empty");
        }
        String rest = ref.trim();
        String kind = defaultKind;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            kind = rest.substring(0, colon);
            rest = rest.substring(colon + 1);
            if (kind.isEmpty()) {
                throw new IllegalArgumentException("entity reference \"" + ref + "\" has an empty kind before ':'");
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException(
                    "entity reference \"" + ref + "\" has no kind, and the field has no default kind");
        }
        String namespace = defaultNamespace == null ? DEFAULT_NAMESPACE : defaultNamespace;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            namespace = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
            if (namespace.isEmpty()) {
                throw new IllegalArgumentException(
                        "entity reference \"" + ref + "\" has an empty namespace before '/'");
            }
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("entity reference \"" + ref + "\" has an empty name");
        }
        if (rest.indexOf(':') >= 0 || rest.indexOf('/') >= 0) {
            throw new IllegalArgumentException(
                    "entity reference \"" + ref + "\" is not of the form [<kind>:][<namespace>/]<name>");
        }
        return new EntityRef(kind, namespace, rest);
    }

    /** Whether the text is a reference in its canonical form, as the catalog stores references. */
    public static boolean isCanonical(String text) {
        try {
            return text != null && ofCanonical(text).toString().equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Parses a canonical {@code kind:namespace/name} string as stored by the catalog. */
    public static EntityRef ofCanonical(String canonical) {
        return parse(canonical, null, DEFAULT_NAMESPACE);
    }

    /** The {@code target} object of Backstage's relation shape. */
    public Map<String, String> toMap() {
        return Map.of("kind", kind, "namespace", namespace, "name", name);
    }

    /** The canonical form: lower-case {@code kind:namespace/name}. */
    @Override
    public String toString() {
        return kind + ":" + namespace + "/" + name;
    }
}
