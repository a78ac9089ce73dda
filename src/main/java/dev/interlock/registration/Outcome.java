package dev.interlock.registration;

import java.util.List;

/**
 * What registration did, or would do, with one entity.
 *
 * @param ref canonical reference
 * @param uid the entity's uid ({@code null} in a dry run of a new entity)
 * @param action {@code created}, {@code updated} or {@code unchanged}
 * @param warnings notes on the entity (an uninterpreted kind, an unresolved placeholder)
 */
public record Outcome(String ref, String uid, String action, List<String> warnings) {}
