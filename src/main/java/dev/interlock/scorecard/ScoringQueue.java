package dev.interlock.scorecard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scoring work waiting to be done, one queue of entities per scorecard, handed out in slices taken from each
 * scorecard in turn. Each scorecard gets its fair share: a scorecard with expensive rules, or one that applies to
 * everything, delays only itself, while a change scored on another scorecard waits at most one slice of it.
 */
final class ScoringQueue {

    /** A piece of work: these entities on this scorecard. */
    record Slice(String scorecardRef, List<String> entityRefs) {
    }

    private final Map<String, LinkedHashSet<String>> pending = new HashMap<>();
    private final Deque<String> turn = new ArrayDeque<>();

    /** Adds entities to a scorecard's queue (an entity already waiting is not added twice). */
    synchronized void add(String scorecardRef, Collection<String> entityRefs) {
        if (entityRefs.isEmpty()) {
            return;
        }
        LinkedHashSet<String> queue = pending.get(scorecardRef);
        if (queue == null) {
            queue = new LinkedHashSet<>();
            pending.put(scorecardRef, queue);
            turn.addLast(scorecardRef);
        }
        queue.addAll(entityRefs);
    }

    /** The next slice of at most {@code size} entities, from the scorecard whose turn it is. */
    synchronized Optional<Slice> next(int size) {
        String scorecardRef = turn.pollFirst();
        if (scorecardRef == null) {
            return Optional.empty();
        }
        LinkedHashSet<String> queue = pending.get(scorecardRef);
        List<String> slice = new ArrayList<>(Math.min(size, queue.size()));
        for (Iterator<String> it = queue.iterator(); it.hasNext() && slice.size() < size;) {
            slice.add(it.next());
            it.remove();
        }
        if (queue.isEmpty()) {
            pending.remove(scorecardRef);
        } else {
            turn.addLast(scorecardRef);
        }
        return Optional.of(new Slice(scorecardRef, slice));
    }

    /** Drops the work of scorecards that no longer exist. */
    synchronized void retain(Collection<String> scorecardRefs) {
        pending.keySet().retainAll(scorecardRefs);
        turn.retainAll(scorecardRefs);
    }

    /** Entities waiting, over all scorecards. */
    synchronized int size() {
        return pending.values().stream().mapToInt(LinkedHashSet::size).sum();
    }
}
