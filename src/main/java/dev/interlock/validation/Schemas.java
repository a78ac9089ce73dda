package dev.interlock.validation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import tools.jackson.databind.json.JsonMapper;

import dev.interlock.model.Node;

/**
 * The kind registry's JSON Schemas as the server checks documents with them: compiled once for networknt's
 * validator (a compiled schema is immutable and shared by every thread), and run to find <em>where</em> a document
 * breaks its schema. The policies turn those places into messages in today's words.
 *
 * <p>Two differences from the schemas as served. A {@code $text}/{@code $json}/{@code $yaml} placeholder fits no
 * definition here, so that every place one stands is reported, and the policies can keep it with a warning rather
 * than pass it silently (editors, reading the served schema, accept it). And {@code pattern}s are left out: they
 * are the formats of names, references and URLs, which {@link FieldFormatPolicy} and {@link ReferencePolicy} check
 * and word as Backstage does, so the server evaluates each once, there.
 */
final class Schemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry VALIDATOR = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final String PLACEHOLDER = "/definitions/common/definitions/placeholder";

    private Schemas() {}

    /**
     * Compiles a self-contained schema (one {@link dev.interlock.schema.SchemaRegistry#bundle bundle}) for
     * validation, with placeholders reported.
     */
    static Schema compile(ObjectNode bundle) {
        ObjectNode copy = bundle.deepCopy();
        JsonNode placeholder = copy.at(PLACEHOLDER);
        if (!placeholder.isMissingNode()) {
            ((ObjectNode) copy.at(PLACEHOLDER.substring(0, PLACEHOLDER.lastIndexOf('/'))))
                    .set("placeholder", BooleanNode.FALSE);
        }
        forValidation(copy);
        Schema schema = VALIDATOR.getSchema(copy.toString(), InputFormat.JSON);
        schema.initializeValidators();
        return schema;
    }

    /**
     * Leaves out the patterns (see above) and Interlock's own reference keyword, which {@code RelationRules} reads from
     * the served schema and the validator would only warn about at every start.
     */
    private static void forValidation(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.path("pattern").isTextual()) {
                object.remove("pattern");
            }
            object.remove(dev.interlock.descriptor.RelationRules.KEYWORD);
        }
        for (JsonNode child : schema) {
            forValidation(child);
        }
    }

    /** Where a value (in the validator's tree form, see {@link #tree}) breaks a schema. */
    static Findings check(Schema schema, tools.jackson.databind.JsonNode value) {
        List<Error> errors = schema.validate(value);
        return errors.isEmpty() ? Findings.NONE : new Findings(errors);
    }

    /** A new object node of the validator's tree, for a document assembled from parts. */
    static tools.jackson.databind.node.ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** A value in the validator's tree form. */
    static tools.jackson.databind.JsonNode tree(Node value) {
        return JSON.valueToTree(value.raw());
    }

    /**
     * The places a document breaks its schema: dotted field paths ({@code metadata.links.0.url}) and, for each,
     * the keywords that failed there. A missing required field or a field no schema allows is placed at the field
     * itself, not at the object that lacks or holds it.
     */
    static final class Findings {

        /** No place: the document fits. */
        static final Findings NONE = new Findings(List.of());

        private final Map<String, Set<String>> keywords = new HashMap<>();

        private Findings(List<Error> errors) {
            for (Error e : errors) {
                String path = path(e.getInstanceLocation());
                String property = e.getProperty();
                boolean atField = "required".equals(e.getKeyword()) || "additionalProperties".equals(e.getKeyword());
                if (atField && property != null && !path.equals(property) && !path.endsWith("." + property)) {
                    path = path.isEmpty() ? property : path + "." + property;
                }
                keywords.computeIfAbsent(path, p -> new HashSet<>()).add(e.getKeyword());
            }
        }

        boolean isEmpty() {
            return keywords.isEmpty();
        }

        /** Whether the schema finds anything wrong exactly at a field. */
        boolean has(String path) {
            return keywords.containsKey(path);
        }

        /** Whether one keyword fails exactly at a field. */
        boolean has(String path, String keyword) {
            return keywords.getOrDefault(path, Set.of()).contains(keyword);
        }

        private static String path(NodePath location) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < location.getNameCount(); i++) {
                if (i > 0) {
                    out.append('.');
                }
                out.append(location.getElement(i));
            }
            return out.toString();
        }
    }
}
