package dev.interlock;

import java.util.Arrays;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import dev.interlock.validate.ValidateCommand;

/**
 * The entry point of {@code quarkus-run.jar}. {@code validate PATH...} validates descriptor files and exits without
 * starting the application (no datasource, Flyway or {@code ./data} is touched); anything else starts the server as
 * usual.
 */
@QuarkusMain
public final class InterlockMain {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("validate")) {
            int status = new ValidateCommand(System.out, System.err).run(Arrays.copyOfRange(args, 1, args.length));
            System.out.flush();
            System.exit(status);
        }
        Quarkus.run(args);
    }
}
