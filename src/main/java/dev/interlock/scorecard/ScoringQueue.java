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

import dev.interlock.descriptor.EntityRef;

/**
 * Scoring work waiting to be done, one queue of entities per scorecard, handed out in slices taken from each
 * scorecard in turn. Each scorecard gets its fair share: a scorecard with expensive rules, or one that applies to
 * everything, delays only itself, while a change scored on another scorecard waits at most one slice of it.
 */
final class ScoringQueue {

    /** A piece of work: these entities on this scorecard. */
    record Slice(EntityRef scorecard, List<EntityRef> entities) {}

    private final Map<EntityRef, LinkedHashSet<EntityRef>> pending = new HashMap<>();
    private final Deque<EntityRef> turn = new ArrayDeque<>();

    /** Adds entities to a scorecard's queue (an entity already waiting is not added twice). */
    synchronized void add(EntityRef scorecardRef, Collection<EntityRef> entityRefs) {
        if (entityRefs.isEmpty()) {
            return;
        }
        LinkedHashSet<EntityRef> queue = pending.get(scorecardRef);
        if (queue == null) {
            queue = new LinkedHashSet<>();
            pending.put(scorecardRef, queue);
            turn.addLast(scorecardRef);
        }
        queue.addAll(entityRefs);
    }

    /** The next slice of at most {@code size} entities, from the scorecard whose turn it is. */
    synchronized Optional<Slice> next(int size) {
        EntityRef scorecardRef = turn.pollFirst();
        if (scorecardRef == null) {
            return Optional.empty();
        }
        LinkedHashSet<EntityRef> queue = pending.get(scorecardRef);
        List<EntityRef> slice = new ArrayList<>(Math.min(size, queue.size()));
        for (Iterator<EntityRef> it = queue.iterator(); it.hasNext() && slice.size() < size; ) {
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
    synchronized void retain(Collection<EntityRef> scorecardRefs) {
        pending.keySet().retainAll(scorecardRefs);
        turn.retainAll(scorecardRefs);
    }

    /** Entities waiting, over all scorecards. */
    synchronized int size() {
        return pending.values().stream().mapToInt(LinkedHashSet::size).sum();
    }
}
