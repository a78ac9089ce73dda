package dev.interlock.catalog;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.interlock.model.Node;

/** Backstage's {@code fields} parameter: keep only the named dotted paths of an entity. */
public final class Projection {

    private Projection() {}

    /** The entity (a JSON answer body) with only these fields; all of it when {@code fields} is empty. */
    public static Map<String, Object> apply(Map<String, Object> entity, List<String> fields) {
        if (entity == null || fields.isEmpty()) {
            return entity;
        }
        Node root = Node.of(entity);
        Map<String, Object> out = new LinkedHashMap<>();
        // The objects this projection made, by the path that leads to them; a path kept whole is not one of them.
        Map<String, Map<String, Object>> made = new HashMap<>();
        for (String field : fields) {
            String[] parts =
                    Arrays.stream(field.split("\\.")).filter(p -> !p.isEmpty()).toArray(String[]::new);
            if (parts.length == 0) {
                continue;
            }
            Node value = root;
            for (String part : parts) {
                value = value.get(part);
            }
            if (value.isMissing()) {
                continue;
            }
            Map<String, Object> target = out;
            String path = "";
            boolean keptWhole = false;
            for (int i = 0; i < parts.length - 1 && !keptWhole; i++) {
                String key = parts[i];
                path = path + "." + key;
                Map<String, Object> parent = target;
                Object there = parent.get(key);
                if (there != null && there != made.get(path)) {
                    // An enclosing path is already kept whole: it holds this value.
                    keptWhole = true;
                } else {
                    target = made.computeIfAbsent(path, k -> {
                        Map<String, Object> object = new LinkedHashMap<>();
                        parent.put(key, object);
                        return object;
                    });
                }
            }
            if (!keptWhole) {
                target.put(parts[parts.length - 1], value.raw());
            }
        }
        return out;
    }

    /** Splits repeated and comma-separated {@code fields} parameters. */
    public static List<String> fields(List<String> params) {
        if (params == null) {
            return List.of();
        }
        return params.stream()
                .filter(Objects::nonNull)
                .flatMap(p -> Arrays.stream(p.split(",")))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
