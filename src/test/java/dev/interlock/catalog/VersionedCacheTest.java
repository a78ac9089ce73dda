package dev.interlock.catalog;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** An answer serves readers of its version and older ones, and is computed once for readers who ask together. */
class VersionedCacheTest {

    private final VersionedCache<String> cache = new VersionedCache<>(10);
    private final AtomicInteger computed = new AtomicInteger();

    private String answer(long version) {
        return cache.get(version, "q", () -> "v" + version + "#" + computed.incrementAndGet());
    }

    @Test
    void anAnswerServesItsVersionAndOlderOnesAndANewerVersionIsComputedAgain() {
        assertEquals("v5#1", answer(5));
        assertEquals("v5#1", answer(5));
        assertEquals("v5#1", answer(3), "a reader who saw an older version may have a newer answer");
        assertEquals("v6#2", answer(6), "a change since the answer: computed again");
        assertEquals("v6#2", answer(5));
        assertEquals("other", cache.get(6, "another question", () -> "other"));
    }

    @Test
    void readersWhoAskTogetherWaitForOneComputation() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> cache.get(7, "q", () -> {
            started.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0);
            return "counted once #" + computed.incrementAndGet();
        }));
        started.await();
        Thread second = new Thread(() -> assertEquals("counted once #1", answer(7)));
        second.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> second.getState() == Thread.State.WAITING);
        release.countDown();
        second.join();
        assertEquals("counted once #1", first.get());
        assertEquals(1, computed.get());
    }

    @Test
    void aQuestionLongerThanTheLimitIsAnsweredButNotKept() {
        String huge = "q".repeat(VersionedCache.KEPT_LENGTH + 1);
        assertEquals("1", cache.get(1, huge, () -> String.valueOf(computed.incrementAndGet())));
        assertEquals("2", cache.get(1, huge, () -> String.valueOf(computed.incrementAndGet())));
    }

    @Test
    void aFailedComputationIsNotKept() {
        assertThrows(
                IllegalStateException.class,
                () -> cache.get(1, "q", () -> {
                    throw new IllegalStateException("database down");
                }));
        assertEquals("v1#1", answer(1));
    }
}
