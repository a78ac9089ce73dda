package dev.interlock.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The kind registry as JSON Schema (draft-07). The schemas live once, as resources under {@code schema/}, in the
 * layout of Backstage's {@code catalog-model/src/schema}: {@code Entity.schema.json} (the envelope),
 * {@code EntityMeta.schema.json}, {@code shared/common.schema.json}, {@code Pipeline.schema.json} and one
 * {@code kinds/<Kind>.<version>.schema.json} per kind, each {@code allOf} the envelope; {@code catalog-info.schema.json}
 * chooses a kind's schema by {@code kind}. Files refer to each other by relative {@code $ref}. What a schema cannot
 * say sits next to the field it concerns as an annotation keyword JSON Schema lets validators ignore:
 * {@code x-interlock-ref} marks a reference field with its default kind and relation (read by
 * {@link dev.interlock.descriptor.RelationRules}).
 *
 * <p>What is served is self-contained: the requested file with every file it refers to, transitively, inlined
 * under {@code definitions} (named by file name without {@code .schema.json}) and its references rewritten to
 * point there, so an editor needs one fetch. Plain Java, no CDI: tests and tools can build the same documents.
 */
public final class SchemaRegistry {

    /** Where the schema files are on the class path. */
    static final String ROOT = "schema/";
    /** The file that chooses a kind's schema by {@code kind}. */
    static final String CATALOG_INFO = "catalog-info.schema.json";
    /** The kinds that have a schema, as {@code <Kind>.<version>}: also the names they are served under. */
    public static final List<String> KINDS = List.of(
            "Component.v1alpha1",
            "API.v1alpha1",
            "Resource.v1alpha1",
            "System.v1alpha1",
            "Domain.v1alpha1",
            "Group.v1alpha1",
            "User.v1alpha1",
            "Location.v1alpha1",
            "Scorecard.v1alpha1");

    private static final String DEFINITIONS = "definitions";

    private static final SchemaRegistry SHARED = new SchemaRegistry();

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, ObjectNode> files = new LinkedHashMap<>();

    /** The registry the server's validation and relation rules read: each file parsed once per process. */
    public static SchemaRegistry shared() {
        return SHARED;
    }

    /**
     * The schema for any descriptor.
     *
     * @param baseUrl the address the application is reached at, without a trailing slash; the document's
     *        {@code $id} is {@code <baseUrl>/schemas/catalog-info.json}
     */
    public ObjectNode catalogInfo(String baseUrl) {
        return bundle(CATALOG_INFO, baseUrl + "/schemas/catalog-info.json");
    }

    /**
     * The schema of one kind, by its served name ({@code Component.v1alpha1}, matched case-insensitively); empty when
     * there is none. Its {@code $id} is {@code <baseUrl>/schemas/kinds/<Kind>.<version>.json}.
     */
    public Optional<ObjectNode> kind(String name, String baseUrl) {
        return KINDS.stream()
                .filter(k -> k.equalsIgnoreCase(name))
                .findFirst()
                .map(k -> bundle("kinds/" + k + ".schema.json", baseUrl + "/schemas/kinds/" + k + ".json"));
    }

    /**
     * The schema file as written, before bundling, by its path under {@code schema/}. The node is shared: callers
     * read it and never modify it.
     */
    public synchronized ObjectNode file(String path) {
        return files.computeIfAbsent(path, p -> {
            try (InputStream in = SchemaRegistry.class.getClassLoader().getResourceAsStream(ROOT + p)) {
                if (in == null) {
                    throw new IllegalStateException("no schema file " + ROOT + p + " on the class path");
                }
                return (ObjectNode) mapper.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** One schema file, self-contained as it is served, with an {@code $id} under {@code https://interlock.dev/}. */
    public ObjectNode bundle(String path) {
        return bundle(path, "https://interlock.dev/schemas/" + path);
    }

    private ObjectNode bundle(String path, String id) {
        ObjectNode root = mapper.createObjectNode();
        root.set("$schema", file(path).get("$schema"));
        root.put("$id", id);
        root.setAll(file(path).deepCopy());
        root.put("$id", id);
        Map<String, String> keys = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        rewrite(root, path, path, keys, todo);
        while (!todo.isEmpty()) {
            String inlined = todo.removeFirst();
            ObjectNode copy = file(inlined).deepCopy();
            copy.remove("$schema");
            copy.remove("$id");
            rewrite(copy, inlined, path, keys, todo);
            ObjectNode definitions =
                    root.has(DEFINITIONS) ? (ObjectNode) root.get(DEFINITIONS) : root.putObject(DEFINITIONS);
            if (definitions.has(keys.get(inlined))) {
                throw new IllegalStateException("two schemas are inlined as " + keys.get(inlined) + " in " + path);
            }
            definitions.set(keys.get(inlined), copy);
        }
        return root;
    }

    /** Points every {@code $ref} of a file's node at the bundle: its own root, or an inlined file's definition. */
    private static void rewrite(
            JsonNode node, String file, String rootFile, Map<String, String> keys, Deque<String> todo) {
        if (node instanceof ObjectNode object && object.path("$ref").isTextual()) {
            String ref = object.get("$ref").asText();
            int hash = ref.indexOf('#');
            String target = hash == 0 ? file : resolve(file, hash < 0 ? ref : ref.substring(0, hash));
            String fragment = hash < 0 ? "" : ref.substring(hash + 1);
            String base;
            if (target.equals(rootFile)) {
                base = "#";
            } else {
                String key = keys.computeIfAbsent(target, t -> {
                    todo.addLast(t);
                    return keyOf(t);
                });
                base = "#/" + DEFINITIONS + "/" + key;
            }
            object.put("$ref", base + fragment);
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            rewrite(children.next(), file, rootFile, keys, todo);
        }
    }

    /** The path of a file a relative {@code $ref} (without its fragment) in {@code file} names. */
    public static String resolve(String file, String relative) {
        return URI.create("schema:/" + file).resolve(relative).getPath().substring(1);
    }

    private static String keyOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.toLowerCase(Locale.ROOT).endsWith(".schema.json")
                ? name.substring(0, name.length() - ".schema.json".length())
                : name;
    }
}
