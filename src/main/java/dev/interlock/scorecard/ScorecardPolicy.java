package dev.interlock.scorecard;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.model.Node;
import dev.interlock.validation.EntityPolicy;
import dev.interlock.validation.Formats;
import dev.interlock.validation.Problems;

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
    public void check(Descriptor descriptor, Node entity, Problems problems) {
        if (!"scorecard".equalsIgnoreCase(entity.get("kind").scalarText())) {
            return;
        }
        if (!API_VERSION.equals(entity.get("apiVersion").raw())) {
            problems.invalid(
                    "apiVersion",
                    API_VERSION + " for kind Scorecard",
                    entity.get("apiVersion").raw());
            return;
        }
        Node spec = entity.get("spec");
        if (spec.get("owner").text("").isEmpty()) {
            absentOrWrong(
                    spec.get("owner"), "spec.owner", "the team that owns the scorecard, e.g. group:platform", problems);
        }
        rule(spec.get("appliesTo"), "spec.appliesTo", problems, null);
        Set<String> levels = new HashSet<>();
        List<Node> list = spec.get("levels").items();
        if (list.isEmpty()) {
            absentOrWrong(
                    spec.get("levels"),
                    "spec.levels",
                    "the levels, lowest first, e.g. [bronze, silver, gold]",
                    problems);
        } else {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).text("").isEmpty() || !levels.add(list.get(i).text())) {
                    problems.invalid(
                            "spec.levels." + i,
                            "a level name used once",
                            list.get(i).raw());
                }
            }
        }
        List<Node> checks = spec.get("checks").items();
        if (checks.isEmpty()) {
            absentOrWrong(
                    spec.get("checks"),
                    "spec.checks",
                    "a list of checks with id, title, level, rule and why",
                    problems);
            return;
        }
        if (checks.size() > Rules.MAX_CHECKS) {
            problems.invalid(
                    "spec.checks",
                    "at most " + Rules.MAX_CHECKS + " checks (split a larger scorecard in two)",
                    checks.size() + " checks");
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < checks.size(); i++) {
            String path = "spec.checks." + i;
            Node c = checks.get(i);
            if (!c.isObject()) {
                problems.invalid(path, "an object with id, title, level, rule and why", c.raw());
                continue;
            }
            Object id = c.get("id").raw();
            if (!Formats.OBJECT_NAME.accepts(id) || !ids.add(String.valueOf(id))) {
                problems.invalid(path + ".id", "a unique id that is " + Formats.OBJECT_NAME.expectation(), id);
            }
            for (String key : List.of("title", "why")) {
                if (c.get(key).text("").isEmpty()) {
                    problems.missing(
                            path + "." + key,
                            key.equals("why")
                                    ? "why the check matters, in words a leader understands"
                                    : "a short title");
                }
            }
            if (!levels.isEmpty()
                    && !levels.contains(String.valueOf(c.get("level").raw()))) {
                problems.invalid(
                        path + ".level",
                        "one of the levels " + levels,
                        c.get("level").raw());
            }
            rule(c.get("rule"), path + ".rule", problems, id);
            howTo(c.get("howTo"), path + ".howTo", problems);
        }
    }

    /** An optional {@code howTo}: a text, or {@code {text, link}} with an http(s) link. */
    private static void howTo(Node howTo, String path, Problems problems) {
        if (howTo.isMissing() || !howTo.text("").isEmpty()) {
            return;
        }
        if (!howTo.isObject()) {
            problems.invalid(path, "a text saying how to fix a failure, or an object with text and link", howTo.raw());
            return;
        }
        if (howTo.get("text").text("").isEmpty()) {
            problems.missing(path + ".text", "how to fix a failure, in words");
        }
        Node link = howTo.get("link");
        if (!link.isMissing() && !(link.isString() && Formats.isHttpUrl(link.text()))) {
            problems.invalid(path + ".link", "an http(s) URL", link.raw());
        }
        for (Map.Entry<String, Node> field : howTo.fields().entrySet()) {
            if (!"text".equals(field.getKey()) && !"link".equals(field.getKey())) {
                problems.invalid(
                        path + "." + field.getKey(),
                        "only text and link",
                        field.getValue().raw());
            }
        }
    }

    /**
     * A required field that is not what it should be: missing (or empty), or of the wrong kind ({@code rule: 5},
     * {@code levels: bronze}), each said as it is.
     */
    private static void absentOrWrong(Node value, String path, String expectation, Problems problems) {
        boolean empty = value.isMissing()
                || value.isString() && value.text().isBlank()
                || value.isList() && value.items().isEmpty();
        if (empty) {
            problems.missing(path, expectation);
        } else {
            problems.invalid(path, expectation, value.raw());
        }
    }

    private static void rule(Node rule, String path, Problems problems, Object checkId) {
        if (rule.text("").isEmpty()) {
            absentOrWrong(rule, path, RULE, problems);
            return;
        }
        String problem = Rules.problem(rule.text());
        if (problem != null) {
            problems.error(
                    path,
                    "\"" + path + "\"" + (checkId == null ? "" : " (check " + checkId + ")")
                            + " is not valid; expected " + RULE + " but " + problem);
        }
    }
}
