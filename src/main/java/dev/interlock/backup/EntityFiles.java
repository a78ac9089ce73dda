package dev.interlock.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.interlock.catalog.EntityJson;
import dev.interlock.catalog.Uids;
import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.DescriptorSyntaxException;
import dev.interlock.descriptor.DescriptorText;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.NotTextException;
import dev.interlock.model.Entity;
import dev.interlock.model.Node;
import dev.interlock.registration.BodyValidation;
import dev.interlock.validation.EntityValidator;
import dev.interlock.validation.Problem;

/**
 * Reads the descriptor files of an archive: one entity per file, valid as registration would have it, at the path
 * its kind, namespace and name give. Problems name the file and line.
 */
final class EntityFiles {

    /**
     * A descriptor file read.
     *
     * @param path where it is in the archive
     * @param ref the entity
     * @param body the entity as stored (JSON types, without {@code status} and {@code relations})
     * @param text the file's text
     * @param warnings registration's warnings about it
     * @param edited the top-level fields edited since the export wrote the file ({@link ExportDigests}), or
     *     {@code null} when the file does not say what it held then
     */
    record Read(String path, EntityRef ref, Entity body, String text, List<String> warnings, List<String> edited) {

        /** {@code metadata.uid}, {@code etag} or {@code generation} as the file has it ({@link Node#MISSING} if not). */
        Node identity(String field) {
            return body.root().get("metadata").get(field);
        }
    }

    private final DescriptorReader reader;
    private final EntityValidator validator;
    private final EntityJson json;

    EntityFiles(DescriptorReader reader, EntityValidator validator, EntityJson json) {
        this.reader = reader;
        this.validator = validator;
        this.json = json;
    }

    /** Reads one file; {@code null} (and problems added) when it cannot be imported. */
    Read read(String path, byte[] bytes, List<ArchiveProblem> problems) {
        String text;
        List<Descriptor> documents;
        try {
            text = DescriptorText.decode(bytes, "the file", TableRows.EXPORTED_AS_UTF8);
            documents = reader.read(text, DescriptorReader.Format.YAML, null);
        } catch (NotTextException e) {
            problems.add(ArchiveProblem.of(
                    path, e.position() == null ? null : e.position().line(), e.getMessage()));
            return null;
        } catch (DescriptorSyntaxException e) {
            problems.add(ArchiveProblem.of(
                    path, e.position() == null ? null : e.position().line(), e.describe()));
            return null;
        } catch (IllegalArgumentException e) {
            problems.add(ArchiveProblem.of(path, null, e.getMessage()));
            return null;
        }
        if (documents.size() != 1) {
            problems.add(ArchiveProblem.of(
                    path,
                    null,
                    "holds " + documents.size() + " documents; an entity file " + "of an export holds exactly one"));
            return null;
        }
        BodyValidation.Result checked = BodyValidation.check(documents, validator);
        if (!checked.errors().isEmpty()) {
            checked.errors().forEach(p -> problems.add(ArchiveProblem.of(path, p.line(), p.message())));
            return null;
        }
        BodyValidation.Valid valid = checked.valid().get(0);
        String expected = Archive.entityPath(valid.ref());
        if (expected == null || !withoutExtension(expected).equals(withoutExtension(path))) {
            problems.add(ArchiveProblem.of(
                    path,
                    null,
                    "holds " + valid.ref() + ", whose file is " + (expected == null ? "not a valid path" : expected)
                            + "; move it there"));
            return null;
        }
        Entity read = json.roundTrip(Entity.of(valid.descriptor().root()));
        Map<String, Object> body = new LinkedHashMap<>(read.tree());
        body.remove("status");
        body.remove("relations");
        Node metadata = read.root().get("metadata");
        if (!metadata.keys().contains("namespace")) {
            Map<String, Object> ordered = new LinkedHashMap<>();
            ordered.put("namespace", valid.ref().namespace());
            ordered.putAll(metadata.asTree());
            body.put("metadata", ordered);
        }
        String problem = identityProblem(metadata);
        if (problem != null) {
            problems.add(ArchiveProblem.of(
                    path, valid.descriptor().positionOf("metadata").line(), problem));
            return null;
        }
        return new Read(
                path,
                valid.ref(),
                Entity.of(body),
                text,
                valid.problems().stream().map(Problem::message).toList(),
                ExportDigests.edited(text, body));
    }

    private static String identityProblem(Node metadata) {
        Node uid = metadata.get("uid");
        if (!uid.isMissing()
                && !(uid.isString() && Uids.PATTERN.matcher(uid.text()).matches())) {
            return "\"metadata.uid\" is not valid; expected " + Uids.EXPECTED + " but found " + uid;
        }
        Node etag = metadata.get("etag");
        if (!etag.isMissing()
                && !(etag.isString() && !etag.text().isBlank() && etag.text().length() <= 64)) {
            return "\"metadata.etag\" is not valid; expected a string of 1 to 64 characters but found " + etag;
        }
        Node generation = metadata.get("generation");
        Number n = generation.number();
        if (!generation.isMissing() && !(n != null && n.longValue() >= 1 && n.doubleValue() == n.longValue())) {
            return "\"metadata.generation\" is not valid; expected a whole number from 1 but found " + generation;
        }
        return null;
    }

    private static String withoutExtension(String path) {
        return path.endsWith(".yml")
                ? path.substring(0, path.length() - 4)
                : path.endsWith(".yaml") ? path.substring(0, path.length() - 5) : path;
    }
}
