package dev.interlock.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Backstage's filter syntax: {@code filter=kind=component,spec.type=service}. Commas AND conditions; a key
 * repeated within one filter means any of its values; a bare key means the field exists; several {@code filter}
 * parameters are ORed. Keys and values are compared case-insensitively.
 *
 * @param alternatives the ORed filters, each a list of ANDed conditions; empty means everything
 */
public record EntityFilter(List<List<Condition>> alternatives) {

    /**
     * One condition on a field.
     *
     * @param key lower-case dotted path ({@code spec.pipeline.family}, {@code relations.ownedby})
     * @param values lower-case accepted values; empty means "the field exists"
     */
    public record Condition(String key, Set<String> values) {}

    /** Matches every entity. */
    public static final EntityFilter ALL = new EntityFilter(List.of());

    /**
     * Parses the {@code filter} query parameters.
     *
     * @throws IllegalArgumentException naming the malformed part
     */
    public static EntityFilter parse(List<String> filters) {
        if (filters == null || filters.isEmpty()) {
            return ALL;
        }
        List<List<Condition>> alternatives = new ArrayList<>();
        for (String filter : filters) {
            if (filter == null || filter.isBlank()) {
                continue;
            }
            Map<String, Set<String>> byKey = new LinkedHashMap<>();
            for (String part : filter.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                String key = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("filter \"" + filter + "\" has a condition without a key: \"" + p
                            + "\"; expected key=value or key");
                }
                Set<String> values = byKey.computeIfAbsent(key, k -> new LinkedHashSet<>());
                if (eq >= 0) {
                    values.add(p.substring(eq + 1).trim().toLowerCase(Locale.ROOT));
                }
            }
            if (!byKey.isEmpty()) {
                alternatives.add(byKey.entrySet().stream()
                        .map(e -> new Condition(e.getKey(), e.getValue()))
                        .toList());
            }
        }
        return new EntityFilter(alternatives);
    }

    /** The one kind every alternative requires ({@code kind=component}), if there is such a kind. */
    public Optional<String> singleKind() {
        String kind = null;
        for (List<Condition> and : alternatives) {
            String pinned = and.stream()
                    .filter(c -> c.key().equals("kind") && c.values().size() == 1)
                    .map(c -> c.values().iterator().next())
                    .findFirst()
                    .orElse(null);
            if (pinned == null || (kind != null && !kind.equals(pinned))) {
                return Optional.empty();
            }
            kind = pinned;
        }
        return Optional.ofNullable(kind);
    }
}
