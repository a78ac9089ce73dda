package dev.interlock.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.interlock.schema.SchemaRegistry;
import dev.interlock.scorecard.ScorecardPolicy;

/**
 * Each kind's schema says what {@link KindPolicy} checks: the same apiVersions, the same required spec fields, and a
 * property for every field the policy knows. A kind added to the policy without a schema fails here.
 */
class KindSchemasTest {

    private final SchemaRegistry registry = new SchemaRegistry();

    @Test
    void everyKindThePolicyInterpretsHasASchemaThatAgreesWithIt() {
        List<String> kinds = new ArrayList<>();
        for (KindPolicy.KindRule rule : KindPolicy.RULES.values()) {
            kinds.add(rule.kind());
            JsonNode own = kindPart(rule.kind());
            assertEquals(
                    new TreeSet<>(rule.apiVersions()), strings(own.at("/properties/apiVersion/enum")), rule.kind());
            JsonNode spec = own.at("/properties/spec");
            Set<String> required = new TreeSet<>(rule.fields().stream()
                    .filter(KindPolicy.Field::required)
                    .map(KindPolicy.Field::name)
                    .toList());
            // An API's definition is required unless it has remotes: in the schema's else branch.
            Set<String> schemaRequired = strings(spec.get("required"));
            schemaRequired.addAll(strings(spec.at("/else/required")));
            assertEquals(required, schemaRequired, rule.kind() + " required spec fields");
            for (KindPolicy.Field field : rule.fields()) {
                assertTrue(spec.at("/properties").has(field.name()), rule.kind() + " has no property " + field.name());
            }
            assertEquals(!required.isEmpty(), strings(own.get("required")).contains("spec"), rule.kind() + " spec");
        }
        kinds.add("Scorecard");
        assertEquals(
                new TreeSet<>(kinds),
                new TreeSet<>(SchemaRegistry.KINDS.stream()
                        .map(k -> k.substring(0, k.indexOf('.')))
                        .toList()));
        assertEquals(
                Set.of(ScorecardPolicy.API_VERSION),
                strings(kindPart("Scorecard").at("/properties/apiVersion/enum")));
    }

    @Test
    void theCatalogInfoSchemaChoosesEveryKindCaseInsensitively() {
        JsonNode info = registry.catalogInfo("http://localhost:8080");
        for (String k : SchemaRegistry.KINDS) {
            String kind = k.substring(0, k.indexOf('.'));
            boolean chosen = false;
            for (JsonNode branch : info.get("allOf")) {
                String pattern = branch.at("/if/properties/kind/pattern").asText("");
                if (!pattern.isEmpty()
                        && kind.matches(pattern)
                        && kind.toLowerCase(Locale.ROOT).matches(pattern)
                        && kind.toUpperCase(Locale.ROOT).matches(pattern)) {
                    assertEquals("#/definitions/" + k, branch.at("/then/$ref").asText());
                    chosen = true;
                }
            }
            assertTrue(chosen, kind + " is not chosen by kind");
        }
    }

    /** The kind's own part of its schema: {@code allOf} [envelope, this]. */
    private JsonNode kindPart(String kind) {
        String name = SchemaRegistry.KINDS.stream()
                .filter(k -> k.startsWith(kind + "."))
                .findFirst()
                .orElseThrow();
        return registry.kind(name, "http://localhost:8080")
                .orElseThrow()
                .get("allOf")
                .get(1);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
