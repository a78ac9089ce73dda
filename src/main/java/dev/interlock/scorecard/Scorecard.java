package dev.interlock.scorecard;

import java.util.List;
import java.util.Map;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.validation.Values;

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
public record Scorecard(EntityRef ref, String title, String description, String appliesTo, List<String> levels,
        List<Check> checks) {

    /**
     * One check: a rule, the level it belongs to, why it matters, and how to fix a failure.
     *
     * @param howTo what to do when it fails, or empty
     * @param howToLink where to read more (http(s)), or empty
     */
    public record Check(String id, String title, String level, String rule, String why, String howTo,
            String howToLink) {

        public Check(String id, String title, String level, String rule, String why) {
            this(id, title, level, rule, why, "", "");
        }
    }

    /** Reads a registered (valid) Scorecard entity. */
    public static Scorecard of(Map<String, Object> entity) {
        Map<?, ?> metadata = (Map<?, ?>) entity.get("metadata");
        Map<?, ?> spec = (Map<?, ?>) entity.get("spec");
        EntityRef ref = new EntityRef("scorecard", String.valueOf(metadata.get("namespace")),
                String.valueOf(metadata.get("name")));
        List<Check> checks = ((List<?>) spec.get("checks")).stream().map(c -> (Map<?, ?>) c)
                .map(c -> new Check(text(c.get("id")), text(c.get("title")), text(c.get("level")), text(c.get("rule")),
                        text(c.get("why")), howTo(c.get("howTo"), "text"), howTo(c.get("howTo"), "link")))
                .toList();
        return new Scorecard(ref, metadata.get("title") == null ? ref.name() : text(metadata.get("title")),
                text(Values.at(entity, "metadata.description")), text(spec.get("appliesTo")),
                ((List<?>) spec.get("levels")).stream().map(String::valueOf).toList(), checks);
    }

    /** {@code howTo} is a text, or {@code {text, link}}. */
    private static String howTo(Object howTo, String part) {
        if (howTo instanceof Map<?, ?> m) {
            return text(m.get(part));
        }
        return part.equals("text") ? text(howTo) : "";
    }

    private static String text(Object o) {
        return o == null ? "" : String.valueOf(o);
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
