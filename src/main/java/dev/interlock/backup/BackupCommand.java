package dev.interlock.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

import dev.interlock.errors.FileReasons;

/**
 * {@code quarkus-run.jar export DIR} and {@code quarkus-run.jar import DIR}: the catalog of the configured database
 * (the server's datasource settings, e.g. {@code QUARKUS_DATASOURCE_JDBC_URL}) out to a folder, or a folder back in.
 * A name ending in {@code .zip} means a zip file (the API's) instead of a folder. The application starts without
 * listening on any port, without scheduled jobs and without loading the example catalog, does the one thing and
 * stops.
 *
 * <p>Exit status: 0 done, 1 the import was refused (each problem on standard output) or the database failed, 2 a
 * usage error.
 */
public class BackupCommand implements QuarkusApplication {

    /** Exit status when the command did its work. */
    public static final int DONE = 0;
    /** Exit status when an import was refused or the database failed. */
    public static final int FAILED = 1;
    /** Exit status of a usage error. */
    public static final int USAGE = 2;

    static final String HELP = """
            Usage: java -jar quarkus-run.jar export DIR|FILE.zip
                   java -jar quarkus-run.jar import DIR|FILE.zip

            export writes the whole catalog of the configured database (QUARKUS_DATASOURCE_JDBC_URL, ...) as YAML
            files, one per entity in a folder per kind, and Interlock's own data under _interlock/; DIR must be new,
            hold no YAML files or hold an earlier export (other files, such as a README or .git, are left alone).
            import reads such a folder (or the API's zip) back, all or nothing.
            Exit status: 0 done, 1 import refused or database error, 2 usage error.""";

    /**
     * Settings of a command run: no HTTP port, no scheduled jobs, no example catalog, no single sign-on; warnings
     * only, and on standard error (standard output is for the problems of a refused import).
     */
    private static final Map<String, String> COMMAND_MODE = Map.of(
            "quarkus.http.host-enabled",
            "false",
            "quarkus.scheduler.enabled",
            "false",
            "quarkus.oidc.tenant-enabled",
            "false",
            "interlock.examples.load",
            "false",
            "interlock.registration.warmup-documents",
            "0",
            "quarkus.banner.enabled",
            "false",
            dev.interlock.security.LocalAccounts.COMMAND,
            "true",
            "quarkus.log.level",
            "WARN",
            "quarkus.log.console.stderr",
            "true",
            // A failed start is said in one line by the exit handler below, not as Quarkus's stack trace.
            "quarkus.log.category.\"io.quarkus.runtime.Application\".level",
            "OFF");

    @Inject
    CatalogExport export;

    @Inject
    CatalogImport importer;

    /** Checks the arguments, then runs the command in the application; returns only on a usage error. */
    public static int main(String... args) {
        PrintStream err = System.err;
        if (args.length == 2 && (args[1].equals("-h") || args[1].equals("--help"))) {
            System.out.println(HELP);
            return DONE;
        }
        if (args.length != 2 || args[1].startsWith("-")) {
            err.println(args[0] + ": name one folder (or .zip file)");
            err.println(HELP);
            return USAGE;
        }
        Path path = Path.of(args[1]);
        String problem;
        try {
            problem = args[0].equals("import")
                    ? (Files.exists(path) ? null : path + " does not exist")
                    : zip(path) ? null : ArchiveIo.unfitForExport(path);
        } catch (IOException e) {
            problem = path + " cannot be read ("
                    + (e instanceof FileSystemException f ? FileReasons.of(f) : e.getMessage()) + ")";
        }
        if (problem != null) {
            err.println(args[0] + ": " + problem);
            return USAGE;
        }
        COMMAND_MODE.forEach(System::setProperty);
        // The command's JVM holds nothing but the archive: unless configured, its limits follow its heap, so that a
        // backup too large for a server's API (and its 256 MB heap) still goes back in from the command line.
        long heap = Runtime.getRuntime().maxMemory();
        unlessConfigured("interlock.backup.max-unpacked-size", Math.max(64L << 20, heap / 3));
        unlessConfigured("interlock.backup.max-file-size", Math.max(16L << 20, heap / 12));
        Quarkus.run(
                BackupCommand.class,
                (status, failure) -> {
                    if (failure != null) {
                        err.println(args[0] + ": " + failed(failure));
                    }
                    System.exit(status);
                },
                args);
        return DONE;
    }

    private static void unlessConfigured(String property, long bytes) {
        String env =
                property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        if (System.getProperty(property) == null && System.getenv(env) == null) {
            System.setProperty(property, Long.toString(bytes));
        }
    }

    /** Why the command could not run, in one line: the innermost cause, and what to do when the database is in use. */
    static String failed(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof FileSystemException f
                ? f.getFile() + ": " + FileReasons.of(f)
                : root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        message = message.lines().findFirst().orElse(message);
        if (message.contains("locked")) {
            return "the catalog's database is in use (" + message + "): stop the server that holds it first, or"
                    + " export through the running server's API (GET /api/catalog/export)";
        }
        if (message.contains("Driver does not support the provided URL")) {
            // The database kind is fixed at build time (README, "PostgreSQL").
            return "stopped: " + message + ": this build is for the other database; use the H2 build for a"
                    + " jdbc:h2: URL and the PostgreSQL build (./mvnw -Ppostgresql package) for a jdbc:postgresql: one";
        }
        return "stopped: " + message;
    }

    private static boolean zip(Path path) {
        return path.getFileName() != null
                && path.getFileName()
                        .toString()
                        .toLowerCase(java.util.Locale.ROOT)
                        .endsWith(".zip");
    }

    @Override
    public int run(String... args) throws IOException {
        Path path = Path.of(args[1]);
        return args[0].equals("export") ? export(path, zip(path)) : restore(path, zip(path));
    }

    private int export(Path path, boolean zip) throws IOException {
        Archive archive = export.export();
        if (zip) {
            try (OutputStream out = Files.newOutputStream(path)) {
                ArchiveIo.writeZip(archive, out);
            }
        } else {
            ArchiveIo.writeDirectory(archive, path);
        }
        long entities = archive.files().keySet().stream()
                .filter(p -> !Archive.isMeta(p))
                .count();
        System.err.println("export: " + entities + " entities and "
                + (archive.files().size() - entities) + " files of Interlock's own data written to " + path);
        return DONE;
    }

    private int restore(Path path, boolean zip) throws IOException {
        ArchiveIo io = importer.io();
        try {
            Archive archive;
            if (zip) {
                try (InputStream in = Files.newInputStream(path)) {
                    archive = io.readZip(in);
                }
            } else {
                archive = io.readDirectory(path);
            }
            CatalogImport.Summary summary = importer.restore(archive, "import");
            System.err.println("import: " + summary.entities() + " entities (" + summary.replaced()
                    + " replaced an entity of the catalog), rows " + summary.rows() + " from " + path);
            return DONE;
        } catch (ImportRejected e) {
            e.problems().forEach(p -> System.out.println(p.message()));
            System.out.flush();
            System.err.println(
                    "import: refused, nothing was imported (" + e.problems().size() + " problem(s))");
            return FAILED;
        }
    }
}
