package dev.interlock.sql;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link H2Housekeeping} on a real H2 file database written the way Interlock writes it (every commit stored at once,
 * so H2's own housekeeping thread does not run): the file shrinks to about its live data and nothing is lost.
 */
class H2HousekeepingTest {

    private static final int ROUNDS = 40;
    private static final int ROWS_PER_ROUND = 1_000;

    @TempDir
    Path dir;

    /** With and without compressed pages (the application's setting, COMPRESS=TRUE in application.properties). */
    @ParameterizedTest
    @ValueSource(strings = {"", ";COMPRESS=TRUE"})
    void rewritesHalfEmptyChunksAndShrinksTheFileWithoutLosingRows(String settings) throws SQLException {
        // RETENTION_TIME=0: chunks may be rewritten as soon as they are replaced (the default keeps them 45 s).
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0;RETENTION_TIME=0" + settings;
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            fill(connection);
            MVStore store = H2Stores.of(connection).orElseThrow();
            int fillBefore = store.getFileStore().getChunksFillRate();
            long sizeBefore = fileSize();
            assertTrue(fillBefore < 60, "the writes left the chunks mostly holes: " + fillBefore + " %");

            int rounds = 0;
            while (H2Housekeeping.rewrite(store, true) && rounds < 200) {
                rounds++;
            }

            assertTrue(rounds > 0, "housekeeping did some work");
            int fillAfter = store.getFileStore().getChunksFillRate();
            assertTrue(
                    fillAfter >= H2Housekeeping.REWRITE_BELOW_FILL_RATE,
                    "chunks " + fillBefore + " % live before, " + fillAfter + " % after");
            long sizeAfter = fileSize();
            assertTrue(sizeAfter * 2 < sizeBefore, "file " + sizeBefore + " bytes before, " + sizeAfter + " after");
            assertEquals(ROUNDS * ROWS_PER_ROUND, count(connection));
        }
        // Reopened from the file alone: every row is still there.
        try (Connection connection =
                DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db") + settings, "sa", "")) {
            assertEquals(ROUNDS * ROWS_PER_ROUND, count(connection));
        }
    }

    @Test
    void theScheduledJobCompactsOnceTheApplicationStopsWritingThenRests() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        // Commits written at once, so that H2's own background thread (which compacts too) does not run.
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0;RETENTION_TIME=0");
        dataSource.setUser("sa");
        H2Housekeeping job = new H2Housekeeping();
        job.dataSource = dataSource;
        job.commits = new H2DurableCommits();
        try (Connection connection = dataSource.getConnection()) {
            fill(connection);
            long sizeBefore = fileSize();

            job.run(); // the first round only notes how much the application has written
            assertEquals(sizeBefore, fileSize());

            await().atMost(Duration.ofSeconds(60)).until(() -> {
                job.run();
                return fileSize() * 2 < sizeBefore;
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                job.run();
                return job.settled;
            });
            assertEquals(ROUNDS * ROWS_PER_ROUND, count(connection));
        }
    }

    @Test
    void anInMemoryDatabaseHasNoFileToKeepAndTheJobRests() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:housekeeping", "sa", "")) {
            assertTrue(H2Stores.of(connection).isEmpty());
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:housekeeping");
            dataSource.setUser("sa");
            H2Housekeeping job = new H2Housekeeping();
            job.dataSource = dataSource;
            job.commits = new H2DurableCommits();
            job.run(); // notes the write count
            job.run(); // finds no file store
            assertTrue(job.settled);
        }
    }

    /** Rows indexed by a random key, committed a round at a time: each commit rewrites pages all over the index. */
    private static void fill(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY, k VARCHAR(36) NOT NULL, v VARCHAR(200) NOT NULL)");
            statement.execute("CREATE INDEX t_k ON t (k)");
        }
        connection.setAutoCommit(false);
        Random random = new Random(7);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < ROWS_PER_ROUND; i++) {
                    insert.setInt(1, round * ROWS_PER_ROUND + i);
                    insert.setString(2, new UUID(random.nextLong(), random.nextLong()).toString());
                    insert.setString(3, "value " + round + " " + i + " " + "x".repeat(100));
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            }
        }
        connection.setAutoCommit(true);
    }

    private long fileSize() {
        try {
            return Files.size(dir.resolve("db.mv.db"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT k) FROM t")) {
            rs.next();
            assertEquals(rs.getInt(1), rs.getInt(2), "every key read back");
            return rs.getInt(1);
        }
    }
}
