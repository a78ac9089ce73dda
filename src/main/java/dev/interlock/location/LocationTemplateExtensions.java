package dev.interlock.location;

import io.quarkus.qute.TemplateExtension;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.web.TemplateExtensions;

/** Display helpers of the location pages. */
@TemplateExtension
public final class LocationTemplateExtensions {

    private LocationTemplateExtensions() {}

    /** The page of an entity. */
    public static String entityHref(EntityRef ref) {
        return TemplateExtensions.href(ref);
    }
}
