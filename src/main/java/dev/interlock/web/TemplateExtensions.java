package dev.interlock.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationType;
import dev.interlock.pipeline.Schedules;

/** Display logic for templates: links to entities, words for relations and schedules, dates. */
@TemplateExtension
public final class TemplateExtensions {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private static final Map<RelationType, String> LABELS = Map.ofEntries(
            Map.entry(RelationType.OWNED_BY, "Owned by"),
            Map.entry(RelationType.OWNER_OF, "Owner of"),
            Map.entry(RelationType.PART_OF, "Part of"),
            Map.entry(RelationType.HAS_PART, "Has part"),
            Map.entry(RelationType.DEPENDS_ON, "Depends on"),
            Map.entry(RelationType.DEPENDENCY_OF, "Dependency of"),
            Map.entry(RelationType.PROVIDES_API, "Provides API"),
            Map.entry(RelationType.API_PROVIDED_BY, "API provided by"),
            Map.entry(RelationType.CONSUMES_API, "Consumes API"),
            Map.entry(RelationType.API_CONSUMED_BY, "API consumed by"),
            Map.entry(RelationType.CHILD_OF, "Child of"),
            Map.entry(RelationType.PARENT_OF, "Parent of"),
            Map.entry(RelationType.MEMBER_OF, "Member of"),
            Map.entry(RelationType.HAS_MEMBER, "Has member"),
            Map.entry(RelationType.READS_FROM, "Reads from"),
            Map.entry(RelationType.READ_BY, "Read by"),
            Map.entry(RelationType.WRITES_TO, "Writes to"),
            Map.entry(RelationType.WRITTEN_BY, "Written by"),
            Map.entry(RelationType.MAINTAINED_BY, "Maintained by"),
            Map.entry(RelationType.MAINTAINER_OF, "Maintainer of"));

    private TemplateExtensions() {}

    /** The longest run of characters without white space that a table cell keeps whole. */
    static final int LONGEST_UNBROKEN = 24;

    /**
     * Text for a table cell, escaped, with a line-break opportunity ({@code <wbr>}) after every
     * {@value #LONGEST_UNBROKEN} characters of a run without white space: a title of 300 characters and no spaces
     * then wraps in its column instead of widening the whole table past the page, while words of ordinary length,
     * which cells never break, stay whole, and so do dates.
     */
    public static RawString breakable(String text) {
        if (text == null) {
            return new RawString("");
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c)) {
                run = 0;
            } else if (run == LONGEST_UNBROKEN) {
                out.append("<wbr>");
                run = 0;
            }
            if (!Character.isWhitespace(c)) {
                run++;
            }
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(c);
            }
        }
        return new RawString(DATE.matcher(out).replaceAll("<span class=\"nowrap\">$1</span>"));
    }

    /**
     * A date as reasons write it ({@code 2026-12-04}): a browser would break it at a hyphen, leaving "2026-12-" on one
     * line and "04" on the next, so a cell keeps it whole.
     */
    private static final Pattern DATE = Pattern.compile("(?<![\\d-])(\\d{4}-\\d{2}-\\d{2})(?![\\d-])");

    /** The entity's page. */
    public static String href(EntityRef ref) {
        return "/catalog/" + segment(ref.namespace()) + "/" + segment(ref.kind()) + "/" + segment(ref.name());
    }

    /** The canonical form of a reference ({@code kind:namespace/name}), e.g. as a map key. */
    public static String key(EntityRef ref) {
        return ref.toString();
    }

    /** The page of a scorecard. */
    public static String scorecardHref(EntityRef ref) {
        return "/scorecards/" + segment(ref.namespace()) + "/" + segment(ref.name());
    }

    /** How a reference reads: its name, with the namespace when it is not the default one. */
    public static String display(EntityRef ref) {
        return EntityRef.DEFAULT_NAMESPACE.equals(ref.namespace()) ? ref.name() : ref.namespace() + "/" + ref.name();
    }

    /** A kind as people write it (Component, API, Group). */
    public static String kindLabel(EntityRef ref) {
        return kindLabel(ref.kind());
    }

    static String kindLabel(String kind) {
        String k = kind.toLowerCase(Locale.ROOT);
        return k.equals("api") ? "API" : k.isEmpty() ? k : Character.toUpperCase(k.charAt(0)) + k.substring(1);
    }

    /** A CSS class suffix for a kind (letters only). */
    public static String kindClass(String kind) {
        return kind.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    public static String label(RelationType type) {
        return LABELS.getOrDefault(type, type.id());
    }

    /** A relation in running text ("owner of", "written by"). */
    public static String words(RelationType type) {
        return label(type).toLowerCase(Locale.ROOT).replace("api", "API");
    }

    /** A relation type given by its id, in running text; unknown ids as they are. */
    public static String relationWords(String id) {
        RelationType type = RelationType.byId(id);
        return type == null ? id : words(type);
    }

    /** A pipeline family as people say it. */
    public static String familyLabel(String family) {
        return switch (family) {
            case "data" -> "Data";
            case "delivery" -> "Delivery";
            default -> "—";
        };
    }

    /** A cron schedule in English ("every hour"). */
    public static String describeSchedule(String cron) {
        return cron == null || cron.isBlank() ? "" : Schedules.describe(cron);
    }

    public static String when(OffsetDateTime time) {
        return time == null ? "" : WHEN.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** An ISO-8601 instant as the pages write times ("2026-12-03 06:57 UTC"); text that is not one, as it is. */
    public static String utc(String instant) {
        try {
            return instant == null ? "" : when(java.time.Instant.parse(instant).atOffset(ZoneOffset.UTC));
        } catch (java.time.format.DateTimeParseException e) {
            return instant;
        }
    }

    /** A URL path segment. */
    public static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query parameter value. */
    public static String urlParam(String text) {
        return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
    }
}
