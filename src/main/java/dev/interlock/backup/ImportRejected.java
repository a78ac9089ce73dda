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
        this.problems = shown(problems);
    }

    /** Most problems listed in an answer: an archive of 60,000 broken files would otherwise answer megabytes. */
    static final int MAX_LISTED = 100;

    private static List<ArchiveProblem> shown(List<ArchiveProblem> problems) {
        if (problems.size() <= MAX_LISTED) {
            return List.copyOf(problems);
        }
        List<ArchiveProblem> shown = new java.util.ArrayList<>(problems.subList(0, MAX_LISTED));
        shown.add(ArchiveProblem.of(
                null, null, "and " + (problems.size() - MAX_LISTED) + " more problems, not listed; mend these first"));
        return List.copyOf(shown);
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
