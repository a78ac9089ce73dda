package dev.interlock.location;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.model.Node;
import dev.interlock.registration.RegistrationService;

/**
 * Resolves Backstage's {@code $text}, {@code $json} and {@code $yaml} placeholders of a location's document: each
 * object with one such field is replaced by the text, or the parsed content, of the file it names, relative to the
 * document's file and on the same host only. Part of reading a document: it builds the tree that later becomes an
 * {@link dev.interlock.model.Entity}.
 */
@ApplicationScoped
class Placeholders {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a reading in progress offers to placeholder resolution. */
    interface Walk {

        /** The location's type ({@code url} or {@code file}). */
        String type();

        /** Whether another file may be read within {@code interlock.locations.max-files}. */
        boolean mayReadAnother();

        /**
         * Records a file read, for conditional reads later, and counts its text against the location's total.
         *
         * @throws ReadFailure when the location's files would hold more than {@code interlock.locations.max-total-size}
         */
        void read(Reading.FileState file, String text);

        /**
         * Whether another file may still be read within {@code interlock.locations.location-timeout}; when not, the
         * location's error is recorded (once).
         */
        boolean inTime(String file);

        /** Records an error of the document. */
        void error(String file, Integer line, String message);
    }

    @Inject
    TargetReader reader;

    @Inject
    RegistrationService registration;

    @Inject
    LocationsConfig config;

    /** The document's tree with every placeholder replaced by what it names ({@code null} where one failed). */
    Object resolve(Descriptor d, String file, Walk walk) {
        return resolve(Node.of(d.root()), file, d, "", walk);
    }

    private Object resolve(Node node, String file, Descriptor d, String path, Walk walk) {
        if (node.isObject()) {
            Map<String, Node> fields = node.fields();
            if (fields.size() == 1) {
                String key = fields.keySet().iterator().next();
                if (key.equals("$text") || key.equals("$json") || key.equals("$yaml")) {
                    return placeholder(key, fields.get(key), file, d, path, walk);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            fields.forEach((k, v) -> out.put(k, resolve(v, file, d, path.isEmpty() ? k : path + "." + k, walk)));
            return out;
        }
        if (node.isList()) {
            List<Node> items = node.items();
            List<Object> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                out.add(resolve(items.get(i), file, d, path + "." + i, walk));
            }
            return out;
        }
        return node.raw();
    }

    private Object placeholder(String key, Node value, String file, Descriptor d, String path, Walk walk) {
        Integer line = d.positionOf(path).line();
        String relative = value.text();
        if (relative == null || relative.isBlank()) {
            walk.error(file, line, "\"" + path + "\": " + key + " must name a file (a string)");
            return null;
        }
        String type = walk.type();
        String target;
        try {
            target = reader.resolve(type, file, relative);
        } catch (ReadFailure e) {
            walk.error(file, line, "\"" + path + "\": " + e.getMessage());
            return null;
        }
        if (!reader.sameHost(type, file, target)) {
            walk.error(
                    file,
                    line,
                    "\"" + path + "\": " + key + " " + relative + " points at another host than its"
                            + " file; placeholders are read from the same host only");
            return null;
        }
        if (!walk.mayReadAnother()) {
            walk.error(file, line, "too many placeholder files (interlock.locations.max-files)");
            return null;
        }
        if (!walk.inTime(target)) {
            return null;
        }
        String text;
        try {
            FileRead read = reader.readPlaceholder(type, target, file);
            text = read.text();
            walk.read(
                    new Reading.FileState(
                            target, read.validators().etag(), read.validators().lastModified()),
                    text);
        } catch (ReadFailure e) {
            walk.error(file, line, "\"" + path + "\": " + key + " " + relative + ": " + e.getMessage());
            return null;
        }
        try {
            return switch (key) {
                case "$json" -> JSON.readValue(text, Object.class);
                case "$yaml" -> {
                    List<Descriptor> docs = registration
                            .reader(config.maxSize().asLongValue())
                            .read(text, DescriptorReader.Format.YAML, null);
                    yield docs.isEmpty() ? null : docs.get(0).root();
                }
                default -> text;
            };
        } catch (Exception e) {
            walk.error(
                    file,
                    line,
                    "\"" + path + "\": " + key + " " + relative + " is not valid "
                            + key.substring(1).toUpperCase(Locale.ROOT));
            return null;
        }
    }
}
