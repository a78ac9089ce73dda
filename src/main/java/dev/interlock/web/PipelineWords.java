package dev.interlock.web;

import io.quarkus.qute.TemplateExtension;

import dev.interlock.descriptor.EntityRef;

/** Display logic for pipelines and levels: the person a pipeline runs as, and level names in words. */
@TemplateExtension
public final class PipelineWords {

    private PipelineWords() {}

    /** The person a pipeline runs as ({@code runsAs: user:<name>}), or {@code null} for a service account. */
    public static EntityRef runsAsPerson(EntityView pipeline) {
        String runsAs = pipeline.pipeline() == null ? "" : pipeline.pipeline().runsAs();
        if (runsAs == null || !runsAs.toLowerCase(java.util.Locale.ROOT).startsWith("user:")) {
            return null;
        }
        try {
            return EntityRef.parse(runsAs, "user", pipeline.ref().namespace());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A scorecard level in words: "no level" rather than "none", so it is never mistaken for "no risk". */
    public static String levelWords(String level) {
        return level == null || "none".equals(level) ? "no level" : level;
    }

    /** Whether a text is an http(s) URL, and so may become a link. */
    public static boolean isHttpUrl(String text) {
        return dev.interlock.validation.Formats.isHttpUrl(text);
    }
}
