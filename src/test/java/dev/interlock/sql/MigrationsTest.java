package dev.interlock.sql;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Migrations that change rows an earlier build stored, run on a database an earlier build left: on H2 always, and on
 * PostgreSQL too when the suite runs on it (the {@code pg} test profile).
 */
class MigrationsTest {

    /** A database migrated by Flyway, in a schema of its own. */
    record Database(String name, String url, String user) {

        Flyway flyway(String target) {
            return Flyway.configure()
                    .dataSource(url, user, "")
                    .schemas("migrations_test")
                    .locations("classpath:db/migration")
                    .cleanDisabled(false)
                    .target(target)
                    .load();
        }

        Connection connect() throws SQLException {
            Connection c = DriverManager.getConnection(url, user, "");
            c.setSchema("migrations_test");
            return c;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Database> databases() {
        Database h2 = new Database("H2", "jdbc:h2:mem:migrations-test;DB_CLOSE_DELAY=-1", "sa");
        return System.getProperty("quarkus.test.profile", "").contains("pg")
                ? Stream.of(h2, new Database("PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/test", "postgres"))
                : Stream.of(h2);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void runsInAStateNoBuildCanReadAreRemovedAndRefusedFromThenOn(Database db) throws SQLException {
        db.flyway("latest").clean();
        db.flyway("11").migrate();
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            // What an earlier build's import stored: a run in a state RunState does not know, beside good ones.
            s.execute(run(1, "bogus"));
            s.execute(run(2, "succeeded"));
            s.execute(run(3, "missed"));
        }

        db.flyway("latest").migrate();

        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            List<String> left = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT run_id FROM runs")) {
                while (rs.next()) {
                    left.add(rs.getString(1));
                }
            }
            assertThat(left, containsInAnyOrder("run-2", "run-3"));
            // Whatever writes runs from now on, the database itself refuses an unknown state.
            assertThrows(SQLException.class, () -> s.execute(run(4, "Succeeded")));
        } finally {
            db.flyway("latest").clean();
        }
    }

    private static String run(int n, String state) {
        return "INSERT INTO runs (format, run_key, run_id, job_key, job_namespace, job_name, state, sort_time,"
                + " manual, infra_error, events) VALUES ('openlineage', 'key-" + n + "', 'run-" + n
                + "', 'ns/job', 'ns', 'job', '" + state + "', TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00+00',"
                + " FALSE, FALSE, 1)";
    }
}
