package dev.interlock.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Archives to and from zip files and folders. Reading is bounded: a number of files and a number of bytes once
 * unpacked, of all files and of each, counted while inflating (never trusting what an entry's header claims), so
 * neither a zip bomb nor a
 * huge folder fills the memory; unsafe names ({@code ../}, absolute paths) are refused.
 */
public final class ArchiveIo {

    /** Zip entries carry this time (1 January 2000), so that the same files give the same zip. */
    private static final long ENTRY_TIME = 946_684_800_000L;

    private final int maxFiles;
    private final long maxBytes;
    private final long maxFileBytes;

    /**
     * @param maxFiles most files
     * @param maxBytes most bytes of all files together, unpacked
     * @param maxFileBytes most bytes of one file, unpacked (it is held in memory whole, and read as text)
     */
    public ArchiveIo(int maxFiles, long maxBytes, long maxFileBytes) {
        this.maxFiles = maxFiles;
        this.maxBytes = maxBytes;
        this.maxFileBytes = maxFileBytes;
    }

    /** Writes the archive as a zip, files in path order. */
    public static void writeZip(Archive archive, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        // The manifest first: a download cut short then still has it, and the import sees that files are missing.
        List<Map.Entry<String, byte[]>> files =
                new java.util.ArrayList<>(archive.files().entrySet());
        files.sort(Comparator.comparing(
                (Map.Entry<String, byte[]> f) -> !f.getKey().equals(Archive.MANIFEST)));
        for (var file : files) {
            ZipEntry entry = new ZipEntry(file.getKey());
            entry.setTime(ENTRY_TIME);
            zip.putNextEntry(entry);
            zip.write(file.getValue());
            zip.closeEntry();
        }
        zip.finish();
    }

    /**
     * Writes the archive into a folder: a new or empty one, or one holding an earlier export (its files that the
     * archive no longer has are removed; hidden files such as {@code .git} are left alone).
     *
     * @throws IllegalArgumentException when the folder holds something other than an earlier export
     */
    public static void writeDirectory(Archive archive, Path dir) throws IOException {
        String unfit = unfitForExport(dir);
        if (unfit != null) {
            throw new IllegalArgumentException(unfit);
        }
        Files.createDirectories(dir);
        dir = dir.toRealPath();
        String link = firstLink(dir, archive.files().keySet());
        if (link != null) {
            // An export folder is often a Git checkout, and Git keeps links: following one would write outside it.
            throw new IllegalArgumentException(
                    link + " is a symbolic link; an export writes only into real folders and " + "files of " + dir
                            + ": remove the link first");
        }
        List<String> old =
                relativeFiles(dir).stream().filter(p -> !Archive.ignored(p)).toList();
        for (String path : old) {
            if (!archive.files().containsKey(path)) {
                Files.delete(dir.resolve(path));
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path d : walk.filter(Files::isDirectory)
                    .sorted(Comparator.reverseOrder())
                    .toList()) {
                try (Stream<Path> entries = Files.list(d)) {
                    if (!d.equals(dir) && entries.findAny().isEmpty()) {
                        Files.delete(d);
                    }
                }
            }
        }
        for (var file : archive.files().entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(
                    target,
                    file.getValue(),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** The first symbolic link on the way to any of these files of a folder (the files included), or {@code null}. */
    private static String firstLink(Path dir, java.util.Collection<String> paths) {
        java.util.Set<Path> checked = new java.util.HashSet<>();
        for (String path : paths) {
            Path at = dir;
            for (String part : path.split("/")) {
                at = at.resolve(part);
                if (checked.add(at) && Files.isSymbolicLink(at)) {
                    return at.toString();
                }
            }
        }
        return null;
    }

    /**
     * Why an export may not be written into this folder (a file; a folder holding descriptors or data and no earlier
     * export), or {@code null} when it may: it does not exist, holds only hidden files and files that are not YAML
     * (a Git checkout with its README), or an earlier export.
     */
    public static String unfitForExport(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return dir + " is a file, not a folder";
        }
        if (Files.isDirectory(dir)
                && !Files.exists(dir.resolve(Archive.MANIFEST))
                && relativeFiles(dir).stream().anyMatch(p -> !Archive.ignored(p))) {
            return dir + " holds YAML files and no earlier export (" + Archive.MANIFEST + "); export into a"
                    + " folder without YAML files or an earlier export's";
        }
        return null;
    }

    /**
     * Reads a zip; hidden entries, folders and files of no interest to an import are left out, and a zip of an
     * export's folder itself is read as the export ({@link Archive#rooted}).
     */
    public Archive readZip(InputStream in) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        long[] total = {0};
        int seen = 0;
        String name = null;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = next(zip, seen); entry != null; entry = next(zip, seen)) {
                if (++seen > maxFiles) {
                    throw ImportRejected.of(413, null, null, "the archive holds more than " + maxFiles + " files");
                }
                name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                String unsafe = Archive.unsafe(name);
                if (unsafe != null) {
                    throw ImportRejected.of(400, name, null, "refused: " + unsafe);
                }
                byte[] bytes = read(zip, total, name);
                if (files.put(name, bytes) != null) {
                    throw ImportRejected.of(400, name, null, "the archive holds this file twice");
                }
            }
        } catch (ZipException e) {
            throw ImportRejected.of(400, null, null, "the body is not a readable zip archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            // A zip cut short ends in the middle of an entry (an EOFException, which has no message).
            throw ImportRejected.of(
                    400,
                    name,
                    null,
                    "the archive is cut short or damaged" + (name == null ? "" : " at this file")
                            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
        if (seen == 0) {
            throw ImportRejected.of(
                    400,
                    null,
                    null,
                    "the body is not a zip archive, or an empty one; send the zip " + "GET /api/catalog/export gives");
        }
        return new Archive(Archive.rooted(files));
    }

    /** The next entry; a name that is not UTF-8 text is refused (entries are counted from 1). */
    private static ZipEntry next(ZipInputStream zip, int seen) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw ImportRejected.of(
                    400,
                    null,
                    null,
                    "the name of entry " + (seen + 1) + " is not UTF-8 text; make the archive with UTF-8 file names");
        }
    }

    /** Reads a folder written by an export (or a tree of descriptors laid out the same way). */
    public Archive readDirectory(Path dir) throws IOException {
        // The folder named may be a link (followed); links below it are not.
        dir = dir.toRealPath();
        SortedMap<String, byte[]> files = new TreeMap<>();
        long[] total = {0};
        for (String path : relativeFiles(dir)) {
            if (Archive.ignored(path)) {
                continue;
            }
            if (files.size() >= maxFiles) {
                throw ImportRejected.of(413, null, null, "the folder holds more than " + maxFiles + " files");
            }
            try (InputStream in = Files.newInputStream(dir.resolve(path))) {
                files.put(path, read(in, total, path));
            }
        }
        return new Archive(files);
    }

    private byte[] read(InputStream in, long[] total, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long size = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            size += n;
            if (size > maxFileBytes) {
                throw ImportRejected.of(
                        413,
                        name,
                        null,
                        "this file unpacks to more than " + maxFileBytes + " bytes (interlock.backup.max-file-size)");
            }
            total[0] += n;
            if (total[0] > maxBytes) {
                throw ImportRejected.of(
                        413,
                        name,
                        null,
                        "the archive unpacks to more than " + maxBytes + " bytes (interlock.backup.max-unpacked-size)");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Regular files below a folder (links not followed), as {@code /}-separated relative paths. */
    private static List<String> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                    .sorted()
                    .toList();
        }
    }
}
