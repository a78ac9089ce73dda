package dev.interlock.replicas;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** In-process locks by name exclude each other while held or waited for, and are forgotten once nobody uses them. */
class NamedLocksTest {

    private final NamedLocks locks = new NamedLocks();

    @Test
    void aLockIsForgottenOnceReleasedWhateverTheWorkDid() {
        for (int i = 0; i < 1_000; i++) {
            int n = i;
            assertEquals(n, locks.with("location:" + n, () -> n));
        }
        assertThrows(
                IllegalStateException.class,
                () -> locks.with("location:x", () -> {
                    throw new IllegalStateException("the work failed");
                }));
        assertEquals(0, locks.size(), "no lock is kept for a name nobody holds");
    }

    @Test
    void aThreadThatHoldsTheLockTakesItAgain() {
        assertEquals("inner", locks.with("rebind", () -> locks.with("rebind", () -> "inner")));
        assertEquals(0, locks.size());
    }

    @Test
    void aWaiterKeepsTheLockItWaitsForSoThatWorkNeverOverlaps() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean secondRan = new AtomicBoolean();
            CompletableFuture<Void> first = CompletableFuture.runAsync(
                    () -> locks.with("location:1", () -> {
                        await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0);
                        return null;
                    }),
                    threads);
            await().atMost(Duration.ofSeconds(5)).until(() -> locks.size() == 1);
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(
                    () -> locks.with("location:1", () -> secondRan.getAndSet(true)), threads);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !secondRan.get());
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            assertFalse(second.get(10, TimeUnit.SECONDS), "the waiter ran once, after the holder");

            // Many threads on few names: no two ever run the work of one name at once, and nothing is kept after.
            AtomicInteger[] inside = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
            AtomicInteger overlaps = new AtomicInteger();
            CompletableFuture<?>[] all = new CompletableFuture<?>[3_000];
            for (int i = 0; i < all.length; i++) {
                int name = i % inside.length;
                all[i] = CompletableFuture.runAsync(
                        () -> locks.with("location:" + name, () -> {
                            if (inside[name].incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            Thread.yield();
                            inside[name].decrementAndGet();
                            return null;
                        }),
                        threads);
            }
            CompletableFuture.allOf(all).get(30, TimeUnit.SECONDS);
            assertEquals(0, overlaps.get(), "work under one name never overlapped");
            assertEquals(0, locks.size());
        } finally {
            threads.shutdownNow();
        }
    }
}
