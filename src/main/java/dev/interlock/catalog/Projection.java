package dev.interlock.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Backstage's {@code fields} parameter: keep only the named dotted paths of an entity. */
public final class Projection {

    private Projection() {
    }

    /** The entity with only these fields; all of it when {@code fields} is empty. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> apply(Map<String, Object> entity, List<String> fields) {
        if (entity == null || fields.isEmpty()) {
            return entity;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : fields) {
            String[] parts = java.util.Arrays.stream(field.split("\\.")).filter(p -> !p.isEmpty())
                    .toArray(String[]::new);
            if (parts.length == 0) {
                continue;
            }
            Object value = entity;
            for (String part : parts) {
                value = value instanceof Map<?, ?> m ? m.get(part) : null;
            }
            if (value == null) {
                continue;
            }
            Map<String, Object> target = out;
            for (int i = 0; i < parts.length - 1; i++) {
                target = (Map<String, Object>) target.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
            }
            target.put(parts[parts.length - 1], value);
        }
        return out;
    }

    /** Splits repeated and comma-separated {@code fields} parameters. */
    public static List<String> fields(List<String> params) {
        if (params == null) {
            return List.of();
        }
        return params.stream().filter(java.util.Objects::nonNull)
                .flatMap(p -> java.util.Arrays.stream(p.split(","))).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }
}
