package dev.interlock.backup;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.interlock.descriptor.EntityRef;

/**
 * An export of the catalog as files by path, in path order: one descriptor per entity at
 * {@code <kind>/<namespace>/<name>.yaml} (lower-case, as references compare), and Interlock's own data under
 * {@code _interlock/} (the manifest, and one JSON-lines file per table: scorecard results and history, entity
 * history, runs, run events, locations). The same catalog always gives the same files with the same bytes.
 */
public final class Archive {

    /** The folder of Interlock's own data. */
    public static final String META = "_interlock/";
    /** The manifest: the format and what the archive holds. */
    public static final String MANIFEST = META + "manifest.yaml";
    /** The format this version writes and reads. */
    public static final String FORMAT = "interlock-export/1";

    /** A path segment of an entity file: what kinds, namespaces and names may be, lower-case. */
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,252}");

    private final SortedMap<String, byte[]> files;

    public Archive(SortedMap<String, byte[]> files) {
        this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** Every file, by path, in path order. */
    public SortedMap<String, byte[]> files() {
        return files;
    }

    /** The path of an entity's descriptor; {@code null} when a part cannot be a file name. */
    public static String entityPath(EntityRef ref) {
        if (!SEGMENT.matcher(ref.kind()).matches()
                || !SEGMENT.matcher(ref.namespace()).matches()
                || !SEGMENT.matcher(ref.name()).matches()) {
            return null;
        }
        return ref.kind() + "/" + ref.namespace() + "/" + ref.name() + ".yaml";
    }

    /** Whether a path is one of Interlock's own files. */
    public static boolean isMeta(String path) {
        return path.startsWith(META);
    }

    /**
     * Whether a path in an archive or folder is left out of an import: hidden files and folders ({@code .git},
     * macOS's {@code ._} files) and files that are neither YAML nor Interlock's own (a README next to the
     * descriptors).
     */
    public static boolean ignored(String path) {
        return hidden(path) || !isMeta(path) && !path.endsWith(".yaml") && !path.endsWith(".yml");
    }

    /** Whether a path is in or of a hidden file or folder ({@code .git}, macOS's {@code ._} files and __MACOSX). */
    private static boolean hidden(String path) {
        for (String part : path.split("/")) {
            if (part.startsWith(".") || part.equals("__MACOSX")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The files of a zip as an import reads them: a zip made of an export's folder itself rather than of what it
     * holds ({@code zip -r backup.zip backup/}, or the folder compressed in a file manager) has every file under that
     * folder, the manifest included; that folder is then taken as the archive's top. Files an import leaves out
     * ({@link #ignored}) are left out.
     */
    static SortedMap<String, byte[]> rooted(SortedMap<String, byte[]> files) {
        String top = enclosingFolder(files);
        SortedMap<String, byte[]> out = new TreeMap<>();
        files.forEach((path, bytes) -> {
            String inside = top != null && path.startsWith(top) ? path.substring(top.length()) : path;
            if (!ignored(inside)) {
                out.put(inside, bytes);
            }
        });
        return out;
    }

    /** The folder ({@code backup/}) that holds every file not hidden and, right in it, the manifest; else null. */
    private static String enclosingFolder(SortedMap<String, byte[]> files) {
        if (files.containsKey(MANIFEST)) {
            return null;
        }
        String top = null;
        for (String path : files.keySet()) {
            if (hidden(path)) {
                continue;
            }
            String first = path.substring(0, path.indexOf('/') + 1);
            if (top == null) {
                top = first;
            } else if (!top.equals(first)) {
                return null;
            }
        }
        return top != null && !top.isEmpty() && files.containsKey(top + MANIFEST) ? top : null;
    }

    /**
     * Why an entry's name is unsafe to unpack ({@code ../}, an absolute path, a drive, a backslash), or
     * {@code null} when it is safe. Archives are never unpacked to disk by name, but a name is refused all the same.
     */
    public static String unsafe(String path) {
        if (path.isEmpty() || path.length() > 1000) {
            return "the name is empty or longer than 1000 characters";
        }
        if (path.startsWith("/") || path.contains("\\") || path.contains(":") || path.indexOf('\0') >= 0) {
            return "the name is an absolute path or holds \\, : or a NUL character";
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return "the name holds an empty, . or .. segment";
            }
        }
        return null;
    }

    /** The lines of a JSON-lines file: its rows. */
    static int lines(byte[] rows) {
        int n = 0;
        for (byte b : rows) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    /** How many entity files the archive holds (files outside {@link #META}). */
    int entityFiles() {
        return (int) files.keySet().stream().filter(p -> !isMeta(p)).count();
    }
}
