package dev.interlock.location;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.DescriptorSyntaxException;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.registration.RegistrationService;
import dev.interlock.validation.Problem;

/**
 * Reads a location into a {@link Reading}: every document of its target, {@code kind: Location} entities followed
 * through their {@code target}/{@code targets} (relative to their file, with a depth limit and cycle detection, globs
 * for file locations), {@code $text}/{@code $json}/{@code $yaml} placeholders resolved relative to their file on the
 * same host, the origin annotation set, and every document validated. Nothing is stored here.
 */
@ApplicationScoped
public class LocationProcessor {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TargetReader reader;

    @Inject
    RegistrationService registration;

    @Inject
    LocationsConfig config;

    /**
     * Reads a location.
     *
     * @param type {@code url} or {@code file}
     * @param target the registered target
     * @param previous the files of the last good reading, or empty: when every one of them answers "not modified",
     *        the reading is {@link Reading#unchanged()}
     */
    public Reading read(String type, String target, List<Reading.FileState> previous) {
        if (!previous.isEmpty()) {
            try {
                boolean same = true;
                for (Reading.FileState f : previous) {
                    same &= reader.read(type, f.file(), f.validators()).unchanged();
                    if (!same) {
                        break;
                    }
                }
                if (same) {
                    return Reading.unchanged(type, target, previous);
                }
            } catch (ReadFailure e) {
                // Read everything again below: the failure is reported with the rest.
            }
        }
        Walk walk = new Walk(type, target);
        walk.visit(target, null, 0, new ArrayList<>());
        if (walk.problems.stream().noneMatch(Reading.Problem::isError)) {
            walk.validate();
        }
        return new Reading(type, target, walk.documents, walk.files, walk.problems, false);
    }

    /** One reading in progress. */
    private final class Walk {
        final String type;
        final String root;
        final String origin;
        final Set<String> visited = new LinkedHashSet<>();
        final List<Reading.Produced> documents = new ArrayList<>();
        final List<Reading.FileState> files = new ArrayList<>();
        final List<Reading.Problem> problems = new ArrayList<>();

        Walk(String type, String root) {
            this.type = type;
            this.root = root;
            this.origin = type + ":" + root;
        }

        void visit(String file, String parentRef, int depth, List<String> chain) {
            if (depth > config.maxDepth()) {
                error(file, null, "Location entities are nested more than " + config.maxDepth()
                        + " deep (interlock.locations.max-depth); " + file + " was not read");
                return;
            }
            if (TargetReader.isGlob(type, file)) {
                try {
                    for (String match : reader.glob(type, file)) {
                        visit(match, parentRef, depth, chain);
                    }
                } catch (ReadFailure e) {
                    error(e.file(), null, e.getMessage());
                }
                return;
            }
            if (!visited.add(file)) {
                if (chain.contains(file)) {
                    problems.add(new Reading.Problem("warning", file, null, "Location targets form a cycle ("
                            + String.join(" -> ", chain) + " -> " + file + "); " + file + " is read once"));
                }
                return;
            }
            if (visited.size() > config.maxFiles()) {
                error(file, null, "the location reads more than " + config.maxFiles()
                        + " files (interlock.locations.max-files); " + file + " was not read");
                return;
            }
            String text = fetch(file);
            if (text == null) {
                return;
            }
            List<Descriptor> docs;
            try {
                docs = registration.reader(config.maxSize().asLongValue()).read(text, DescriptorReader.Format.YAML,
                        type + ":" + file);
            } catch (DescriptorSyntaxException e) {
                error(file, e.position() == null ? null : e.position().line(), e.getMessage());
                return;
            }
            List<String> down = new ArrayList<>(chain);
            down.add(file);
            for (Descriptor d : docs) {
                Object resolved = placeholders(d.root(), file, d, "");
                if (resolved instanceof Map<?, ?> map) {
                    annotate(map);
                }
                Descriptor out = new Descriptor(documents.size() + 1, resolved, d.positions(), d.start(), d.source(),
                        d.location());
                documents.add(new Reading.Produced(out, file, parentRef));
                if (resolved instanceof Map<?, ?> map && "location".equalsIgnoreCase(String.valueOf(map.get("kind")))
                        && map.get("spec") instanceof Map<?, ?> spec && map.get("metadata") instanceof Map<?, ?> md) {
                    follow(file, d, spec, md, depth, down);
                }
            }
        }

        private void follow(String file, Descriptor d, Map<?, ?> spec, Map<?, ?> metadata, int depth,
                List<String> chain) {
            String childType = spec.get("type") instanceof String t ? t.toLowerCase(Locale.ROOT) : type;
            List<String> targets = new ArrayList<>();
            if (spec.get("target") instanceof String t) {
                targets.add(t);
            }
            if (spec.get("targets") instanceof List<?> list) {
                list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(targets::add);
            }
            if (!childType.equals(type)) {
                error(file, d.positionOf("spec.type").line(), "a " + type + " location cannot read " + childType
                        + " targets (spec.type: " + childType + ")");
                return;
            }
            Object ns = metadata.get("namespace");
            String ref = new EntityRef("location", ns instanceof String s ? s : EntityRef.DEFAULT_NAMESPACE,
                    String.valueOf(metadata.get("name"))).toString();
            boolean optional = "optional".equals(spec.get("presence"));
            for (String t : targets) {
                try {
                    String child = reader.resolve(type, file, t);
                    if (optional && !TargetReader.isGlob(type, child) && !exists(child)) {
                        problems.add(new Reading.Problem("warning", file, d.positionOf("spec").line(),
                                "optional target " + child + " was not found; nothing read from it"));
                        continue;
                    }
                    visit(child, ref, depth + 1, chain);
                } catch (ReadFailure e) {
                    error(file, d.positionOf("spec.target").line(), e.getMessage());
                }
            }
        }

        /** Whether an optional target can be read (a read failure other than "not found" still counts as there). */
        private boolean exists(String file) {
            try {
                reader.read(type, file, null);
                return true;
            } catch (ReadFailure e) {
                return !(e.getMessage().contains("404") || e.getMessage().contains("does not exist"));
            }
        }

        private String fetch(String file) {
            try {
                FileRead read = reader.read(type, file, null);
                files.add(new Reading.FileState(file, read.validators().etag(), read.validators().lastModified()));
                return read.text();
            } catch (ReadFailure e) {
                error(e.file(), null, e.getMessage());
                return null;
            }
        }

        /** The tree with every {@code $text}/{@code $json}/{@code $yaml} object replaced by what it names. */
        private Object placeholders(Object node, String file, Descriptor d, String path) {
            if (node instanceof Map<?, ?> map) {
                if (map.size() == 1 && map.keySet().iterator().next() instanceof String key
                        && (key.equals("$text") || key.equals("$json") || key.equals("$yaml"))) {
                    return placeholder(key, map.get(key), file, d, path);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), placeholders(v, file, d,
                        path.isEmpty() ? String.valueOf(k) : path + "." + k)));
                return out;
            }
            if (node instanceof List<?> list) {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    out.add(placeholders(list.get(i), file, d, path + "." + i));
                }
                return out;
            }
            return node;
        }

        private Object placeholder(String key, Object value, String file, Descriptor d, String path) {
            Integer line = d.positionOf(path).line();
            if (!(value instanceof String relative) || relative.isBlank()) {
                error(file, line, "\"" + path + "\": " + key + " must name a file (a string)");
                return null;
            }
            String target;
            try {
                target = reader.resolve(type, file, relative);
            } catch (ReadFailure e) {
                error(file, line, "\"" + path + "\": " + e.getMessage());
                return null;
            }
            if (!reader.sameHost(type, file, target)) {
                error(file, line, "\"" + path + "\": " + key + " " + relative + " points at another host than its"
                        + " file; placeholders are read from the same host only");
                return null;
            }
            if (visited.size() + files.size() > 2 * config.maxFiles()) {
                error(file, line, "too many placeholder files (interlock.locations.max-files)");
                return null;
            }
            String text;
            try {
                FileRead read = reader.read(type, target, null);
                files.add(new Reading.FileState(target, read.validators().etag(), read.validators().lastModified()));
                text = read.text();
            } catch (ReadFailure e) {
                error(file, line, "\"" + path + "\": " + key + " " + relative + ": " + e.getMessage());
                return null;
            }
            try {
                return switch (key) {
                    case "$json" -> JSON.readValue(text, Object.class);
                    case "$yaml" -> {
                        List<Descriptor> docs = registration.reader(config.maxSize().asLongValue()).read(text,
                                DescriptorReader.Format.YAML, null);
                        yield docs.isEmpty() ? null : docs.get(0).root();
                    }
                    default -> text;
                };
            } catch (Exception e) {
                error(file, line, "\"" + path + "\": " + key + " " + relative + " is not valid "
                        + key.substring(1).toUpperCase(Locale.ROOT));
                return null;
            }
        }

        /** Sets the origin annotation; {@code managed-by-location} is set from the document's location on save. */
        @SuppressWarnings("unchecked")
        private void annotate(Map<?, ?> entity) {
            if (entity.get("metadata") instanceof Map<?, ?> md) {
                Map<String, Object> metadata = (Map<String, Object>) md;
                Map<String, Object> annotations = new LinkedHashMap<>();
                if (metadata.get("annotations") instanceof Map<?, ?> a) {
                    a.forEach((k, v) -> annotations.put(String.valueOf(k), v));
                }
                annotations.put(RegistrationService.MANAGED_BY_ORIGIN, origin);
                metadata.put("annotations", annotations);
            }
        }

        /** Validates every document and checks that no entity appears twice; problems name the file and line. */
        void validate() {
            List<Descriptor> all = documents.stream().map(Reading.Produced::descriptor).toList();
            for (Problem p : registration.validate(all)) {
                Reading.Produced produced = documents.get(p.document() - 1);
                problems.add(new Reading.Problem(p.isError() ? "error" : "warning", produced.file(), p.line(),
                        p.message().replaceFirst("^document \\d+( \\(line \\d+(, column \\d+)?\\))?: ", "")));
            }
            Map<String, Reading.Produced> seen = new HashMap<>();
            for (Reading.Produced produced : documents) {
                String ref = LocationService.refOf(produced.descriptor());
                Reading.Produced earlier = ref == null ? null : seen.putIfAbsent(ref, produced);
                if (earlier != null) {
                    error(produced.file(), produced.descriptor().start().line(), ref + " is also defined in "
                            + earlier.file() + "; each entity may appear once in a location");
                }
            }
        }

        private void error(String file, Integer line, String message) {
            problems.add(new Reading.Problem("error", file, line, message));
        }
    }
}
