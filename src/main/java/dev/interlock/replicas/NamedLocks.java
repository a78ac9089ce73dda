package dev.interlock.replicas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
        return withAll(List.of(name), work);
    }

    /**
     * Does the work holding the locks of all these names, taken in their sorted order (so that two threads taking
     * overlapping sets cannot wait for each other), once no other thread of this process holds any of them.
     */
    <T> T withAll(Collection<String> names, Supplier<T> work) {
        List<String> sorted = new TreeSet<>(names).stream().toList();
        List<Entry> taken = new ArrayList<>();
        int counted = 0;
        try {
            for (String name : sorted) {
                Entry entry = entries.compute(name, (k, e) -> {
                    Entry kept = e == null ? new Entry() : e;
                    kept.users++;
                    return kept;
                });
                counted++;
                entry.lock.lock();
                taken.add(entry);
            }
            return work.get();
        } finally {
            for (int i = taken.size() - 1; i >= 0; i--) {
                taken.get(i).lock.unlock();
            }
            // The last user removes an entry; a thread that counted itself in before this keeps it (and its lock).
            for (String name : sorted.subList(0, counted)) {
                entries.computeIfPresent(name, (k, e) -> --e.users == 0 ? null : e);
            }
        }
    }

    /** How many names have a lock now: those held or waited for. */
    int size() {
        return entries.size();
    }
}
