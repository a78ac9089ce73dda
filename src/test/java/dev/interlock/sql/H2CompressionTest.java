package dev.interlock.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 file of an Interlock from before pages were compressed ({@code COMPRESS=TRUE}, a connection property in
 * application.properties) opens with the setting, takes new rows, and opens again without it: an upgrade, or going
 * back, keeps every row.
 */
class H2CompressionTest {

    @TempDir
    Path dir;

    @Test
    void aFileWrittenWithoutCompressionOpensWithItAndBack() throws SQLException {
        try (Connection c = open(false);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR)");
            s.execute("INSERT INTO t SELECT X, REPEAT('before ', 50) FROM SYSTEM_RANGE(1, 5000)");
        }
        try (Connection c = open(true);
                Statement s = c.createStatement()) {
            assertEquals("TRUE", setting(s, "COMPRESS"));
            s.execute("INSERT INTO t SELECT X, REPEAT('after ', 50) FROM SYSTEM_RANGE(5001, 10000)");
            assertEquals(10_000, count(s));
        }
        try (Connection c = open(false);
                Statement s = c.createStatement()) {
            assertEquals(10_000, count(s));
            assertEquals(5_000, count(s, "v LIKE 'before %'"));
        }
    }

    private Connection open(boolean compress) throws SQLException {
        Properties properties = new Properties();
        properties.put("user", "sa");
        properties.put("password", "");
        if (compress) {
            properties.put("COMPRESS", "TRUE"); // as Quarkus passes additional-jdbc-properties
        }
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db"), properties);
    }

    private static String setting(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = '" + name + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Statement s) throws SQLException {
        return count(s, "TRUE");
    }

    private static long count(Statement s, String where) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
