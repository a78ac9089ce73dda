package dev.interlock.web;

import io.quarkus.qute.TemplateExtension;

import dev.interlock.descriptor.EntityRef;

/**
 * Display logic for pipelines, levels and contacts: the person a pipeline runs as, level names in words, which texts
 * may become links.
 */
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

    private static final java.util.regex.Pattern MAIL_ADDRESS =
            java.util.regex.Pattern.compile("[^@\\s?&#/:;,<>\"]+@[^@\\s?&#/:;,<>\"]+");

    /**
     * Whether a text is a plain e-mail address, and so may become a {@code mailto:} link: anything that would add
     * recipients, a subject or a body ({@code x@y?cc=...}) is shown as text instead.
     */
    public static boolean isMailAddress(String text) {
        return text != null && MAIL_ADDRESS.matcher(text).matches();
    }

    /** Whether a text is an http(s) URL, and so may become a link. */
    public static boolean isHttpUrl(String text) {
        return dev.interlock.validation.Formats.isHttpUrl(text);
    }
}
