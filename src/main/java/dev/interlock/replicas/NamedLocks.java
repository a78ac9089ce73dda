package dev.interlock.replicas;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * In-process locks by name, each kept only while a thread holds it or waits for it: a replica that refreshes a
 * location under a lock named after its id, for months, keeps no lock of a location long deleted.
 */
final class NamedLocks {

    /** A lock and how many threads hold or wait for it; the count changes only inside the map's compute. */
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Does the work holding the lock of this name, once no other thread of this process holds it. */
    <T> T with(String name, Supplier<T> work) {
        Entry entry = entries.compute(name, (k, e) -> {
            Entry kept = e == null ? new Entry() : e;
            kept.users++;
            return kept;
        });
        try {
            entry.lock.lock();
            try {
                return work.get();
            } finally {
                entry.lock.unlock();
            }
        } finally {
            // The last user removes the entry; a thread that counted itself in before this keeps it (and its lock).
            entries.computeIfPresent(name, (k, e) -> --e.users == 0 ? null : e);
        }
    }

    /** How many names have a lock now: those held or waited for. */
    int size() {
        return entries.size();
    }
}
