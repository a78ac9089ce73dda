package dev.interlock.runs;

import java.util.Locale;

/**
 * What a run built, as far as its branch tells (GitHub's): the repository's main line, another branch of its own, or a
 * proposed change (a pull request, the merge queue, a fork's branch). A pipeline's health judges its main line's runs
 * by default ({@link dev.interlock.runs.bind.PipelineInfo#judges}).
 */
public enum BranchKind {
    /** The default branch, or a run no branch started (a release, a schedule, a run by hand). */
    MAIN,
    /** A push to another branch of the repository (or a tag). */
    OTHER,
    /** A change proposed for merging: a pull request's run, the merge queue's, or a fork's. */
    PROPOSAL;

    /** The word stored and shown. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a stored word names, or {@code null}. */
    public static BranchKind of(String word) {
        for (BranchKind k : values()) {
            if (k.word().equals(word)) {
                return k;
            }
        }
        return null;
    }
}
