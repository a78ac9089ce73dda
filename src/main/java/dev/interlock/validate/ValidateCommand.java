package dev.interlock.validate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

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
                    for (Path file : descriptorFiles(path)) {
                        FileCheck.Outcome outcome = check.check(file);
                        if (outcome.descriptor()) {
                            report.file(outcome);
                        } else {
                            report.skipped(file);
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

    /** The YAML and JSON files under a folder, in name order; hidden files and folders are left out. */
    static List<Path> descriptorFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !hidden(dir.relativize(p)))
                    .filter(p -> {
                        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
                    })
                    .sorted()
                    .toList();
        }
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
