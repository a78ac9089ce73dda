package dev.interlock.schema;

import java.util.ArrayList;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A descriptor schema checked by an independent implementation: networknt's JSON Schema validator, reading YAML
 * with its own parser (Jackson 3 over SnakeYAML Engine), not Interlock's reader.
 */
final class SchemaCheck {

    private static final YAMLMapper YAML = new YAMLMapper();
    private final Schema schema;

    SchemaCheck(String schemaJson) {
        this.schema =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schemaJson, InputFormat.JSON);
    }

    /** Every document of a YAML text (empty documents left out). */
    static List<JsonNode> documents(String yaml) {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    out.add(node);
                }
            }
        }
        return out;
    }

    /**
     * The errors of one document, each as {@code <field path> <message>} with the path dotted the way Interlock
     * names fields ({@code metadata.links.0.url}).
     */
    List<String> errors(JsonNode document) {
        return schema.validate(document).stream().map(SchemaCheck::describe).toList();
    }

    /** The errors of every document of a YAML text. */
    List<String> errors(String yaml) {
        return documents(yaml).stream().flatMap(d -> errors(d).stream()).toList();
    }

    private static String describe(Error e) {
        // "/metadata/links/0/url" (or "$.metadata.links[0].url") as "metadata.links.0.url"
        String path = String.valueOf(e.getInstanceLocation())
                .replaceAll("\\[(\\d+)]", ".$1")
                .replaceFirst("^[$/]\\.?", "")
                .replace('/', '.');
        return path + " " + e.getMessage();
    }
}
