package dev.interlock.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class JdbcTest {

    @Test
    void inListsLongerThanOneChunkAreSplitAndEveryRowIsRead() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:jdbctest")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (k VARCHAR(20), kind VARCHAR(10))");
                s.execute("INSERT INTO t SELECT 'k' || X, CASE WHEN MOD(X, 2) = 0 THEN 'even' ELSE 'odd' END"
                        + " FROM SYSTEM_RANGE(1, 1300)");
            }
            List<String> keys =
                    IntStream.rangeClosed(1, 1300).mapToObj(i -> "k" + i).toList();
            List<String> read = new ArrayList<>();
            Jdbc.queryIn(
                    c,
                    "SELECT k FROM t WHERE kind = ? AND (k IN (IN) OR k IN (IN))",
                    List.of("even"),
                    keys,
                    rs -> read.add(rs.getString(1)));
            assertEquals(650, read.size());
            assertEquals(3, Jdbc.chunks(keys).size());
            assertEquals(650, Jdbc.updateIn(c, "DELETE FROM t WHERE kind = ? AND k IN (IN)", List.of("odd"), keys));
            List<Long> left = new ArrayList<>();
            Jdbc.query(c, "SELECT COUNT(*) FROM t", List.of(), rs -> left.add(rs.getLong(1)));
            assertEquals(List.of(650L), left);
        }
    }

    /**
     * A failed batch's own exception (JDBC gives it as the next exception, with the database's cause) is kept with the
     * failure, so that the log says why the statement failed, not only that the batch did.
     */
    @Test
    void aFailedBatchKeepsTheStatementsOwnException() {
        org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:jdbcbatch;DB_CLOSE_DELAY=-1");
        IllegalStateException failure = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class,
                () -> Jdbc.run(dataSource, "batch", c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute(
                                "CREATE TABLE b (state VARCHAR(10) CONSTRAINT b_state_known CHECK (state IN ('ok')))");
                    }
                    try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO b VALUES (?)")) {
                        ps.setString(1, "bad");
                        ps.addBatch();
                        ps.executeBatch();
                    }
                    return null;
                }));
        assertEquals("batch failed", failure.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(
                failure.getSuppressed().length > 0
                        && failure.getSuppressed()[0].getMessage().contains("B_STATE_KNOWN"),
                java.util.Arrays.toString(failure.getSuppressed()));
    }
}
