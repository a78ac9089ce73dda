package dev.interlock.runs.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link JobPatterns}: commas and stars are syntax unless escaped, and an escaped name claims exactly itself. */
class JobPatternsTest {

    @Test
    void unescapedCommasSeparateAndStarsMatchAnything() {
        assertEquals(List.of("a/b", "c/d*"), JobPatterns.split(" a/b , c/d* ,"));
        assertTrue(JobPatterns.glob("c/d*").matcher("c/dbt.model").matches());
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
        assertFalse(JobPatterns.glob(JobPatterns.escape("ns/a*b"))
                .matcher("ns/aZZb")
                .matches());
        assertTrue(JobPatterns.glob("ns/a\\**").matcher("ns/a*bc").matches());
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
            assertTrue(
                    JobPatterns.compiled(pattern)
                            .matcher("ns/job-" + i + "-daily")
                            .matches(),
                    pattern);
            assertFalse(
                    JobPatterns.compiled(pattern)
                            .matcher("ns/job-" + (i + 1) + "-daily")
                            .matches(),
                    pattern);
        }
        assertTrue(JobPatterns.compiled("c/d*").matcher("c/dbt.model").matches());
    }
}
