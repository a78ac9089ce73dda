package dev.interlock.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.ReaderLimits;
import dev.interlock.support.Corpus;
import dev.interlock.support.Validators;

/**
 * Backstage's own validation cases are refused with the message their upstream test expects, and Backstage's
 * own example catalog is accepted.
 */
class ConformanceTest {

    private static final Pattern EXPECTED = Pattern.compile("matches /(.*)/(i?)\\s*$");
    private final DescriptorReader reader = new DescriptorReader(ReaderLimits.DEFAULTS);
    private final EntityValidator validator = Validators.all();

    static Stream<Path> cases() {
        return Corpus.conformanceCases().stream();
    }

    static Stream<Path> examples() {
        return Corpus.exampleFiles().stream().filter(p -> !p.toString().endsWith(".oas.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyUpstreamCaseIsRefusedWithItsExpectedMessage(Path file) {
        String text = Corpus.read(file);
        List<Problem> errors = errors(text);
        assertFalse(errors.isEmpty(), file + " was accepted");
        Pattern expected = expectedPattern(text);
        String all = String.join("\n", errors.stream().map(Problem::message).toList());
        assertTrue(
                errors.stream().anyMatch(p -> expected.matcher(p.message()).find()),
                "no message of " + file.getFileName() + " matches " + expected + ":\n" + all);
        // Every error says where: the document and the line.
        errors.forEach(p -> assertTrue(p.message().matches("document 1 \\(line \\d+\\): .*"), p.message()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyBackstageExampleIsAccepted(Path file) {
        List<Problem> errors = errors(Corpus.read(file));
        assertTrue(errors.isEmpty(), file + ": " + errors);
    }

    @Test
    void theUpstreamInvalidExampleFileIsRefusedForItsNameAndTag() {
        Path file = Corpus.root()
                .resolve(
                        "backstage-conformance/files/backstage__backstage__packages_catalog-model_examples_components_invalid-component.yaml");
        List<Problem> errors = errors(Corpus.read(file));
        assertTrue(
                errors.get(0)
                        .message()
                        .contains("\"metadata.name\" is not valid; expected a string that is "
                                + "sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total but found "
                                + "\"invalid component\""),
                errors.get(0).message());
        assertTrue(
                errors.stream().anyMatch(p -> p.message().matches("(?i).*tags.*\"go 1.15.3\".*")), errors.toString());
    }

    private List<Problem> errors(String text) {
        return reader.read(text, DescriptorReader.Format.YAML, null).stream()
                .map(validator::validate)
                .flatMap(List::stream)
                .filter(Problem::isError)
                .toList();
    }

    /** The regex in a case's header; case 16 (unknown apiVersion) names none, so its field is expected. */
    private static Pattern expectedPattern(String text) {
        for (String line : text.lines().limit(3).toList()) {
            Matcher m = EXPECTED.matcher(line);
            if (m.find()) {
                return Pattern.compile(m.group(1), m.group(2).isEmpty() ? 0 : Pattern.CASE_INSENSITIVE);
            }
        }
        return Pattern.compile("apiVersion.*backstage.io/v1beta0");
    }

    @Test
    void aDescriptorParsesToOneDocumentPerEntity() {
        List<Descriptor> docs = reader.read(
                Corpus.read(Corpus.root().resolve("backstage-examples/all-apis.yaml")),
                DescriptorReader.Format.YAML,
                null);
        assertFalse(docs.isEmpty());
    }
}
