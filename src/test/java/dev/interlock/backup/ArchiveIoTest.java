package dev.interlock.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export folders on disk: links are never written through; a folder named through a link is read. */
class ArchiveIoTest {

    private static Archive archive(String... pathsAndTexts) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new Archive(files);
    }

    @Test
    void anExportDoesNotWriteThroughALinkToAFile(@TempDir Path tmp) throws IOException {
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "untouched");
        Path out = Files.createDirectories(tmp.resolve("export/component/default"));
        Files.createDirectories(tmp.resolve("export/_interlock"));
        Files.writeString(tmp.resolve("export/" + Archive.MANIFEST), "format: " + Archive.FORMAT + "\n");
        Files.createSymbolicLink(out.resolve("svc.yaml"), victim);

        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> ArchiveIo.writeDirectory(
                        archive("component/default/svc.yaml", "kind: Component\n"), tmp.resolve("export")));

        assertTrue(refused.getMessage().contains("svc.yaml is a symbolic link"), refused.getMessage());
        assertEquals("untouched", Files.readString(victim));
    }

    @Test
    void anExportDoesNotWriteThroughALinkToAFolder(@TempDir Path tmp) throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path export = Files.createDirectories(tmp.resolve("export"));
        Files.createSymbolicLink(export.resolve("user"), elsewhere);

        assertThrows(
                IllegalArgumentException.class,
                () -> ArchiveIo.writeDirectory(archive("user/default/ann.yaml", "kind: User\n"), export));

        try (var listed = Files.list(elsewhere)) {
            assertEquals(0, listed.count(), "nothing was written through the link");
        }
    }

    @Test
    void aFolderNamedThroughALinkIsRead(@TempDir Path tmp) throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real/component/default"));
        Files.writeString(real.resolve("svc.yaml"), "kind: Component\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("real"));

        Archive read = new ArchiveIo(100, 1 << 20, 1 << 20).readDirectory(link);

        assertEquals(
                java.util.Set.of("component/default/svc.yaml"), read.files().keySet());
    }
}
