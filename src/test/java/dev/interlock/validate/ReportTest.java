package dev.interlock.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Each finding is one line in either format, whatever the values it quotes hold. */
class ReportTest {

    private static final FileCheck.Finding FORGED = new FileCheck.Finding(
            Path.of("cat\nalog.yaml"),
            3,
            7,
            true,
            "\"metadata.name\" must be a name, but found \"bad\n::error file=evil.yaml,line=1::INJECTED\"");

    @Test
    void textWritesLineBreaksAsEscapes() {
        Report text = new Report(Report.Format.TEXT, new PrintStream(PrintStream.nullOutputStream()), System.err);
        String line = text.line(FORGED);
        assertEquals(1, line.lines().count(), line);
        assertEquals(
                "cat\\nalog.yaml:3:7: \"metadata.name\" must be a name, but found \"bad\\n::error file=evil.yaml,"
                        + "line=1::INJECTED\"",
                line);
    }

    @Test
    void githubEscapesAsItsWorkflowCommandsDo() {
        Report github = new Report(Report.Format.GITHUB, new PrintStream(PrintStream.nullOutputStream()), System.err);
        String line = github.line(FORGED);
        assertEquals(1, line.lines().count(), line);
        assertEquals(
                "::error file=cat%0Aalog.yaml,line=3,col=7::\"metadata.name\" must be a name, but found \"bad%0A"
                        + "::error file=evil.yaml,line=1::INJECTED\"",
                line);
    }
}
