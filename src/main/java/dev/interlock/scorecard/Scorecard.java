package dev.interlock.scorecard;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.model.Node;

/**
 * A scorecard as registered: which entities it applies to, its levels lowest first, and its checks.
 *
 * @param ref the scorecard's reference
 * @param title its title, or name
 * @param description what it asks, or empty
 * @param appliesTo the CEL expression choosing the entities it judges
 * @param levels level names, lowest first
 * @param checks the checks, each at one level
 */
public record Scorecard(
        EntityRef ref, String title, String description, String appliesTo, List<String> levels, List<Check> checks) {

    /**
     * One check: a rule, the level it belongs to, why it matters, and how to fix a failure.
     *
     * @param howTo what to do when it fails, or empty
     * @param howToLink where to read more (http(s)), or empty
     */
    public record Check(
            String id, String title, String level, String rule, String why, String howTo, String howToLink) {

        public Check(String id, String title, String level, String rule, String why) {
            this(id, title, level, rule, why, "", "");
        }
    }

    /** Reads a registered (valid) Scorecard entity. */
    public static Scorecard of(Entity entity) {
        EntityRef ref = new EntityRef(
                "scorecard", entity.metadata().namespace(), entity.metadata().name());
        Node spec = entity.spec();
        List<Check> checks = spec.get("checks").items().stream()
                .map(c -> new Check(
                        text(c.get("id")),
                        text(c.get("title")),
                        text(c.get("level")),
                        text(c.get("rule")),
                        text(c.get("why")),
                        howTo(c.get("howTo"), "text"),
                        howTo(c.get("howTo"), "link")))
                .toList();
        String title = entity.metadata().title();
        String description = entity.metadata().description();
        return new Scorecard(
                ref,
                title == null ? ref.name() : title,
                description == null ? "" : description,
                text(spec.get("appliesTo")),
                spec.get("levels").items().stream().map(Scorecard::text).toList(),
                checks);
    }

    /**
     * Whether {@code appliesTo} reads nothing but the {@code entity} variable (as most do: a kind, a type, a tag), so
     * that it can choose entities before the facts around them are looked up.
     */
    public boolean choosesByEntityAlone() {
        try {
            return Set.of("entity").containsAll(Rules.reads(appliesTo));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the scorecard judges an entity with these facts ({@link Facts}). */
    public boolean appliesTo(Map<String, Object> facts) {
        return Rules.test(appliesTo, facts);
    }

    /** {@code howTo} is a text, or {@code {text, link}}. */
    private static String howTo(Node howTo, String part) {
        if (howTo.isObject()) {
            return text(howTo.get(part));
        }
        return part.equals("text") ? text(howTo) : "";
    }

    private static String text(Node n) {
        String s = n.scalarText();
        return s == null ? "" : s;
    }

    /**
     * The level an entity reaches with these checks passed: the highest level whose checks, and all lower levels'
     * checks, pass; {@code null} when not even the lowest is reached.
     */
    public String levelReached(java.util.Set<String> passed) {
        String reached = null;
        for (String level : levels) {
            boolean all = checks.stream().filter(c -> c.level().equals(level)).allMatch(c -> passed.contains(c.id()));
            if (!all) {
                break;
            }
            reached = level;
        }
        return reached;
    }
}
