package dev.interlock.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.validation.EntityPolicy;
import dev.interlock.validation.Formats;
import dev.interlock.validation.Problems;
import dev.interlock.validation.ReferencePolicy;
import dev.interlock.validation.Values;

/**
 * The {@code spec.pipeline} block of a Component (catalog-model.md §4): one model for CI/CD and GTM data
 * pipelines. The block is optional; when present every key it has must be well-formed. References are checked by
 * the reference policy; here the rest: family, URLs, identity, the cron schedule, SLO durations and checks.
 */
@ApplicationScoped
public class PipelinePolicy implements EntityPolicy {

    /** Pipeline families. */
    public static final Set<String> FAMILIES = Set.of("data", "delivery");

    static final Set<String> KEYS = Set.of("family", "platform", "url", "runsAs", "source", "trigger", "inputs",
            "outputs", "maintainers", "runbook", "oncall", "slo", "checks");
    static final Set<String> TRIGGER_KEYS = Set.of("schedule", "after", "events", "timezone", "grace");
    static final Set<String> SLO_KEYS = Set.of("freshness", "successRate", "maxDuration");
    private static final String URL = "an http(s) URL";

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void check(Descriptor descriptor, Map<String, Object> entity, Problems problems) {
        if (!"component".equalsIgnoreCase(String.valueOf(entity.get("kind")))
                || !(entity.get("spec") instanceof Map<?, ?> spec) || !(spec.get("pipeline") instanceof Map<?, ?> p)) {
            return;
        }
        String base = "spec.pipeline";
        for (Object key : p.keySet()) {
            if (!KEYS.contains(key)) {
                problems.warning(base + "." + key, "\"" + base + "." + key + "\" is not a pipeline key Interlock "
                        + "knows (" + String.join(", ", KEYS.stream().sorted().toList()) + "); it is kept but not used");
            }
        }
        Object family = p.get("family");
        if (family != null && !FAMILIES.contains(family)) {
            problems.invalid(base + ".family", "\"data\" (DataOps/RevOps, GTM) or \"delivery\" (CI/CD)", family);
        }
        nonEmpty(p, "platform", base, problems);
        url(p, "url", base, problems);
        url(p, "source", base, problems);
        url(p, "runbook", base, problems);
        Object runsAs = p.get("runsAs");
        if (runsAs != null && !isValidRunsAs(runsAs)) {
            problems.invalid(base + ".runsAs", "\"service-account\" or \"user:<name>\"", runsAs);
        }
        Object oncall = p.get("oncall");
        if (oncall != null && !isValidOncall(oncall)) {
            problems.invalid(base + ".oncall", "an http(s) URL or \"pagerduty:<service>\" / \"opsgenie:<team>\"", oncall);
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
        if (!(runsAs instanceof String s) || s.isEmpty()) {
            return false;
        }
        if (s.equals("service-account")) {
            return true;
        }
        return s.toLowerCase().startsWith("user:") && ReferencePolicy.problem(s, "user") == null;
    }

    private static boolean isValidOncall(Object value) {
        if (!(value instanceof String s)) {
            return false;
        }
        if (Formats.isHttpUrl(s)) {
            return true;
        }
        int colon = s.indexOf(':');
        return colon > 0 && s.length() > colon + 1 && Set.of("pagerduty", "opsgenie").contains(s.substring(0, colon));
    }

    private static void checkTrigger(Object trigger, String base, Problems problems) {
        if (trigger == null) {
            return;
        }
        if (!(trigger instanceof Map<?, ?> t)) {
            problems.invalid(base, "an object with schedule, after and/or events", trigger);
            return;
        }
        unknownKeys(t, TRIGGER_KEYS, base, problems);
        Object schedule = t.get("schedule");
        if (schedule != null) {
            if (!(schedule instanceof String s)) {
                problems.invalid(base + ".schedule", "a five-field cron expression such as \"0 * * * *\"", schedule);
            } else {
                try {
                    Schedules.parse(s);
                } catch (IllegalArgumentException e) {
                    problems.invalid(base + ".schedule",
                            "a five-field cron expression such as \"0 * * * *\" (" + e.getMessage() + ")", s);
                }
            }
        }
        strings(t.get("after"), base + ".after", problems);
        strings(t.get("events"), base + ".events", problems);
        Object zone = t.get("timezone");
        if (zone != null && !isZone(zone)) {
            problems.invalid(base + ".timezone", "an IANA time zone such as \"Europe/Berlin\" or \"UTC\"", zone);
        }
        Object grace = t.get("grace");
        if (grace != null && Durations.parse(grace).filter(d -> !d.isNegative() && !d.isZero()).isEmpty()) {
            problems.invalid(base + ".grace", "how long after a tick a run may start, " + Durations.EXPECTATION, grace);
        }
    }

    private static boolean isZone(Object zone) {
        try {
            java.time.ZoneId.of(String.valueOf(zone));
            return zone instanceof String;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    private static void checkSlo(Object slo, String base, Problems problems) {
        if (slo == null) {
            return;
        }
        if (!(slo instanceof Map<?, ?> s)) {
            problems.invalid(base, "an object with freshness, successRate and/or maxDuration", slo);
            return;
        }
        unknownKeys(s, SLO_KEYS, base, problems);
        for (String key : List.of("freshness", "maxDuration")) {
            Object v = s.get(key);
            if (v != null && Durations.parse(v).isEmpty()) {
                problems.invalid(base + "." + key, Durations.EXPECTATION, v);
            }
        }
        Object rate = s.get("successRate");
        if (rate != null && !(rate instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
            problems.invalid(base + ".successRate", "a number between 0 and 1, such as 0.95", rate);
        }
    }

    private static void checkChecks(Object checks, String base, Problems problems) {
        if (checks == null) {
            return;
        }
        if (!(checks instanceof List<?> list)) {
            problems.invalid(base, "a list of {name, type} objects", checks);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String path = base + "." + i;
            if (!(list.get(i) instanceof Map<?, ?> c)) {
                problems.invalid(path, "an object with a name and a type", list.get(i));
                continue;
            }
            if (!Values.isNonEmptyString(c.get("name"))) {
                problems.invalid(path + ".name", "a non empty string", c.get("name"));
            }
            if (c.get("type") != null && !Values.isNonEmptyString(c.get("type"))) {
                problems.invalid(path + ".type", "a non empty string such as test or quality", c.get("type"));
            }
        }
    }

    private static void nonEmpty(Map<?, ?> p, String key, String base, Problems problems) {
        Object v = p.get(key);
        if (v != null && !Values.isNonEmptyString(v)) {
            problems.invalid(base + "." + key, "a non empty string", v);
        }
    }

    private static void url(Map<?, ?> p, String key, String base, Problems problems) {
        Object v = p.get(key);
        if (v != null && !(v instanceof String s && Formats.isHttpUrl(s))) {
            problems.invalid(base + "." + key, URL, v);
        }
    }

    private static void strings(Object value, String path, Problems problems) {
        if (value == null) {
            return;
        }
        if (!(value instanceof List<?> list)) {
            problems.invalid(path, "a list of non empty strings", value);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!Values.isNonEmptyString(list.get(i))) {
                problems.invalid(path + "." + i, "a non empty string", list.get(i));
            }
        }
    }

    private static void unknownKeys(Map<?, ?> map, Set<String> known, String base, Problems problems) {
        for (Object key : map.keySet()) {
            if (!known.contains(key)) {
                problems.warning(base + "." + key, "\"" + base + "." + key + "\" is not a key Interlock knows ("
                        + String.join(", ", known.stream().sorted().toList()) + "); it is kept but not used");
            }
        }
    }
}
