package dev.interlock.scorecard;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.validation.EntityPolicy;
import dev.interlock.validation.Formats;
import dev.interlock.validation.Problems;
import dev.interlock.validation.Values;

/**
 * The Scorecard kind (catalog-model.md §5): {@code appliesTo}, ordered {@code levels} and {@code checks} with an
 * id, title, level, rule and why. Every rule must compile to a boolean; a rule that does not is an error naming
 * the check.
 */
@ApplicationScoped
public class ScorecardPolicy implements EntityPolicy {

    /** The apiVersion of Interlock's own kinds. */
    public static final String API_VERSION = "interlock.dev/v1alpha1";
    private static final String RULE = "a CEL expression that returns true or false";

    @Override
    public int order() {
        return 60;
    }

    @Override
    public void check(Descriptor descriptor, Map<String, Object> entity, Problems problems) {
        if (!"scorecard".equalsIgnoreCase(String.valueOf(entity.get("kind")))) {
            return;
        }
        if (!API_VERSION.equals(entity.get("apiVersion"))) {
            problems.invalid("apiVersion", API_VERSION + " for kind Scorecard", entity.get("apiVersion"));
            return;
        }
        Map<?, ?> spec = entity.get("spec") instanceof Map<?, ?> m ? m : Map.of();
        if (!Values.isNonEmptyString(spec.get("owner"))) {
            problems.missing("spec.owner", "the team that owns the scorecard, e.g. group:platform");
        }
        rule(spec.get("appliesTo"), "spec.appliesTo", problems);
        Set<String> levels = new HashSet<>();
        if (!(spec.get("levels") instanceof List<?> list) || list.isEmpty()) {
            problems.missing("spec.levels", "the levels, lowest first, e.g. [bronze, silver, gold]");
        } else {
            for (int i = 0; i < list.size(); i++) {
                if (!Values.isNonEmptyString(list.get(i)) || !levels.add(String.valueOf(list.get(i)))) {
                    problems.invalid("spec.levels." + i, "a level name used once", list.get(i));
                }
            }
        }
        if (!(spec.get("checks") instanceof List<?> checks) || checks.isEmpty()) {
            problems.missing("spec.checks", "a list of checks with id, title, level, rule and why");
            return;
        }
        if (checks.size() > Rules.MAX_CHECKS) {
            problems.invalid("spec.checks", "at most " + Rules.MAX_CHECKS + " checks (split a larger scorecard in two)",
                    checks.size() + " checks");
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < checks.size(); i++) {
            String path = "spec.checks." + i;
            if (!(checks.get(i) instanceof Map<?, ?> c)) {
                problems.invalid(path, "an object with id, title, level, rule and why", checks.get(i));
                continue;
            }
            Object id = c.get("id");
            if (!Formats.OBJECT_NAME.accepts(id) || !ids.add(String.valueOf(id))) {
                problems.invalid(path + ".id", "a unique id that is " + Formats.OBJECT_NAME.expectation(), id);
            }
            for (String key : List.of("title", "why")) {
                if (!Values.isNonEmptyString(c.get(key))) {
                    problems.missing(path + "." + key, key.equals("why")
                            ? "why the check matters, in words a leader understands" : "a short title");
                }
            }
            if (!levels.isEmpty() && !levels.contains(String.valueOf(c.get("level")))) {
                problems.invalid(path + ".level", "one of the levels " + levels, c.get("level"));
            }
            rule(c.get("rule"), path + ".rule", problems, id);
            howTo(c.get("howTo"), path + ".howTo", problems);
        }
    }

    /** An optional {@code howTo}: a text, or {@code {text, link}} with an http(s) link. */
    private static void howTo(Object howTo, String path, Problems problems) {
        if (howTo == null || Values.isNonEmptyString(howTo)) {
            return;
        }
        if (!(howTo instanceof Map<?, ?> m)) {
            problems.invalid(path, "a text saying how to fix a failure, or an object with text and link", howTo);
            return;
        }
        if (!Values.isNonEmptyString(m.get("text"))) {
            problems.missing(path + ".text", "how to fix a failure, in words");
        }
        if (m.get("link") != null && !(m.get("link") instanceof String l && Formats.isHttpUrl(l))) {
            problems.invalid(path + ".link", "an http(s) URL", m.get("link"));
        }
        for (Object key : m.keySet()) {
            if (!"text".equals(key) && !"link".equals(key)) {
                problems.invalid(path + "." + key, "only text and link", m.get(key));
            }
        }
    }

    private static void rule(Object rule, String path, Problems problems) {
        rule(rule, path, problems, null);
    }

    private static void rule(Object rule, String path, Problems problems, Object checkId) {
        if (!Values.isNonEmptyString(rule)) {
            problems.missing(path, RULE);
            return;
        }
        String problem = Rules.problem((String) rule);
        if (problem != null) {
            problems.error(path, "\"" + path + "\"" + (checkId == null ? "" : " (check " + checkId + ")")
                    + " is not valid; expected " + RULE + " but it does not compile: " + problem);
        }
    }
}
