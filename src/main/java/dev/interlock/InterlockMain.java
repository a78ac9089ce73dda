package dev.interlock;

import java.util.Arrays;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import dev.interlock.backup.BackupCommand;
import dev.interlock.validate.ValidateCommand;

/**
 * The entry point of {@code quarkus-run.jar}. {@code validate PATH...} validates descriptor files and exits without
 * starting the application (no datasource, Flyway or {@code ./data} is touched); {@code export DIR} and
 * {@code import DIR} start it without an HTTP port to write or read a backup ({@link BackupCommand}); anything else
 * starts the server as usual.
 */
@QuarkusMain
public final class InterlockMain {

    /**
     * The system property that turns off Quarkus's check of the request URI's syntax, which answers an empty 400: the
     * same check is made by {@link dev.interlock.web.RequestGuards}, whose 400 says what is wrong. Set by
     * {@link #main} and, for the tests, by the Surefire configuration.
     */
    public static final String URI_CHECK_OFF = "vertx.disableURIValidation";

    /**
     * The system property that lets Java's HTTP client send a {@code Host} header, which plain-http locations are read
     * with ({@code location.ResolvedUrl}). The client reads it once, when it is first loaded: set by {@link #main}
     * before anything runs and, for the tests, by the Surefire configuration.
     */
    public static final String HOST_HEADER = "jdk.httpclient.allowRestrictedHeaders";

    public static void main(String... args) {
        System.setProperty(URI_CHECK_OFF, "true");
        System.setProperty(HOST_HEADER, "host");
        if (args.length > 0 && args[0].equals("validate")) {
            int status = new ValidateCommand(System.out, System.err).run(Arrays.copyOfRange(args, 1, args.length));
            System.out.flush();
            System.exit(status);
        }
        if (args.length > 0 && (args[0].equals("export") || args[0].equals("import"))) {
            // Returns only when the arguments are wrong; otherwise the application exits with the command's status.
            System.exit(BackupCommand.main(args));
        }
        Quarkus.run(args);
    }
}
