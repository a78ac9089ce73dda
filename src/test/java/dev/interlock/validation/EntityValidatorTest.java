package dev.interlock.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.ReaderLimits;
import dev.interlock.support.Validators;

class EntityValidatorTest {

    private final DescriptorReader reader = new DescriptorReader(ReaderLimits.DEFAULTS);
    private final EntityValidator validator = Validators.all();

    private List<Problem> problems(String yaml) {
        return reader.read(yaml, DescriptorReader.Format.YAML, null).stream()
                .map(validator::validate)
                .flatMap(List::stream)
                .toList();
    }

    private List<Problem> errors(String yaml) {
        return problems(yaml).stream().filter(Problem::isError).toList();
    }

    /** An entity over the size limit names what holds its bulk: one long text, or the map of many short ones. */
    @Test
    void anEntityOverTheSizeLimitNamesTheFieldThatHoldsTheBulk() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            many.append("    example.com/a")
                    .append(i)
                    .append(": value-")
                    .append(i)
                    .append('\n');
        }
        String annotated = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: big\n"
                + "  annotations:\n" + many + "spec: {type: service, lifecycle: production, owner: team}\n";
        List<Problem> errors = sizeErrors(annotated);
        assertEquals(
                List.of("metadata.annotations"),
                errors.stream().map(Problem::field).toList());
        assertTrue(
                errors.get(0).message().contains(" of them in \"metadata.annotations\""),
                errors.get(0).message());

        String definition = "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: big\n"
                + "spec:\n  type: openapi\n  lifecycle: production\n  owner: team\n  definition: |\n"
                + ("    " + "x".repeat(999) + "\n").repeat(1_100);
        assertEquals(
                List.of("spec.definition"),
                sizeErrors(definition).stream().map(Problem::field).toList());
    }

    private List<Problem> sizeErrors(String yaml) {
        EntityValidator size = new EntityValidator(List.of(new EntitySizePolicy()));
        return reader.read(yaml, DescriptorReader.Format.YAML, null).stream()
                .map(size::validate)
                .flatMap(List::stream)
                .filter(Problem::isError)
                .toList();
    }

    @Test
    void aSuggestedDescriptorsPlaceholdersAreNamedAsWarnings() {
        List<Problem> problems = problems("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: web-ci}
                spec:
                  type: pipeline
                  lifecycle: production
                  owner: group:CHANGE-ME
                  pipeline: {family: delivery, maintainers: [user:CHANGE-ME, user:alice]}
                """);
        assertEquals(
                List.of("spec.owner", "spec.pipeline.maintainers.0"),
                problems.stream().map(Problem::field).toList());
        assertTrue(problems.stream().noneMatch(Problem::isError));
        assertTrue(problems.get(0).message().contains("the placeholder of a suggested descriptor; fill in who it is"));
    }

    @Test
    void namesDocumentLineFieldExpectationAndValue() {
        List<Problem> errors = errors("""
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: ok}
                spec: {type: team, children: []}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: Custom MS SQL Docker
                spec: {type: service, lifecycle: production, owner: team-a}
                """);
        assertEquals(1, errors.size());
        Problem p = errors.get(0);
        assertEquals(
                "document 2 (line 9): \"metadata.name\" is not valid; expected a string that is sequences of "
                        + "[a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total but found "
                        + "\"Custom MS SQL Docker\"",
                p.message());
        assertEquals(2, p.document());
        assertEquals(9, p.line());
        assertEquals(3, p.column());
        assertEquals("metadata.name", p.field());
    }

    @Test
    void checksRequiredFieldsOfEachCoreKind() {
        assertTrue(errors("apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: a}\n"
                        + "spec: {type: openapi, lifecycle: production, owner: x}\n")
                .get(0)
                .message()
                .contains("\"spec.definition\" must have a value"));
        assertTrue(errors("apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: a}\nspec: {type: team}\n")
                .get(0)
                .message()
                .contains("spec.children"));
        assertTrue(errors("apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: a}\nspec: {}\n")
                .get(0)
                .message()
                .contains("spec.memberOf"));
        assertTrue(errors("apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: {name: a}\nspec: {}\n")
                .get(0)
                .message()
                .contains("spec.owner"));
        assertTrue(errors("apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: {name: a}\n"
                        + "spec: {owner: x, type: db, dependsOn: 'component:b'}\n")
                .get(0)
                .message()
                .contains("\"spec.dependsOn\" is not valid; expected a list"));
    }

    @Test
    void refusesMalformedReferences() {
        List<Problem> errors = errors("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a}\n"
                + "spec: {type: service, lifecycle: production, owner: 'group:', dependsOn: ['a:b:c']}\n");
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).message().contains("\"spec.owner\" is not valid; expected an entity reference"));
        assertTrue(errors.get(1).message().contains("spec.dependsOn.0"));
    }

    @Test
    void keepsUninterpretedKindsWithAWarning() {
        List<Problem> problems =
                problems("apiVersion: backstage.io/v1alpha1\nkind: Environment\nmetadata: {name: prod}\n"
                        + "spec: {lifecycle: production}\n");
        assertEquals(1, problems.size());
        assertEquals(Problem.Severity.WARNING, problems.get(0).severity());
        assertTrue(problems.get(0).message().contains("not one Interlock interprets"));
    }

    @Test
    void keepsUnresolvedPlaceholdersWithAWarningThatNamesThem() {
        List<Problem> problems = problems("apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: a}\n"
                + "spec: {type: openapi, lifecycle: production, owner: x, definition: {$text: ./openapi.yaml}}\n");
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(Problem.Severity.WARNING, problems.get(0).severity());
        assertTrue(problems.get(0).message().contains("$text placeholder (\"./openapi.yaml\")"));
    }

    @Test
    void refusesANonMappingDocument() {
        List<Problem> errors = errors("- just\n- a list\n");
        assertTrue(errors.get(0).message().startsWith("document 1 (line 1): expected an entity object"));
        assertTrue(
                errors("plain text that is not yaml mapping\n").get(0).message().contains("expected an entity object"));
    }

    @Test
    void refusesUnknownApiVersionOfACoreKind() {
        assertTrue(errors("apiVersion: backstage.io/v1beta0\nkind: Component\nmetadata: {name: a}\n"
                        + "spec: {type: s, lifecycle: p, owner: o}\n")
                .get(0)
                .message()
                .contains("\"apiVersion\" is not valid; expected one of backstage.io/v1alpha1, backstage.io/v1beta1"));
    }
}
