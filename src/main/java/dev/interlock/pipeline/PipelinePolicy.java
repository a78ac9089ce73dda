package dev.interlock.pipeline;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.model.Node;
import dev.interlock.validation.EntityPolicy;
import dev.interlock.validation.Formats;
import dev.interlock.validation.Problems;
import dev.interlock.validation.ReferencePolicy;

/**
 * The {@code spec.pipeline} block of a Component (catalog-model.md §4): one model for CI/CD and GTM data
 * pipelines. The block is optional; when present every key it has must be well-formed. References are checked by
 * the reference policy; here the rest: family, URLs, identity, the cron schedule, SLO durations and checks.
 */
@ApplicationScoped
public class PipelinePolicy implements EntityPolicy {

    /** Pipeline families. */
    public static final Set<String> FAMILIES = Set.of("data", "delivery");

    static final Set<String> KEYS = Set.of(
            "family",
            "platform",
            "url",
            "runsAs",
            "source",
            "trigger",
            "inputs",
            "outputs",
            "maintainers",
            "runbook",
            "oncall",
            "slo",
            "checks");
    static final Set<String> TRIGGER_KEYS = Set.of("schedule", "after", "events", "timezone", "grace");
    static final Set<String> SLO_KEYS = Set.of("freshness", "successRate", "maxDuration");
    private static final String URL = "an http(s) URL";

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void check(Descriptor descriptor, Node entity, Problems problems) {
        Node p = entity.at("spec.pipeline");
        if (!"component".equalsIgnoreCase(entity.get("kind").scalarText()) || !p.isObject()) {
            return;
        }
        String base = "spec.pipeline";
        for (String key : p.keys()) {
            if (!KEYS.contains(key)) {
                problems.warning(
                        base + "." + key,
                        "\"" + base + "." + key + "\" is not a pipeline key Interlock " + "knows ("
                                + String.join(", ", KEYS.stream().sorted().toList()) + "); it is kept but not used");
            }
        }
        Node family = p.get("family");
        if (!family.isMissing() && !FAMILIES.contains(family.raw())) {
            problems.invalid(base + ".family", "\"data\" (DataOps/RevOps, GTM) or \"delivery\" (CI/CD)", family.raw());
        }
        nonEmpty(p, "platform", base, problems);
        url(p, "url", base, problems);
        url(p, "source", base, problems);
        url(p, "runbook", base, problems);
        Node runsAs = p.get("runsAs");
        if (!runsAs.isMissing() && !isValidRunsAs(runsAs.raw())) {
            problems.invalid(base + ".runsAs", "\"service-account\" or \"user:<name>\"", runsAs.raw());
        }
        Node oncall = p.get("oncall");
        if (!oncall.isMissing() && !isValidOncall(oncall)) {
            problems.invalid(
                    base + ".oncall", "an http(s) URL or \"pagerduty:<service>\" / \"opsgenie:<team>\"", oncall.raw());
        }
        for (String list : List.of("inputs", "outputs", "maintainers")) {
            strings(p.get(list), base + "." + list, problems);
        }
        checkTrigger(p.get("trigger"), base + ".trigger", problems);
        checkSlo(p.get("slo"), base + ".slo", problems);
        checkChecks(p.get("checks"), base + ".checks", problems);
    }

    /** Whether a run identity is a service account or a named person. */
    public static boolean isValidRunsAs(Object runsAs) {
        String s = Node.of(runsAs).text("");
        if (s.isEmpty()) {
            return false;
        }
        if (s.equals("service-account")) {
            return true;
        }
        return s.toLowerCase().startsWith("user:") && ReferencePolicy.problem(s, "user") == null;
    }

    private static boolean isValidOncall(Node value) {
        String s = value.text();
        if (s == null) {
            return false;
        }
        if (Formats.isHttpUrl(s)) {
            return true;
        }
        int colon = s.indexOf(':');
        return colon > 0
                && s.length() > colon + 1
                && Set.of("pagerduty", "opsgenie").contains(s.substring(0, colon));
    }

    private static void checkTrigger(Node t, String base, Problems problems) {
        if (t.isMissing()) {
            return;
        }
        if (!t.isObject()) {
            problems.invalid(base, "an object with schedule, after and/or events", t.raw());
            return;
        }
        unknownKeys(t, TRIGGER_KEYS, base, problems);
        Node schedule = t.get("schedule");
        if (!schedule.isMissing()) {
            if (!schedule.isString()) {
                problems.invalid(
                        base + ".schedule", "a five-field cron expression such as \"0 * * * *\"", schedule.raw());
            } else {
                try {
                    Schedules.parse(schedule.text());
                } catch (IllegalArgumentException e) {
                    problems.invalid(
                            base + ".schedule",
                            "a five-field cron expression such as \"0 * * * *\" (" + e.getMessage() + ")",
                            schedule.text());
                }
            }
        }
        strings(t.get("after"), base + ".after", problems);
        strings(t.get("events"), base + ".events", problems);
        Node zone = t.get("timezone");
        if (!zone.isMissing() && !isZone(zone)) {
            problems.invalid(base + ".timezone", "an IANA time zone such as \"Europe/Berlin\" or \"UTC\"", zone.raw());
        }
        Node grace = t.get("grace");
        if (!grace.isMissing()
                && Durations.parse(grace.raw())
                        .filter(d -> !d.isNegative() && !d.isZero())
                        .isEmpty()) {
            problems.invalid(
                    base + ".grace", "how long after a tick a run may start, " + Durations.EXPECTATION, grace.raw());
        }
    }

    private static boolean isZone(Node zone) {
        try {
            java.time.ZoneId.of(String.valueOf(zone.raw()));
            return zone.isString();
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    private static void checkSlo(Node s, String base, Problems problems) {
        if (s.isMissing()) {
            return;
        }
        if (!s.isObject()) {
            problems.invalid(base, "an object with freshness, successRate and/or maxDuration", s.raw());
            return;
        }
        unknownKeys(s, SLO_KEYS, base, problems);
        for (String key : List.of("freshness", "maxDuration")) {
            Node v = s.get(key);
            if (!v.isMissing() && Durations.parse(v.raw()).isEmpty()) {
                problems.invalid(base + "." + key, Durations.EXPECTATION, v.raw());
            }
        }
        Node rate = s.get("successRate");
        Number n = rate.number();
        if (!rate.isMissing() && !(n != null && n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
            problems.invalid(base + ".successRate", "a number between 0 and 1, such as 0.95", rate.raw());
        }
    }

    private static void checkChecks(Node checks, String base, Problems problems) {
        if (checks.isMissing()) {
            return;
        }
        if (!checks.isList()) {
            problems.invalid(base, "a list of {name, type} objects", checks.raw());
            return;
        }
        List<Node> list = checks.items();
        for (int i = 0; i < list.size(); i++) {
            String path = base + "." + i;
            Node c = list.get(i);
            if (!c.isObject()) {
                problems.invalid(path, "an object with a name and a type", c.raw());
                continue;
            }
            if (c.get("name").text("").isEmpty()) {
                problems.invalid(
                        path + ".name", "a non empty string", c.get("name").raw());
            }
            if (!c.get("type").isMissing() && c.get("type").text("").isEmpty()) {
                problems.invalid(
                        path + ".type",
                        "a non empty string such as test or quality",
                        c.get("type").raw());
            }
        }
    }

    private static void nonEmpty(Node p, String key, String base, Problems problems) {
        Node v = p.get(key);
        if (!v.isMissing() && v.text("").isEmpty()) {
            problems.invalid(base + "." + key, "a non empty string", v.raw());
        }
    }

    private static void url(Node p, String key, String base, Problems problems) {
        Node v = p.get(key);
        if (!v.isMissing() && !(v.isString() && Formats.isHttpUrl(v.text()))) {
            problems.invalid(base + "." + key, URL, v.raw());
        }
    }

    private static void strings(Node value, String path, Problems problems) {
        if (value.isMissing()) {
            return;
        }
        if (!value.isList()) {
            problems.invalid(path, "a list of non empty strings", value.raw());
            return;
        }
        List<Node> list = value.items();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).text("").isEmpty()) {
                problems.invalid(
                        path + "." + i, "a non empty string", list.get(i).raw());
            }
        }
    }

    private static void unknownKeys(Node map, Set<String> known, String base, Problems problems) {
        for (String key : map.keys()) {
            if (!known.contains(key)) {
                problems.warning(
                        base + "." + key,
                        "\"" + base + "." + key + "\" is not a key Interlock knows ("
                                + String.join(", ", known.stream().sorted().toList()) + "); it is kept but not used");
            }
        }
    }
}
