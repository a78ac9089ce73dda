package dev.interlock.schema;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.interlock.support.Corpus;

/**
 * The schemas as an editor gets them, anonymously over HTTP, judged by an independent validator: Backstage's own
 * examples and Interlock's example catalog pass {@code /schemas/catalog-info.json}, and every Backstage conformance
 * case fails it on the field its upstream test names. All 19 cases are about shapes and formats that JSON Schema
 * can say; the checks it cannot say are listed (and pinned) by {@link SchemaAgreementTest}.
 */
@QuarkusTest
class SchemaTest {

    private static final Pattern EXPECTED = Pattern.compile("matches /(.*)/(i?)\\s*$");
    private static SchemaCheck catalogInfo;

    /** Without interlock.public-url, the schemas are named under localhost and the port the server listens on. */
    private static String self() {
        return "http://localhost:" + io.restassured.RestAssured.port;
    }

    static Stream<Path> backstageExamples() {
        // petstore-webhook.oas.yaml is the OpenAPI document an API reads with $text, not a descriptor.
        return Corpus.exampleFiles().stream().filter(p -> !p.toString().endsWith(".oas.yaml"));
    }

    static Stream<Path> interlockExamples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("catalog-examples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static Stream<Path> conformanceCases() {
        return Stream.concat(
                Corpus.conformanceCases().stream(),
                Stream.of(
                        Corpus.root()
                                .resolve(
                                        "backstage-conformance/files/backstage__backstage__packages_catalog-model_examples_components_invalid-component.yaml")));
    }

    private static synchronized SchemaCheck catalogInfo() {
        if (catalogInfo == null) {
            catalogInfo = new SchemaCheck(given().get("/schemas/catalog-info.json")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
        }
        return catalogInfo;
    }

    @Test
    void theCatalogInfoSchemaIsPublicSelfContainedAndNamedByAnAbsoluteUrl() {
        given().get("/schemas/catalog-info.json")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/schema+json"))
                .header("Cache-Control", equalTo("public, max-age=300"))
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue())
                .header("Access-Control-Allow-Origin", equalTo("*"))
                .body("$schema", equalTo("http://json-schema.org/draft-07/schema#"))
                .body("$id", equalTo(self() + "/schemas/catalog-info.json"))
                .body(
                        "definitions.keySet()",
                        org.hamcrest.Matchers.hasItems(
                                "Entity",
                                "EntityMeta",
                                "common",
                                "Pipeline",
                                "Component.v1alpha1",
                                "Scorecard.v1alpha1"));
        String body = given().get("/schemas/catalog-info.json").asString();
        assertFalse(body.contains(".schema.json"), "every $ref points inside the document");
    }

    @Test
    void eachKindHasItsOwnSchemaAndAnUnknownOneIs404InTheApiErrorShape() {
        given().get("/schemas/kinds/Component.v1alpha1.json")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/schema+json"))
                .body("$id", equalTo(self() + "/schemas/kinds/Component.v1alpha1.json"))
                .body("title", equalTo("Component"));
        given().get("/schemas/kinds/Scorecard.v1alpha1.json")
                .then()
                .statusCode(200)
                .body("allOf[1].properties.apiVersion.enum", equalTo(List.of("interlock.dev/v1alpha1")));
        given().accept("application/json")
                .get("/schemas/kinds/Wizard.v1alpha1.json")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/json"))
                .body("error.name", equalTo("NotFoundError"))
                .body("error.message", containsString("no schema for \"Wizard.v1alpha1.json\""))
                .body("response.statusCode", equalTo(404))
                .body("request.url", equalTo("/schemas/kinds/Wizard.v1alpha1.json"));
        given().get("/schemas")
                .then()
                .statusCode(200)
                .body("catalogInfo", equalTo(self() + "/schemas/catalog-info.json"))
                .body("kinds.find { it.kind == 'API' }.url", equalTo(self() + "/schemas/kinds/API.v1alpha1.json"));
    }

    @Test
    void aKindSchemaAloneJudgesItsKind() {
        SchemaCheck component = new SchemaCheck(
                given().get("/schemas/kinds/Component.v1alpha1.json").asString());
        assertEquals(List.of(), component.errors("""
                apiVersion: backstage.io/v1beta1
                kind: component
                metadata: {name: x}
                spec: {type: service, lifecycle: production, owner: group:team-a}
                """));
        assertTrue(component.errors("""
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata: {name: x}
                spec: {type: service, lifecycle: production, owner: group:team-a}
                """).stream().anyMatch(e -> e.startsWith("kind ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backstageExamples")
    void everyBackstageExamplePasses(Path file) {
        List<String> errors = catalogInfo().errors(Corpus.read(file));
        assertTrue(errors.isEmpty(), file + ": " + errors);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interlockExamples")
    void everyInterlockExamplePasses(Path file) {
        String text = Corpus.read(file);
        assertFalse(SchemaCheck.documents(text).isEmpty());
        List<String> errors = catalogInfo().errors(text);
        assertTrue(errors.isEmpty(), file + ": " + errors);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conformanceCases")
    void everyConformanceCaseFailsOnTheFieldItsUpstreamTestNames(Path file) {
        String text = Corpus.read(file);
        List<String> errors = catalogInfo().errors(text);
        String field = expectedField(text);
        assertTrue(
                errors.stream().anyMatch(e -> e.toLowerCase().contains(field.toLowerCase())),
                file.getFileName() + " should fail on " + field + ": " + errors);
    }

    /**
     * The field a case's upstream regex starts with ({@code /links.0.url.*"invalid"/} names {@code links.0.url}).
     * Case 16 (an unknown apiVersion) has none: Interlock refuses it on its apiVersion; the invalid example file
     * fails on its name first.
     */
    private static String expectedField(String text) {
        for (String line : text.lines().limit(3).toList()) {
            Matcher m = EXPECTED.matcher(line);
            if (m.find()) {
                return m.group(1).split("\\.\\*|\"")[0];
            }
        }
        return text.contains("v1beta0") ? "apiVersion" : "metadata.name";
    }
}
