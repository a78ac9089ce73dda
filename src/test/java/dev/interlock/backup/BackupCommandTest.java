package dev.interlock.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** How the command line says why it stopped (BackupCommandIT runs the packaged commands themselves). */
class BackupCommandTest {

    @Test
    void aUrlOfTheOtherDatabaseSaysWhichBuildToUse() {
        String said = BackupCommand.failed(new IllegalStateException(
                "start failed", new SQLException("Driver does not support the provided URL: jdbc:h2:file:./x")));
        assertTrue(said.contains("the PostgreSQL build (./mvnw -Ppostgresql package)"), said);
    }

    @Test
    void otherFailuresGiveTheirInnermostCauseInOneLine() {
        assertEquals(
                "stopped: disk full",
                BackupCommand.failed(new RuntimeException("outer", new java.io.IOException("disk full\nat ..."))));
    }

    @Test
    void aFileThatCannotBeWrittenOrReadIsNamedWithWhy() {
        assertEquals(
                "stopped: /proc/nope: it does not exist",
                BackupCommand.failed(new RuntimeException(new java.nio.file.NoSuchFileException("/proc/nope"))));
        assertEquals(
                "stopped: /backup/api: permission denied",
                BackupCommand.failed(new java.nio.file.AccessDeniedException("/backup/api")));
        assertEquals(
                "stopped: /backup/x.yaml: Read-only file system",
                BackupCommand.failed(
                        new java.nio.file.FileSystemException("/backup/x.yaml", null, "Read-only file system")));
    }
}
