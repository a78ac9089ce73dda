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

import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.DescriptorSyntaxException;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.model.Metadata;
import dev.interlock.model.Node;
import dev.interlock.registration.RegistrationService;
import dev.interlock.validation.Problem;

/**
 * Reads a location into a {@link Reading}: every document of its target, {@code kind: Location} entities followed
 * through their {@code target}/{@code targets} (relative to their file, with a depth limit and cycle detection, globs
 * for file locations), placeholders resolved ({@link Placeholders}), the origin annotation set, and every document
 * validated. Nothing is stored here.
 */
@ApplicationScoped
public class LocationProcessor {

    @Inject
    TargetReader reader;

    @Inject
    RegistrationService registration;

    @Inject
    LocationsConfig config;

    @Inject
    Placeholders placeholders;

    /**
     * Reads a location.
     *
     * @param type {@code url} or {@code file}
     * @param target the registered target
     * @param previous the files of the last good reading, or empty: when every one of them answers "not modified",
     *        the reading is {@link Reading#unchanged()}
     */
    public Reading read(String type, String target, List<Reading.FileState> previous) {
        // One deadline for the whole reading, the conditional reads of an unchanged check included.
        long deadline = System.nanoTime() + config.locationTimeout().toNanos();
        if (!previous.isEmpty()) {
            try {
                boolean same = true;
                for (Reading.FileState f : previous) {
                    if (System.nanoTime() - deadline > 0) {
                        same = false; // read again below, where the time it took is the location's error
                        break;
                    }
                    same &= TargetReader.isGlob(type, f.file())
                            ? Reading.FileState.ofGlob(f.file(), reader.glob(type, f.file()))
                                    .equals(f)
                            : reader.read(type, f.file(), f.validators()).unchanged();
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
        Walk walk = new Walk(type, target, deadline);
        walk.visit(target, null, 0, new ArrayList<>());
        if (walk.problems.stream().noneMatch(Reading.Problem::isError)) {
            walk.validate();
        }
        return new Reading(type, target, walk.documents, walk.files, walk.problems, false);
    }

    /** One reading in progress. */
    private final class Walk implements Placeholders.Walk {
        final String type;
        final String root;
        final String origin;
        final Set<String> visited = new LinkedHashSet<>();
        final List<Reading.Produced> documents = new ArrayList<>();
        final List<Reading.FileState> files = new ArrayList<>();
        final List<Reading.Problem> problems = new ArrayList<>();
        final long deadline;
        boolean late;
        long characters;

        Walk(String type, String root, long deadline) {
            this.type = type;
            this.root = root;
            this.deadline = deadline;
            this.origin = type + ":" + root;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public boolean mayReadAnother() {
            return visited.size() + files.size() <= 2 * config.maxFiles();
        }

        @Override
        public boolean inTime(String file) {
            if (!late && System.nanoTime() - deadline > 0) {
                late = true;
                error(
                        file,
                        null,
                        "the location took longer than " + config.locationTimeout()
                                + " to read (interlock.locations.location-timeout); " + file
                                + " and the files after it were not read: split the location, or speed up its server");
            }
            return !late;
        }

        @Override
        public void read(Reading.FileState file, String text) {
            files.add(file);
            // Every file's text and parsed documents are held until the location is applied: bounded in all, not
            // only per file (500 files of 4 MB each ran the heap out).
            characters += text.length();
            long most = config.maxTotalSize().asLongValue();
            if (characters > most) {
                throw new ReadFailure(
                        file.file(),
                        "the location's files hold more than " + most / (1024 * 1024)
                                + " MB of text in all (interlock.locations.max-total-size); " + file.file()
                                + " was not read: split the location");
            }
        }

        void visit(String file, EntityRef parentRef, int depth, List<String> chain) {
            if (depth > config.maxDepth()) {
                error(
                        file,
                        null,
                        "Location entities are nested more than " + config.maxDepth()
                                + " deep (interlock.locations.max-depth); " + file + " was not read");
                return;
            }
            if (TargetReader.isGlob(type, file)) {
                try {
                    List<String> matches = reader.glob(type, file);
                    files.add(Reading.FileState.ofGlob(file, matches));
                    for (String match : matches) {
                        visit(match, parentRef, depth, chain);
                    }
                } catch (ReadFailure e) {
                    error(e.file(), null, e.getMessage());
                }
                return;
            }
            if (!visited.add(file)) {
                if (chain.contains(file)) {
                    problems.add(new Reading.Problem(
                            "warning",
                            file,
                            null,
                            "Location targets form a cycle (" + String.join(" -> ", chain) + " -> " + file + "); "
                                    + file + " is read once"));
                }
                return;
            }
            if (visited.size() > config.maxFiles()) {
                error(
                        file,
                        null,
                        "the location reads more than " + config.maxFiles() + " files (interlock.locations.max-files); "
                                + file + " was not read");
                return;
            }
            String text = fetch(file);
            if (text == null) {
                return;
            }
            List<Descriptor> docs;
            try {
                docs = registration
                        .reader(config.maxSize().asLongValue())
                        .read(text, DescriptorReader.Format.YAML, type + ":" + file);
            } catch (DescriptorSyntaxException e) {
                error(file, e.position() == null ? null : e.position().line(), e.getMessage());
                return;
            }
            List<String> down = new ArrayList<>(chain);
            down.add(file);
            for (Descriptor d : docs) {
                Object resolved = withOrigin(placeholders.resolve(d, file, this));
                Descriptor out = new Descriptor(
                        documents.size() + 1, resolved, d.positions(), d.start(), d.source(), d.location());
                documents.add(new Reading.Produced(out, file, parentRef));
                Entity entity = Entity.of(resolved);
                if (entity.isKind("location")
                        && entity.spec().isObject()
                        && entity.root().get("metadata").isObject()) {
                    follow(file, d, entity, depth, down);
                }
            }
        }

        private void follow(String file, Descriptor d, Entity location, int depth, List<String> chain) {
            Node spec = location.spec();
            String childType =
                    spec.get("type").isString() ? spec.get("type").text().toLowerCase(Locale.ROOT) : type;
            List<String> targets = new ArrayList<>();
            if (spec.get("target").isString()) {
                targets.add(spec.get("target").text());
            }
            if (spec.get("targets").isList()) {
                targets.addAll(spec.get("targets").strings());
            }
            if (!childType.equals(type)) {
                error(
                        file,
                        d.positionOf("spec.type").line(),
                        "a " + type + " location cannot read " + childType + " targets (spec.type: " + childType + ")");
                return;
            }
            EntityRef ref = location.ref();
            boolean optional = "optional".equals(spec.get("presence").text());
            for (String t : targets) {
                try {
                    String child = reader.resolve(type, file, t);
                    if (optional && !TargetReader.isGlob(type, child) && !exists(child)) {
                        problems.add(new Reading.Problem(
                                "warning",
                                file,
                                d.positionOf("spec").line(),
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
            if (!inTime(file)) {
                return true; // not asked: visiting it reports nothing more once the location is late
            }
            try {
                reader.read(type, file, null);
                return true;
            } catch (ReadFailure e) {
                return !(e.getMessage().contains("404") || e.getMessage().contains("does not exist"));
            }
        }

        private String fetch(String file) {
            if (!inTime(file)) {
                return null;
            }
            try {
                FileRead read = reader.read(type, file, null);
                read(
                        new Reading.FileState(
                                file,
                                read.validators().etag(),
                                read.validators().lastModified()),
                        read.text());
                return read.text();
            } catch (ReadFailure e) {
                error(e.file(), null, e.getMessage());
                return null;
            }
        }

        /**
         * The document with the origin annotation set (a document without metadata is left as it is); the
         * {@code managed-by-location} annotation is set from the document's location on save.
         */
        private Object withOrigin(Object tree) {
            Node root = Node.of(tree);
            if (!root.get("metadata").isObject()) {
                return tree;
            }
            Map<String, Object> annotations =
                    new LinkedHashMap<>(root.at("metadata.annotations").asTree());
            annotations.put(Metadata.MANAGED_BY_ORIGIN, origin);
            Map<String, Object> metadata =
                    new LinkedHashMap<>(root.get("metadata").asTree());
            metadata.put("annotations", annotations);
            Map<String, Object> out = new LinkedHashMap<>(root.asTree());
            out.put("metadata", metadata);
            return out;
        }

        /** Validates every document and checks that no entity appears twice; problems name the file and line. */
        void validate() {
            List<Descriptor> all =
                    documents.stream().map(Reading.Produced::descriptor).toList();
            for (Problem p : registration.validate(all)) {
                Reading.Produced produced = documents.get(p.document() - 1);
                problems.add(new Reading.Problem(
                        p.isError() ? "error" : "warning",
                        produced.file(),
                        p.line(),
                        p.message().replaceFirst("^document \\d+( \\(line \\d+(, column \\d+)?\\))?: ", "")));
            }
            Map<EntityRef, Reading.Produced> seen = new HashMap<>();
            for (Reading.Produced produced : documents) {
                EntityRef ref = produced.ref();
                Reading.Produced earlier = ref == null ? null : seen.putIfAbsent(ref, produced);
                if (earlier != null) {
                    error(
                            produced.file(),
                            produced.descriptor().start().line(),
                            ref + " is also defined in " + earlier.file()
                                    + "; each entity may appear once in a location");
                }
            }
        }

        @Override
        public void error(String file, Integer line, String message) {
            problems.add(new Reading.Problem("error", file, line, message));
        }
    }
}
