package dev.interlock.runs.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.interlock.runs.derive.Health;

/** How a run's branch reads on a page. */
class RunRowTest {

    @Test
    void aBranchReadsWithoutInvisibleCharactersAndSaysWhatItIs() {
        assertEquals("pull request fix/x", RunRow.branch(view("\u202Efix\u0001/x\u200B", "proposal")));
        assertEquals("branch main", RunRow.branch(view("main", "main")));
    }

    private static Health.RunView view(String branch, String kind) {
        return new Health.RunView(
                "1", "failed", null, null, null, null, null, null, null, null, null, null, "github", false, "job", null,
                branch, kind, false);
    }
}
