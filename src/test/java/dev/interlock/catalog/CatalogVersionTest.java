package dev.interlock.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.interlock.replicas.SharedDatabase;
import dev.interlock.sql.Jdbc;
import dev.interlock.support.Api;

/**
 * The catalog version moves with every committed change and only then; on a shared database (PostgreSQL) it is the
 * database's, so a change another replica committed is seen at the next read.
 */
@QuarkusTest
class CatalogVersionTest {

    @Inject
    CatalogVersion version;

    @Inject
    SharedDatabase database;

    @Inject
    DataSource dataSource;

    @Test
    void aCommittedChangeMovesTheVersionAndARefusedOneDoesNot() {
        long before = version.current();
        Api.register(Api.component(Api.unique("versioned"), "team-a", null)).statusCode(201);
        long after = version.current();
        assertTrue(after > before, "the version moved after a registration: " + before + " -> " + after);

        Api.register("kind: Component\nmetadata: {}\n").statusCode(400);
        assertEquals(after, version.current(), "a refused registration leaves the version as it was");
    }

    @Tag("postgresql")
    @Test
    void aChangeCommittedByAnotherReplicaIsSeenAtOnce() throws SQLException {
        long before = version.current();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE catalog_version SET version = version + 1 WHERE id = 1");
        }
        assertEquals(before + 1, version.current());
    }

    @Tag("postgresql")
    @Test
    void aTransactionThatChangesTheCatalogReadsTheCommittedVersionUntilItCommits() {
        long before = version.current();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            Jdbc.run(dataSource, "bump", c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE catalog_version SET version = version + 1 WHERE id = 1");
                }
            });
            assertEquals(before, version.current(), "its own bump is nobody's version before the commit");
        });
        assertEquals(before + 1, version.current());
    }

    @Inject
    jakarta.enterprise.event.Event<CatalogVersion.Changed> changed;

    @Tag("postgresql")
    @Test
    void aChangeTakesTheSharedVersionsLockOnlyAsItCommits() {
        long before = version.current();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            changed.fire(new CatalogVersion.Changed(List.of("component:default/" + Api.unique("locking"))));
            // Another replica's writer is not kept waiting while this change is still being written.
            int locked = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> Jdbc.run(dataSource, "locking the version row", c -> {
                        try (Statement s = c.createStatement();
                                java.sql.ResultSet rs = s.executeQuery(
                                        "SELECT version FROM catalog_version WHERE id = 1 FOR UPDATE NOWAIT")) {
                            return rs.next() ? 1 : 0;
                        }
                    }));
            assertEquals(1, locked);
        });
        assertEquals(before + 1, version.current(), "the change bumped the version when it committed");
    }
}
