package dev.interlock.validation;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.model.Node;

/**
 * One named rule a document must follow (Backstage's entity policies and kind validators). Policies are
 * independent: each looks at the document and reports what it finds; they run in {@link #order()}.
 */
public interface EntityPolicy {

    /** Checks one document. The root is known to be an object when this is called. */
    void check(Descriptor descriptor, Node entity, Problems problems);

    /** Lower runs first: envelope, then field formats, then kinds, then extensions. */
    default int order() {
        return 100;
    }
}
