package dev.interlock.pipeline;

import java.util.Collection;
import java.util.Map;

import dev.interlock.descriptor.EntityRef;

/**
 * Which pipelines one person alone has restored after their failures of the last 90 days, as their runs name who
 * restored them (runs.md §4): the one reason for {@link SinglePointsOfFailure} that runs tell, not descriptors. Run
 * history belongs to the runs feature, which implements this; the catalog's side asks through it.
 */
public interface SoleRestorers {

    /** Every such pipeline, with the person who restored it. */
    Map<EntityRef, EntityRef> all();

    /** The same for these pipelines only, reading no other pipeline's runs. */
    Map<EntityRef, EntityRef> of(Collection<EntityRef> pipelines);
}
