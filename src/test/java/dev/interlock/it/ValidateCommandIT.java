package dev.interlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar quarkus-run.jar validate} as CI runs it: in a working directory of its own, on a copy of the
 * example catalog, with and without a bad file. It never starts the application, so nothing is written there.
 */
class ValidateCommandIT {

    private static final String NAME_MESSAGE = "\"metadata.name\" is not valid; expected a string that is sequences "
            + "of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total but found \"Custom MS SQL Docker\"";
    private static Path work;

    /** What a run printed and how it ended. */
    record Run(int status, List<String> out, String err) {}

    @BeforeAll
    static void copyTheExampleCatalog() throws IOException {
        work = Files.createTempDirectory("interlock-validate");
        Path catalog = Files.createDirectories(work.resolve("catalog"));
        try (Stream<Path> files = Files.list(Path.of("catalog-examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(f, catalog.resolve(f.getFileName()));
            }
        }
        Path bad = Files.createDirectories(work.resolve("bad"));
        for (Path f : Files.list(catalog).toList()) {
            Files.copy(f, bad.resolve(f.getFileName()));
        }
        // The second document's name is at line 9, column 3 of the file.
        Files.writeString(bad.resolve("sql.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: {name: sql-ok}
                spec: {type: database, owner: group:sre}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata:
                  name: Custom MS SQL Docker
                spec: {type: database, owner: group:sre}
                """);
        Files.writeString(work.resolve("broken.yml"), "apiVersion: backstage.io/v1alpha1\nkind: [Component\n");
    }

    @Test
    void aValidCatalogExitsZeroAndPrintsNoProblem() throws Exception {
        Run run = validate("catalog");
        assertEquals(0, run.status(), run.toString());
        assertEquals(List.of(), run.out());
        assertTrue(run.err().contains("9 file(s)"), run.err());
        noDataFolder();
    }

    @Test
    void oneBadFileAmongManyExitsOneWithItsFileLineAndColumn() throws Exception {
        Run run = validate("bad");
        assertEquals(1, run.status(), run.toString());
        assertEquals(List.of("bad/sql.yaml:9:3: document 2 (line 9): " + NAME_MESSAGE), run.out());
        assertTrue(run.err().contains("1 error(s) in 1 file(s)"), run.err());
        noDataFolder();
    }

    @Test
    void githubFormatPrintsWorkflowCommands() throws Exception {
        Run run = validate("--format", "github", "bad/sql.yaml", "catalog");
        assertEquals(1, run.status(), run.toString());
        assertEquals(
                List.of("::error file=bad/sql.yaml,line=9,col=3::document 2 (line 9): " + NAME_MESSAGE), run.out());
    }

    @Test
    void aYamlSyntaxErrorIsPlacedWhereTheParserStopped() throws Exception {
        Run run = validate("broken.yml");
        assertEquals(1, run.status(), run.toString());
        assertEquals(1, run.out().size(), run.toString());
        assertTrue(
                run.out().get(0).matches("broken\\.yml:3:1: document 1 \\(line 3, column 1\\): YAML syntax error: .*"),
                run.out().get(0));
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Run none = validate();
        assertEquals(2, none.status(), none.toString());
        assertTrue(none.err().contains("Usage:"), none.err());
        assertEquals(2, validate("--strict", "catalog").status());
        assertEquals(2, validate("--format", "xml", "catalog").status());
        Run missing = validate("catalog", "no-such-folder");
        assertEquals(2, missing.status(), missing.toString());
        assertTrue(missing.err().contains("no-such-folder does not exist"), missing.err());
        assertEquals(List.of(), missing.out());
        noDataFolder();
    }

    private static void noDataFolder() throws IOException {
        assertFalse(Files.exists(work.resolve("data")), "validate created ./data");
        try (Stream<Path> all = Files.walk(work)) {
            assertEquals(
                    List.of(), all.filter(p -> p.toString().endsWith(".db")).toList(), "a database file");
        }
    }

    private static Run validate(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("validate"));
        command.addAll(List.of(args));
        Packaged.Run run = Packaged.command(work, Map.of(), command.toArray(String[]::new));
        return new Run(run.status(), run.out(), run.err());
    }
}
