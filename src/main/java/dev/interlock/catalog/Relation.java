package dev.interlock.catalog;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationType;

/** A directed relation between two entities, by canonical reference. */
public record Relation(EntityRef source, RelationType type, EntityRef target) {}
