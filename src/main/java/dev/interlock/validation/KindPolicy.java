package dev.interlock.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.model.Node;
import dev.interlock.schema.SchemaRegistry;
import dev.interlock.validation.Schemas.Findings;

/**
 * The core kinds' rules (Backstage's kind validators, {@code ComponentEntityV1alpha1} and friends), as each kind's
 * schema ({@code kinds/<Kind>.v1alpha1.schema.json}) says them: which apiVersions a kind comes in, which spec fields
 * it requires and of which type. Kinds Interlock does not interpret are accepted with a warning, and kept as they
 * are. The Scorecard kind has its own policy, with its own words.
 */
@ApplicationScoped
public class KindPolicy implements EntityPolicy {

    /** The type a spec field must have, read from its schema. */
    enum Type {
        /** A non-empty string. */
        STRING,
        /** A list of non-empty strings. */
        STRINGS,
        /** An object. */
        OBJECT
    }

    /**
     * One spec field of a kind.
     *
     * @param allowed the values it may take, when its schema lists them ({@code enum}); else empty
     */
    record Field(String name, Type type, boolean required, List<String> allowed) {}

    /** One kind as its schema describes it, with the part of the schema that is the kind's own, compiled. */
    record KindRule(String kind, Set<String> apiVersions, List<Field> fields, Schema schema) {}

    /** The placeholders Backstage's file reader substitutes ({@code $text: ./openapi.yaml}). */
    static final Set<String> PLACEHOLDERS = Set.of("$text", "$json", "$yaml");

    /** The kinds this policy checks, by lower-case kind. */
    static final Map<String, KindRule> RULES = load(SchemaRegistry.shared());

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void check(Descriptor descriptor, Node entity, Problems problems) {
        String kind = entity.get("kind").text();
        String apiVersion = entity.get("apiVersion").text();
        if (kind == null || apiVersion == null) {
            return;
        }
        KindRule rule = RULES.get(kind.toLowerCase(Locale.ROOT));
        if (rule == null) {
            if (!"Scorecard".equalsIgnoreCase(kind)) {
                problems.warning(
                        "kind",
                        "kind \"" + kind + "\" is not one Interlock interprets; the entity is stored "
                                + "with its spec as it is, and its references do not become relations");
            }
            return;
        }
        Node spec = entity.get("spec");
        tools.jackson.databind.node.ObjectNode document = Schemas.object();
        document.put("apiVersion", apiVersion);
        // A spec that is not an object is the envelope's to report; here it counts as empty, so that what it
        // lacks is named.
        document.set("spec", spec.isObject() ? Schemas.tree(spec) : Schemas.object());
        Findings found = Schemas.check(rule.schema(), document);
        if (found.has("apiVersion")) {
            problems.invalid(
                    "apiVersion",
                    "one of " + String.join(", ", rule.apiVersions()) + " for kind " + rule.kind(),
                    apiVersion);
            return;
        }
        for (Field field : rule.fields()) {
            check(rule, field, spec.get(field.name()), found, problems);
        }
    }

    private static void check(KindRule rule, Field field, Node value, Findings found, Problems problems) {
        String path = "spec." + field.name();
        if (value.isObjectWithOnly(PLACEHOLDERS)) {
            String key = value.keys().iterator().next();
            problems.warning(
                    path,
                    "\"" + path + "\" is a " + key + " placeholder ("
                            + Values.describe(value.get(key).raw())
                            + ") that Interlock resolves only when it reads the file from a registered location;"
                            + " registered or validated on its own, the entity keeps the placeholder in place");
            return;
        }
        if (found.has(path)) {
            if (value.isMissing()) {
                problems.missing(path, expectation(field.type()) + " (" + rule.kind() + " requires it)");
            } else if (!fits(field.type(), value)) {
                problems.invalid(path, expectation(field.type()), value.raw());
            }
        }
        if (field.type() == Type.STRINGS) {
            List<Node> items = value.items();
            for (int i = 0; i < items.size(); i++) {
                if (found.has(path + "." + i) && !fits(Type.STRING, items.get(i))) {
                    problems.invalid(
                            path + "." + i,
                            expectation(Type.STRING),
                            items.get(i).raw());
                }
            }
        }
        if (value.isString() && found.has(path, "enum")) {
            problems.invalid(
                    path,
                    String.join(
                            " or ",
                            field.allowed().stream().map(a -> "\"" + a + "\"").toList()),
                    value.raw());
        }
    }

    /**
     * Whether a present value has its field's type. A string of the right type but the wrong form (a malformed
     * reference) is the reference policy's to report.
     */
    private static boolean fits(Type type, Node value) {
        return switch (type) {
            case STRING -> !value.text("").isEmpty();
            case STRINGS -> value.isList();
            case OBJECT -> value.isObject();
        };
    }

    private static String expectation(Type type) {
        return switch (type) {
            case STRING -> "a non empty string";
            case STRINGS -> "a list of non empty strings";
            case OBJECT -> "an object";
        };
    }

    private static Map<String, KindRule> load(SchemaRegistry schemas) {
        Map<String, KindRule> rules = new LinkedHashMap<>();
        for (String name : SchemaRegistry.KINDS) {
            ObjectNode bundle = schemas.bundle("kinds/" + name + ".schema.json");
            String kind = bundle.path("title").asText();
            if (kind.equals("Scorecard")) {
                continue;
            }
            // A kind schema is allOf [the envelope, the kind's own part]: the envelope is the envelope policy's.
            ObjectNode own = bundle.path("allOf").path(1).deepCopy();
            own.set("$schema", bundle.get("$schema"));
            own.set("definitions", bundle.get("definitions"));
            JsonNode spec = own.at("/properties/spec");
            Set<String> required = new TreeSet<>(strings(spec.get("required")));
            // An API's definition is required unless it has remotes: the schema's else branch.
            required.addAll(strings(spec.at("/else/required")));
            List<Field> fields = new ArrayList<>();
            for (Map.Entry<String, JsonNode> property : spec.path("properties").properties()) {
                Type type = type(bundle, property.getValue());
                if (type != null) {
                    List<String> allowed = strings(property.getValue().get("enum")).stream()
                            .filter(a -> !a.equals("null"))
                            .toList();
                    fields.add(new Field(property.getKey(), type, required.contains(property.getKey()), allowed));
                }
            }
            rules.put(
                    kind.toLowerCase(Locale.ROOT),
                    new KindRule(
                            kind,
                            new TreeSet<>(strings(own.at("/properties/apiVersion/enum"))),
                            List.copyOf(fields),
                            Schemas.compile(own)));
        }
        return Map.copyOf(rules);
    }

    /**
     * A field's type from its schema: the first shape it allows ({@code anyOf}'s first branch; the others are what
     * is tolerated besides, null or a placeholder), following {@code $ref}s; {@code null} for a field of any shape.
     */
    private static Type type(JsonNode bundle, JsonNode schema) {
        if (schema.has("$ref")) {
            return type(bundle, bundle.at(schema.get("$ref").asText().substring(1)));
        }
        JsonNode types = schema.path("type");
        String first = types.isArray() ? types.path(0).asText() : types.asText();
        switch (first) {
            case "string":
                return Type.STRING;
            case "array":
                return Type.STRINGS;
            case "object":
                return Type.OBJECT;
            default:
                break;
        }
        if (schema.path("enum").path(0).isTextual()) {
            return Type.STRING;
        }
        for (String combination : List.of("allOf", "anyOf")) {
            if (schema.path(combination).size() > 0) {
                return type(bundle, schema.path(combination).get(0));
            }
        }
        return null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.isNull() ? "null" : n.asText()));
        }
        return out;
    }
}
