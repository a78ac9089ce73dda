package dev.interlock.runs.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Lists sort pipelines worst first by one rule; a pipeline with no status yet goes with the unknown ones. */
class HealthRankTest {

    @Test
    void statusesRankWorstFirstAndNoStatusRanksAsUnknown() {
        List<String> shuffled = List.of("healthy", "unknown", "upstream", "failing", "degraded", "late");
        assertEquals(
                Health.STATUSES,
                shuffled.stream().sorted(Comparator.comparingInt(Health::rank)).toList());
        assertEquals(Health.rank("unknown"), Health.rank(null));
        assertEquals(Health.rank("unknown"), Health.rank("exploded"));
    }
}
