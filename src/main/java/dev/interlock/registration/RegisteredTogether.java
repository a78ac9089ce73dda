package dev.interlock.registration;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;

/**
 * The entities of one registration, each as it will be stored, and what advisors derive from all of them: derived
 * once per registration rather than once per entity advised, as one body may hold thousands. Used by one request's
 * thread.
 */
public final class RegisteredTogether {

    private final Map<EntityRef, Entity> entities;
    private final Map<EntityRef, Instant> registeredAt;
    private final Map<Class<?>, Object> derived = new HashMap<>();

    /**
     * @param entities every entity of the registration by reference, in the body's order
     * @param registeredAt when each was first registered (now for a new one)
     */
    public RegisteredTogether(Map<EntityRef, Entity> entities, Map<EntityRef, Instant> registeredAt) {
        this.entities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entities));
        this.registeredAt = Map.copyOf(registeredAt);
    }

    /** Every entity of the registration by reference. */
    public Map<EntityRef, Entity> entities() {
        return entities;
    }

    /** When this entity of the registration was first registered (now for a new one). */
    public Instant registeredAt(EntityRef ref) {
        return registeredAt.get(ref);
    }

    /** What {@code derive} makes of the entities, made on the first call for {@code type} and kept. */
    public <T> T derived(Class<T> type, Function<Map<EntityRef, Entity>, T> derive) {
        Object made = derived.get(type);
        if (made == null) {
            made = derive.apply(entities);
            derived.put(type, made);
        }
        return type.cast(made);
    }
}
