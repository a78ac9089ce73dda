package dev.interlock.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link H2DurableCommits} on a real H2 file database with H2's default lazy writes: a commit is in the file once the
 * connection is handed back, where H2 alone would still hold it in memory.
 */
class H2DurableCommitsTest {

    @TempDir
    Path dir;

    @Test
    void aCommitIsInTheFileWhenTheConnectionGoesBack() throws SQLException {
        // A long write delay, so that H2's background thread does not write the commit while the test looks.
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=60000";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            MVStore store = H2Stores.of(connection).orElseThrow();
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            store.commit();

            statement.execute("INSERT INTO t VALUES (1)");
            assertTrue(store.hasUnsavedChanges(), "H2 keeps the committed row in memory for now");

            new H2DurableCommits().onConnectionReturn(connection);

            assertFalse(store.hasUnsavedChanges(), "the committed row is written to the file");
        }
    }

    @Test
    void otherDatabasesAreLeftAlone() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:durable", "sa", "")) {
            new H2DurableCommits().onConnectionReturn(connection);
            assertTrue(H2Stores.of(connection).isEmpty());
        }
    }
}
