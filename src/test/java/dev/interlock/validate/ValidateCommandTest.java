package dev.interlock.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator on files it cannot take in: each is an error of its own, with its name and why, and the other files
 * are still validated.
 */
class ValidateCommandTest {

    private static final String VALID = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: {name: ok}
            spec: {type: service, lifecycle: production, owner: group:sre}
            """;

    /** What a run printed and how it ended. */
    record Run(int status, List<String> out, String err) {}

    @TempDir
    Path dir;

    @Test
    void aFileTooLargeToBeADescriptorIsAnErrorWithoutReadingIt() throws IOException {
        Path huge = dir.resolve("huge.yaml");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: no disk taken, and more than a Java array holds
        }
        Files.writeString(dir.resolve("ok.yaml"), VALID);

        Run run = validate(dir.toString());

        assertEquals(ValidateCommand.INVALID, run.status(), run.toString());
        assertEquals(1, run.out().size(), run.toString());
        assertTrue(
                run.out().get(0).startsWith(dir.resolve("huge.yaml") + ":1:1: the file has 3221225472 bytes"),
                run.toString());
        assertTrue(run.err().contains("2 file(s), 1 document(s): 1 error(s) in 1 file(s)"), run.err());
    }

    @Test
    void aFileThatCannotBeReadIsAnErrorAndTheOthersAreStillValidated() throws IOException {
        Path socket = dir.resolve("socket.yaml");
        Files.writeString(dir.resolve("ok.yaml"), VALID);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));

            Run run = validate(socket.toString(), dir.resolve("ok.yaml").toString());

            assertEquals(ValidateCommand.INVALID, run.status(), run.toString());
            assertEquals(1, run.out().size(), run.toString());
            assertTrue(run.out().get(0).startsWith(socket + ":1:1: the file cannot be read ("), run.toString());
            assertTrue(run.err().contains("2 file(s), 1 document(s): 1 error(s) in 1 file(s)"), run.err());
        }
    }

    @Test
    void aByteOrderMarkAsWindowsEditorsWriteItIsNoError() throws IOException {
        String json = "{\"apiVersion\": \"backstage.io/v1alpha1\", \"kind\": \"Component\", \"metadata\": {\"name\": "
                + "\"ok\"}, \"spec\": {\"type\": \"service\", \"lifecycle\": \"production\", \"owner\": \"sre\"}}";
        Files.writeString(dir.resolve("catalog-info.json"), "\uFEFF" + json);
        Files.writeString(dir.resolve("catalog-info.yaml"), "\uFEFF" + VALID);

        Run run = validate(dir.toString());

        assertEquals(ValidateCommand.VALID, run.status(), run.toString());
        assertEquals(List.of(), run.out());
        assertTrue(run.err().contains("2 file(s), 2 document(s): 0 error(s)"), run.err());
    }

    @Test
    void aFileNotUtf8OrNestedTooDeepIsAnnotatedWhereTheReaderStopped() throws IOException {
        Path latin1 = dir.resolve("latin1.yaml");
        // The é of "café" as Latin-1 writes it (0xe9): line 3, after 37 characters.
        Files.write(
                latin1,
                VALID.replace("{name: ok}", "{name: ok, description: caf\u00e9}")
                        .getBytes(StandardCharsets.ISO_8859_1));
        Path yaml = dir.resolve("deep.yaml");
        // Below the root and spec, the 50th list is one level more than the reader takes; it starts at column 60.
        Files.writeString(
                yaml,
                "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: deep}\nspec:\n  nested: "
                        + "[".repeat(60) + "]".repeat(60) + "\n");
        Path json = dir.resolve("deep.json");
        // Likewise in JSON: the 50th list, which starts at column 70 of line 3.
        Files.writeString(
                json,
                "{\"apiVersion\": \"backstage.io/v1alpha1\", \"kind\": \"Component\",\n \"metadata\": {\"name\": \"deep\"},"
                        + "\n \"spec\": {\"nested\": " + "[".repeat(60) + "]".repeat(60) + "}}\n");

        Run run = validate("--format", "github", latin1.toString(), yaml.toString(), json.toString());

        assertEquals(ValidateCommand.INVALID, run.status(), run.toString());
        assertEquals(
                List.of(
                        "::error file=" + latin1 + ",line=3,col=38::the file is not UTF-8 text: line 3, column 38"
                                + " (byte 0xe9); save it as UTF-8",
                        "::error file=" + yaml + ",line=5,col=60::document 1 (line 5, column 60): the document is"
                                + " nested more than 50 levels deep",
                        "::error file=" + json + ",line=3,col=70::document 1 (line 3, column 70): the document is"
                                + " nested more than 50 levels deep"),
                run.out());
    }

    @Test
    void aFileHoldingNulIsAnnotatedAtItsFirstNul() throws IOException {
        Path stray = dir.resolve("stray.yaml");
        // One NUL in a text that is otherwise UTF-8: line 3, after the 35 characters of "metadata: {..., description:
        // a".
        Files.writeString(stray, VALID.replace("{name: ok}", "{name: ok, description: a\0b}"));
        Path utf16 = dir.resolve("utf16.yaml");
        // Saved as UTF-16 by mistake (little-endian, no byte order mark): a NUL after each ASCII letter, the first at
        // line 1, column 2. A letter beyond ASCII further on is not UTF-8 either, but the NUL comes first.
        Files.write(utf16, VALID.replace("{name: ok}", "{name: caf\u00e9}").getBytes(StandardCharsets.UTF_16LE));

        Run run = validate("--format", "github", stray.toString(), utf16.toString());

        assertEquals(ValidateCommand.INVALID, run.status(), run.toString());
        assertEquals(
                List.of(
                        "::error file=" + stray + ",line=3,col=36::the file is not text: line 3, column 36 holds a NUL"
                                + " character (\\u0000), as binary files and UTF-16 text do; save it as UTF-8",
                        "::error file=" + utf16 + ",line=1,col=2::the file is not text: line 1, column 2 holds a NUL"
                                + " character (\\u0000), as binary files and UTF-16 text do; save it as UTF-8"),
                run.out());
    }

    private static Run validate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ValidateCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        return new Run(
                status, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }
}
