package dev.interlock.validation;

import dev.interlock.descriptor.Descriptor;

/**
 * One named rule a document must follow (Backstage's entity policies and kind validators). Policies are
 * independent: each looks at the raw document and reports what it finds; they run in {@link #order()}.
 */
public interface EntityPolicy {

    /** Checks one document. The root is known to be a map when this is called. */
    void check(Descriptor descriptor, java.util.Map<String, Object> entity, Problems problems);

    /** Lower runs first: envelope, then field formats, then kinds, then extensions. */
    default int order() {
        return 100;
    }
}
