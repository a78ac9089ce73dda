package dev.interlock.validate;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints what the validator found, one line a problem, and a summary on the error stream. */
final class Report {

    /** How problems are printed. */
    enum Format {
        /** {@code file:line:column: message}, warnings as {@code file:line:column: warning: message}. */
        TEXT,
        /** GitHub Actions workflow commands: {@code ::error file=...,line=...,col=...::message}. */
        GITHUB;

        static Format of(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "text" -> TEXT;
                case "github" -> GITHUB;
                default -> null;
            };
        }
    }

    private final Format format;
    private final PrintStream out;
    private final PrintStream err;
    private final List<Path> skipped = new ArrayList<>();
    private int files;
    private int documents;
    private int errors;
    private int warnings;
    private int invalidFiles;

    Report(Format format, PrintStream out, PrintStream err) {
        this.format = format;
        this.out = out;
        this.err = err;
    }

    void file(FileCheck.Outcome outcome) {
        files++;
        documents += outcome.entities();
        if (outcome.hasErrors()) {
            invalidFiles++;
        }
        for (FileCheck.Finding f : outcome.findings()) {
            if (f.error()) {
                errors++;
            } else {
                warnings++;
            }
            out.println(line(f));
        }
    }

    void skipped(Path file) {
        skipped.add(file);
    }

    boolean anyErrors() {
        return errors > 0;
    }

    void summary() {
        if (!skipped.isEmpty()) {
            err.println("skipped " + skipped.size() + " file(s) without apiVersion or kind (not descriptors): "
                    + String.join(", ", skipped.stream().map(Report::name).toList()));
        }
        err.println(files + " file(s), " + documents + " document(s): " + errors + " error(s) in " + invalidFiles
                + " file(s), " + warnings + " warning(s)");
    }

    String line(FileCheck.Finding f) {
        String file = name(f.file());
        if (format == Format.GITHUB) {
            return "::" + (f.error() ? "error" : "warning") + " file=" + property(file) + ",line=" + f.line() + ",col="
                    + f.column() + "::" + data(f.message());
        }
        return oneLine(file) + ":" + f.line() + ":" + f.column() + ": " + (f.error() ? "" : "warning: ")
                + oneLine(f.message());
    }

    /**
     * One finding, one line: line breaks and other control characters a value (or a file name) brought in are
     * written as escapes, so the output cannot forge lines of its own (a CI log reads {@code ::error ...} lines as
     * commands).
     */
    private static String oneLine(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String name(Path file) {
        return file.normalize().toString().replace('\\', '/');
    }

    /** GitHub's escaping of a workflow command's message. */
    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** GitHub's escaping of a workflow command's property value. */
    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
