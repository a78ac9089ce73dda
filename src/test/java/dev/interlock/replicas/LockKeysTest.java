package dev.interlock.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Each kind of advisory lock has keys of its own, and run ids share a bounded number of them. */
class LockKeysTest {

    @Test
    void runIdsShareABoundedNumberOfKeysThatNoOtherLockUses() {
        Set<Long> runs = new HashSet<>();
        Set<Long> others = new HashSet<>(Set.of(LockKeys.SCORER));
        for (int i = 0; i < 50_000; i++) {
            String id = "openlineage|" + UUID.randomUUID();
            runs.add(LockKeys.run(id));
            others.add(LockKeys.job(id));
            others.add(LockKeys.named(id));
        }
        assertEquals(LockKeys.RUN_STRIPES, runs.size(), "50,000 run ids use every stripe and no more");
        runs.retainAll(others);
        assertEquals(Set.of(), runs, "no run key is a job's, a named thing's or the scorer's: " + runs);
    }
}
