package dev.interlock.runs.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** {@link JobPatterns}: commas and stars are syntax unless escaped, and an escaped name claims exactly itself. */
class JobPatternsTest {

    @Test
    void unescapedCommasSeparateAndStarsMatchAnything() {
        assertEquals(List.of("a/b", "c/d*"), JobPatterns.split(" a/b , c/d* ,"));
        assertTrue(JobPatterns.glob("c/d*").matches("c/dbt.model"));
        assertTrue(JobPatterns.isWildcard("c/d*"));
    }

    @Test
    void anEscapedNameIsOnePatternMatchingOnlyItself() {
        for (String name :
                List.of("ns/x, y", "ns/a*b", "ns/C:\\path\\*", "ns/trailing\\", " ns/spaced out ", "\tns/tabbed\t")) {
            String escaped = JobPatterns.escape(name);
            List<String> patterns = JobPatterns.split(escaped);
            assertEquals(1, patterns.size(), escaped);
            assertFalse(JobPatterns.isWildcard(patterns.get(0)), escaped);
            assertEquals(name, JobPatterns.literal(patterns.get(0)), escaped);
        }
        assertFalse(JobPatterns.glob(JobPatterns.escape("ns/a*b")).matches("ns/aZZb"));
        assertTrue(JobPatterns.glob("ns/a\\**").matches("ns/a*bc"));
    }

    @Test
    void aBackslashBeforeAnythingElseIsItself() {
        assertEquals("C:\\temp", JobPatterns.literal("C:\\temp"));
        assertEquals(List.of("C:\\temp"), JobPatterns.split("C:\\temp"));
    }

    @Test
    void compiledPatternsAnswerAsFreshOnesPastTheCachesSize() {
        for (int i = 0; i < JobPatterns.KEPT + 10; i++) {
            String pattern = "ns/job-" + i + "-*";
            assertTrue(JobPatterns.compiled(pattern).matches("ns/job-" + i + "-daily"), pattern);
            assertFalse(JobPatterns.compiled(pattern).matches("ns/job-" + (i + 1) + "-daily"), pattern);
        }
        assertTrue(JobPatterns.compiled("c/d*").matches("c/dbt.model"));
    }

    /** Every pattern of up to six characters over {@code a}, {@code b}, {@code *} against every name of up to six. */
    @Test
    void aGlobMatchesExactlyWhatTheSameRegularExpressionWould() {
        List<String> patterns = words("ab*", 6);
        List<String> names = words("ab", 6);
        for (String pattern : patterns) {
            Pattern oracle = Pattern.compile(pattern.replace("*", ".*"));
            JobPatterns.Glob glob = JobPatterns.glob(pattern);
            for (String name : names) {
                assertEquals(oracle.matcher(name).matches(), glob.matches(name), pattern + " against " + name);
            }
        }
    }

    /**
     * A pattern with many wildcards against a long name it does not match: a regular expression backtracks for hours
     * over it (an editor's annotation and one run event would hold up every run event), the glob answers at once.
     */
    @Test
    void manyWildcardsAgainstALongNameAnswerAtOnce() {
        String name = "redos/" + "a".repeat(500);
        boolean matched = assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> JobPatterns.compiled("redos/*a*a*a*a*a*a*a*b").matches(name));
        assertFalse(matched);
        assertTrue(JobPatterns.compiled("redos/*a*a*a*a*a*a*a*").matches(name));
    }

    private static List<String> words(String alphabet, int longest) {
        List<String> out = new ArrayList<>(List.of(""));
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).length() < longest) {
                for (char c : alphabet.toCharArray()) {
                    out.add(out.get(i) + c);
                }
            }
        }
        return out;
    }
}
