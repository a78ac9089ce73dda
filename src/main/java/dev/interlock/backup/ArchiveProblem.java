package dev.interlock.backup;

/**
 * One thing wrong with an archive offered for import.
 *
 * @param file the file in the archive ({@code component/default/billing.yaml}), or {@code null} for the archive as
 *        a whole
 * @param line 1-based line in that file, when known
 * @param message what is wrong, with the file in front
 */
public record ArchiveProblem(String file, Integer line, String message) {

    /** A problem of a file (and a line, when known). */
    public static ArchiveProblem of(String file, Integer line, String what) {
        String where = file == null ? "" : line == null ? file + ": " : file + ":" + line + ": ";
        return new ArchiveProblem(file, line, where + what);
    }
}
