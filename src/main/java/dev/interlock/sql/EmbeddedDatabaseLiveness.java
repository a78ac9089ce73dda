package dev.interlock.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /q/health/live} goes down when the embedded H2 database has closed itself. H2 closes its store after a
 * write failed (the heap ran out, the disk filled up), and from then on every statement fails while the connection
 * pool still looks healthy, so readiness alone would keep a process that can only answer errors. Only a restart
 * reopens the file (at its last complete commit: acknowledged writes are in it), so this is a liveness check: the
 * orchestrator or systemd restarts the process.
 *
 * <p>On PostgreSQL the database is another process: it being unreachable is not this process being broken, and
 * restarting every replica would not bring it back, so the check says up (readiness reports the connections).
 */
@Liveness
@ApplicationScoped
public class EmbeddedDatabaseLiveness implements HealthCheck {

    private static final String NAME = "Embedded database";

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String databaseKind;

    @Override
    public HealthCheckResponse call() {
        if (!"h2".equalsIgnoreCase(databaseKind)) {
            return HealthCheckResponse.named(NAME)
                    .up()
                    .withData("embedded", false)
                    .build();
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            if (H2Stores.closedEmbedded(connection)) {
                return down("H2 closed its store after a failed write; restart to reopen it");
            }
            statement.execute("SELECT 1");
            return HealthCheckResponse.named(NAME).up().build();
        } catch (SQLException | RuntimeException e) {
            return down(firstLine(e.getMessage()));
        }
    }

    private static HealthCheckResponse down(String why) {
        return HealthCheckResponse.named(NAME).down().withData("reason", why).build();
    }

    /** H2's messages carry the statement and a version suffix on further lines; the first says what went wrong. */
    private static String firstLine(String message) {
        if (message == null) {
            return "the database did not answer";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
