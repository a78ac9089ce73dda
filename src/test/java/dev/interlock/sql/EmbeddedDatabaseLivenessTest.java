package dev.interlock.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

import javax.sql.DataSource;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After H2 closes its store (as it does when a write runs out of memory), the pooled connections fail every statement:
 * liveness must say so, so that the process is restarted instead of answering errors while it looks ready.
 */
class EmbeddedDatabaseLivenessTest {

    @TempDir
    Path folder;

    @Test
    void aStoreH2ClosedAfterAFailedWriteTakesLivenessDown() throws Exception {
        Connection pooled = DriverManager.getConnection(
                "jdbc:h2:file:" + folder.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        EmbeddedDatabaseLiveness check = new EmbeddedDatabaseLiveness();
        check.dataSource = poolOf(pooled);
        check.databaseKind = "h2";
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());

        // What H2 does to itself when its writer fails: the store is closed, the connections stay open.
        ((SessionLocal) pooled.unwrap(JdbcConnection.class).getSession())
                .getDatabase()
                .getStore()
                .getMvStore()
                .closeImmediately();

        HealthCheckResponse after = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, after.getStatus());
        assertTrue(after.getData().orElseThrow().get("reason").toString().contains("restart"), after.toString());
        pooled.close();
        assertTrue(Files.exists(folder.resolve("db.mv.db")));
    }

    @Test
    void onAnotherDatabaseTheDatabaseBeingUnreachableIsNotThisProcessBeingBroken() {
        EmbeddedDatabaseLiveness check = new EmbeddedDatabaseLiveness();
        check.dataSource = (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new java.sql.SQLException("Connection refused");
                });
        check.databaseKind = "postgresql";
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
        check.databaseKind = "h2";
        assertEquals(HealthCheckResponse.Status.DOWN, check.call().getStatus());
    }

    /** A pool of one connection that outlives each use, as Agroal's do. */
    private static DataSource poolOf(Connection connection) {
        Connection kept = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return kept;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
