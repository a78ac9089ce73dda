package dev.interlock.validate;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.DescriptorSyntaxException;
import dev.interlock.descriptor.DescriptorText;
import dev.interlock.descriptor.NotTextException;
import dev.interlock.descriptor.Position;
import dev.interlock.descriptor.ReaderLimits;
import dev.interlock.errors.FileReasons;
import dev.interlock.model.Node;
import dev.interlock.registration.BodyValidation;
import dev.interlock.validation.EntityValidator;
import dev.interlock.validation.Problem;

/**
 * Validates one descriptor file as registration would validate it as a body: read with the registration reader's
 * default limits ({@code .json} files as JSON, all others as YAML), then checked by {@link BodyValidation} with every
 * entity policy. References to entities that are not there are not errors, as at registration. A file that cannot be
 * read, or is too large to be a descriptor, is an error of its own.
 */
final class FileCheck {

    /**
     * One thing found in a file.
     *
     * @param file the file, as named on the command line or found in a folder
     * @param line 1-based line
     * @param column 1-based column
     * @param error whether it is an error (else a warning)
     * @param message the server's message
     */
    record Finding(Path file, int line, int column, boolean error, String message) {}

    /**
     * What one file came to.
     *
     * @param findings its errors and warnings
     * @param entities how many entities it holds
     * @param descriptor whether it holds anything that looks like an entity (a document with apiVersion or kind)
     */
    record Outcome(List<Finding> findings, int entities, boolean descriptor) {

        boolean hasErrors() {
            return findings.stream().anyMatch(Finding::error);
        }
    }

    private final DescriptorReader reader = new DescriptorReader(ReaderLimits.DEFAULTS);
    private final EntityValidator validator;

    FileCheck(EntityValidator validator) {
        this.validator = validator;
    }

    /**
     * The most bytes a file may have: a UTF-8 character takes at most four, so a larger file has more characters than
     * the reader takes, and is refused without being read (a file of gigabytes would not fit the heap).
     */
    static final long MAX_BYTES = 4L * ReaderLimits.DEFAULTS.maxCodePoints();

    Outcome check(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return error(
                        file,
                        "the file has " + size + " bytes, more than the " + ReaderLimits.DEFAULTS.maxCodePoints()
                                + " characters a descriptor file may have; split it into smaller files");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return unreadable(file, e);
        }
        List<Descriptor> documents;
        try {
            String text = DescriptorText.decode(bytes, "the file", "save it as UTF-8");
            boolean json =
                    file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
            documents = reader.read(
                    text, json ? DescriptorReader.Format.JSON : DescriptorReader.Format.YAML, "file:" + file);
        } catch (DescriptorSyntaxException e) {
            return error(file, e.position(), e.describe());
        } catch (NotTextException e) {
            return error(file, e.position(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(file, e.getMessage());
        }
        if (documents.isEmpty()) {
            return new Outcome(
                    List.of(new Finding(
                            file,
                            1,
                            1,
                            true,
                            "the file holds no entity; a descriptor has one or more YAML documents or JSON objects")),
                    0,
                    false);
        }
        BodyValidation.Result result = BodyValidation.check(documents, validator);
        List<Finding> findings = new ArrayList<>();
        for (Problem p : result.errors()) {
            findings.add(finding(file, p));
        }
        for (Problem p : result.warnings()) {
            findings.add(finding(file, p));
        }
        findings.sort(java.util.Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        boolean descriptor = documents.stream()
                .map(d -> Node.of(d.root()).keys())
                .anyMatch(keys -> keys.contains("apiVersion") || keys.contains("kind"));
        return new Outcome(findings, documents.size(), descriptor);
    }

    /** A file or folder that could not be read: an error of its own, saying why. */
    static Outcome unreadable(Path path, IOException e) {
        String reason = e instanceof FileSystemException f ? FileReasons.of(f) : e.toString();
        return error(path, "the " + (Files.isDirectory(path) ? "folder" : "file") + " cannot be read (" + reason + ")");
    }

    /** An error of the file as a whole, pointed at its start. */
    private static Outcome error(Path file, String message) {
        return error(file, null, message);
    }

    /**
     * A file the reader could not take in, pointed at where it stopped when it says (an annotation then marks that
     * line, not the first), else at its start.
     */
    private static Outcome error(Path file, Position p, String message) {
        return new Outcome(
                List.of(new Finding(file, p == null ? 1 : p.line(), p == null ? 1 : p.column(), true, message)),
                0,
                true);
    }

    private static Finding finding(Path file, Problem p) {
        return new Finding(
                file, p.line() == null ? 1 : p.line(), p.column() == null ? 1 : p.column(), p.isError(), p.message());
    }
}
