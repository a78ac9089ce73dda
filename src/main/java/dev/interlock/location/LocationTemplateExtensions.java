package dev.interlock.location;

import io.quarkus.qute.TemplateExtension;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.web.TemplateExtensions;

/** Display helpers of the location pages. */
@TemplateExtension
public final class LocationTemplateExtensions {

    private LocationTemplateExtensions() {
    }

    /** The page of the entity with this canonical reference. */
    public static String entityHref(String canonicalRef) {
        return TemplateExtensions.href(EntityRef.ofCanonical(canonicalRef));
    }
}
