package dev.interlock.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.quarkus.qute.TemplateExtension;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.pipeline.SinglePointsOfFailure;

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
        if (runsAs == null || !runsAs.toLowerCase(Locale.ROOT).startsWith("user:")) {
            return null;
        }
        try {
            return EntityRef.parse(runsAs, "user", pipeline.ref().namespace());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whom a pipeline hangs on, one entry per single point of failure that names someone: "nobody" ({@code person}
     * null) or its one maintainer in the catalog, the person it runs as, the person who alone restored its failures.
     */
    public static List<HangsOn> hangsOn(EntityView pipeline) {
        List<HangsOn> out = new ArrayList<>();
        PipelineView p = pipeline.pipeline();
        if (p == null) {
            return out;
        }
        for (SinglePointsOfFailure.Reason reason : p.singlePointsOfFailure()) {
            switch (reason) {
                case NO_MAINTAINER -> out.add(new HangsOn("", null));
                case ONE_MAINTAINER ->
                    p.maintainers().stream()
                            .filter(EntityView.RefView::resolved)
                            .findFirst()
                            .ifPresent(m -> out.add(new HangsOn("", m.ref())));
                case PERSONAL_IDENTITY -> {
                    EntityRef person = runsAsPerson(pipeline);
                    if (person != null) {
                        out.add(new HangsOn("runs as", person));
                    }
                }
                case SOLE_RESTORER -> out.add(new HangsOn("restored only by", p.soleRestorer()));
                default -> {
                    // No runbook names nobody.
                }
            }
        }
        return out;
    }

    /**
     * One person a pipeline hangs on.
     *
     * @param how how it hangs on them ("runs as", "restored only by"), empty for its one maintainer
     * @param person the person, or {@code null} for nobody (no maintainer in the catalog)
     */
    public record HangsOn(String how, EntityRef person) {}

    /** A scorecard level in words: "no level" rather than "none", so it is never mistaken for "no risk". */
    public static String levelWords(String level) {
        return level == null || "none".equals(level) ? "no level" : level;
    }

    private static final Pattern MAIL_ADDRESS = Pattern.compile("[^@\\s?&#/:;,<>\"]+@[^@\\s?&#/:;,<>\"]+");

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
