package dev.interlock.backup;

import java.util.List;

/**
 * An archive was refused; nothing of it was imported.
 *
 * @see ArchiveProblem
 */
public class ImportRejected extends RuntimeException {

    private final int status;
    private final List<ArchiveProblem> problems;

    /**
     * @param status the HTTP status that fits: 400 (bad content), 409 (conflicts with the catalog), 413 (too large)
     * @param problems what is wrong, at least one
     */
    public ImportRejected(int status, List<ArchiveProblem> problems) {
        super(
                problems.size() == 1
                        ? problems.get(0).message()
                        : problems.size() + " problems; the first: "
                                + problems.get(0).message());
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    /** A refusal with one problem. */
    public static ImportRejected of(int status, String file, Integer line, String what) {
        return new ImportRejected(status, List.of(ArchiveProblem.of(file, line, what)));
    }

    public int status() {
        return status;
    }

    public List<ArchiveProblem> problems() {
        return problems;
    }
}
