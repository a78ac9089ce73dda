package dev.interlock.validate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code quarkus-run.jar validate [--format text|github] PATH...}: validates descriptor files offline, with the
 * code the server registers with, and without starting the application (no database, no network, no
 * {@code ./data}). Folders are searched for {@code *.yaml}, {@code *.yml} and {@code *.json} files (hidden ones
 * left out); a file found there whose documents have neither {@code apiVersion} nor {@code kind} (an OpenAPI
 * document next to its API, a workflow file) is not a descriptor and is skipped. A file named on the command line
 * is always validated.
 *
 * <p>Exit status: 0 when every file is valid (warnings allowed), 1 when any has an error, 2 on a usage error.
 */
public final class ValidateCommand {

    /** Exit status when every file is valid. */
    public static final int VALID = 0;
    /** Exit status when any file has an error. */
    public static final int INVALID = 1;
    /** Exit status of a usage error: no path, an unknown option, a path that does not exist. */
    public static final int USAGE = 2;

    static final String HELP = """
            Usage: java -jar quarkus-run.jar validate [--format text|github] PATH...

            Validates Backstage/Interlock descriptor files as the server's registration does, without a server.
            PATH is a file or a folder (searched for *.yaml, *.yml and *.json).
              --format text    file:line:column: message (the default)
              --format github  ::error file=...,line=...,col=...::message (GitHub Actions annotations)
            Exit status: 0 all valid, 1 some file has errors, 2 usage error.""";

    private final PrintStream out;
    private final PrintStream err;

    public ValidateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command with the arguments after {@code validate}; returns the exit status. */
    public int run(String... args) {
        Report.Format format = Report.Format.TEXT;
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                out.println(HELP);
                return VALID;
            }
            if (arg.equals("--format") || arg.startsWith("--format=")) {
                String value = arg.contains("=")
                        ? arg.substring(arg.indexOf('=') + 1)
                        : i + 1 < args.length ? args[++i] : null;
                format = value == null ? null : Report.Format.of(value);
                if (format == null) {
                    return usage("--format takes text or github" + (value == null ? "" : ", not \"" + value + "\""));
                }
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                return usage("unknown option " + arg);
            } else {
                paths.add(Path.of(arg));
            }
        }
        if (paths.isEmpty()) {
            return usage("name at least one file or folder to validate");
        }
        for (Path p : paths) {
            if (!Files.exists(p)) {
                return usage(p + " does not exist");
            }
        }
        return validate(paths, format);
    }

    private int validate(List<Path> paths, Report.Format format) {
        FileCheck check = new FileCheck(Policies.validator());
        Report report = new Report(format, out, err);
        try {
            for (Path path : paths) {
                if (Files.isDirectory(path)) {
                    for (Found found : descriptorFiles(path)) {
                        FileCheck.Outcome outcome = found.failure() != null
                                ? FileCheck.unreadable(found.path(), found.failure())
                                : check.check(found.path());
                        if (outcome.descriptor()) {
                            report.file(outcome);
                        } else {
                            report.skipped(found.path());
                        }
                    }
                } else {
                    report.file(check.check(path));
                }
            }
        } catch (IOException e) {
            err.println("validate: " + e.getMessage());
            return USAGE;
        }
        report.summary();
        return report.anyErrors() ? INVALID : VALID;
    }

    /**
     * A file found in a folder, or a file or folder there that could not be read.
     *
     * @param path where it is
     * @param failure why it could not be read, or {@code null}
     */
    record Found(Path path, IOException failure) {}

    /**
     * The YAML and JSON files under a folder, in name order; hidden files and folders are left out. A file or folder
     * that cannot be read (no permission) is listed with its failure, and the rest of the folder is still searched.
     */
    static List<Found> descriptorFiles(Path dir) throws IOException {
        List<Found> found = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return hidden(dir.relativize(d)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!hidden(dir.relativize(file)) && Files.isRegularFile(file) && descriptorName(file)) {
                    found.add(new Found(file, null));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (!hidden(dir.relativize(file)) && (Files.isDirectory(file) || descriptorName(file))) {
                    found.add(new Found(file, e));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(java.util.Comparator.comparing(Found::path));
        return found;
    }

    private static boolean descriptorName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private int usage(String problem) {
        err.println("validate: " + problem);
        err.println(HELP);
        return USAGE;
    }
}
