package dev.interlock.validation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.interlock.descriptor.Descriptor;

/**
 * The core kinds' rules (Backstage's kind validators, {@code ComponentEntityV1alpha1} and friends): which
 * apiVersions a kind comes in, which spec fields it requires and of which type. Kinds Interlock does not interpret
 * are accepted with a warning, and kept as they are.
 */
@ApplicationScoped
public class KindPolicy implements EntityPolicy {

    /** The type a spec field must have. */
    enum Type {
        /** A non-empty string. */
        STRING,
        /** A list of non-empty strings. */
        STRINGS,
        /** An object. */
        OBJECT
    }

    record Field(String name, Type type, boolean required) {
    }

    record KindRule(String kind, Set<String> apiVersions, List<Field> fields) {
    }

    static final Set<String> BACKSTAGE_VERSIONS = Set.of("backstage.io/v1alpha1", "backstage.io/v1beta1");

    private static Field req(String name, Type type) {
        return new Field(name, type, true);
    }

    private static Field opt(String name, Type type) {
        return new Field(name, type, false);
    }

    static final Map<String, KindRule> RULES = Map.of(
            "component", new KindRule("Component", BACKSTAGE_VERSIONS, List.of(
                    req("type", Type.STRING), req("lifecycle", Type.STRING), req("owner", Type.STRING),
                    opt("system", Type.STRING), opt("subcomponentOf", Type.STRING),
                    opt("providesApis", Type.STRINGS), opt("consumesApis", Type.STRINGS),
                    opt("dependsOn", Type.STRINGS), opt("dependencyOf", Type.STRINGS),
                    opt("pipeline", Type.OBJECT))),
            "api", new KindRule("API", BACKSTAGE_VERSIONS, List.of(
                    req("type", Type.STRING), req("lifecycle", Type.STRING), req("owner", Type.STRING),
                    req("definition", Type.STRING), opt("system", Type.STRING))),
            "resource", new KindRule("Resource", BACKSTAGE_VERSIONS, List.of(
                    req("type", Type.STRING), req("owner", Type.STRING), opt("system", Type.STRING),
                    opt("dependsOn", Type.STRINGS), opt("dependencyOf", Type.STRINGS))),
            "system", new KindRule("System", BACKSTAGE_VERSIONS, List.of(
                    req("owner", Type.STRING), opt("domain", Type.STRING), opt("type", Type.STRING))),
            "domain", new KindRule("Domain", BACKSTAGE_VERSIONS, List.of(
                    req("owner", Type.STRING), opt("subdomainOf", Type.STRING), opt("type", Type.STRING))),
            "group", new KindRule("Group", BACKSTAGE_VERSIONS, List.of(
                    req("type", Type.STRING), opt("profile", Type.OBJECT), opt("parent", Type.STRING),
                    req("children", Type.STRINGS), opt("members", Type.STRINGS))),
            "user", new KindRule("User", BACKSTAGE_VERSIONS, List.of(
                    opt("profile", Type.OBJECT), req("memberOf", Type.STRINGS))),
            "location", new KindRule("Location", BACKSTAGE_VERSIONS, List.of(
                    opt("type", Type.STRING), opt("target", Type.STRING), opt("targets", Type.STRINGS),
                    opt("presence", Type.STRING))));

    /** The placeholders Backstage's file reader substitutes ({@code $text: ./openapi.yaml}). */
    static final Set<String> PLACEHOLDERS = Set.of("$text", "$json", "$yaml");

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void check(Descriptor descriptor, Map<String, Object> entity, Problems problems) {
        if (!(entity.get("kind") instanceof String kind) || !(entity.get("apiVersion") instanceof String apiVersion)) {
            return;
        }
        KindRule rule = RULES.get(kind.toLowerCase(Locale.ROOT));
        if (rule == null) {
            if (!"Scorecard".equalsIgnoreCase(kind)) {
                problems.warning("kind", "kind \"" + kind + "\" is not one Interlock interprets; the entity is stored "
                        + "with its spec as it is, and its references do not become relations");
            }
            return;
        }
        if (!rule.apiVersions().contains(apiVersion)) {
            problems.invalid("apiVersion", "one of " + String.join(", ", rule.apiVersions().stream().sorted().toList())
                    + " for kind " + rule.kind(), apiVersion);
            return;
        }
        Map<String, Object> spec = entity.get("spec") instanceof Map ? EnvelopePolicy.asMap(entity.get("spec"))
                : Map.of();
        for (Field field : rule.fields()) {
            if (field.name().equals("definition") && spec.get("remotes") instanceof List<?> remotes
                    && !remotes.isEmpty()) {
                // APIs served remotely (Backstage's MCP servers) describe themselves by their remotes instead.
                checkField(rule, new Field("definition", Type.STRING, false), spec, problems);
                continue;
            }
            checkField(rule, field, spec, problems);
        }
        Object presence = spec.get("presence");
        if (rule.kind().equals("Location") && presence instanceof String p && !p.equals("required")
                && !p.equals("optional")) {
            problems.invalid("spec.presence", "\"required\" or \"optional\"", spec.get("presence"));
        }
    }

    private static void checkField(KindRule rule, Field field, Map<String, Object> spec, Problems problems) {
        String path = "spec." + field.name();
        Object value = spec.get(field.name());
        if (value instanceof Map<?, ?> map && map.size() == 1 && PLACEHOLDERS.contains(map.keySet().iterator().next())) {
            Object key = map.keySet().iterator().next();
            problems.warning(path, "\"" + path + "\" is a " + key + " placeholder (" + Values.describe(map.get(key))
                    + ") that Interlock does not resolve; the entity is stored with the placeholder in place");
            return;
        }
        if (value == null) {
            if (field.required()) {
                problems.missing(path, expectation(field.type()) + " (" + rule.kind() + " requires it)");
            }
            return;
        }
        switch (field.type()) {
            case STRING -> {
                if (!Values.isNonEmptyString(value)) {
                    problems.invalid(path, expectation(Type.STRING), value);
                }
            }
            case OBJECT -> {
                if (!(value instanceof Map)) {
                    problems.invalid(path, expectation(Type.OBJECT), value);
                }
            }
            case STRINGS -> {
                if (!(value instanceof List<?> list)) {
                    problems.invalid(path, expectation(Type.STRINGS), value);
                } else {
                    for (int i = 0; i < list.size(); i++) {
                        if (!Values.isNonEmptyString(list.get(i))) {
                            problems.invalid(path + "." + i, expectation(Type.STRING), list.get(i));
                        }
                    }
                }
            }
        }
    }

    private static String expectation(Type type) {
        return switch (type) {
            case STRING -> "a non empty string";
            case STRINGS -> "a list of non empty strings";
            case OBJECT -> "an object";
        };
    }
}
