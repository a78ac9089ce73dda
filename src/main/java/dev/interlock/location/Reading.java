package dev.interlock.location;

import java.util.List;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Node;

/**
 * What reading a location gave: the documents it produces (numbered through all its files), the files it read with
 * their validators, and its problems. A reading with an error is not applied: the location keeps its last good
 * entities.
 *
 * @param type the location's type
 * @param target the registered target
 * @param documents the documents, each with the file it came from and the Location entity that named that file
 * @param files every file read, with validators for conditional reads
 * @param problems errors and warnings, each with its file and line
 * @param unchanged whether every file answered "not modified" (nothing else is filled in then)
 */
public record Reading(
        String type,
        String target,
        List<Produced> documents,
        List<FileState> files,
        List<Problem> problems,
        boolean unchanged) {

    /**
     * One document of the location.
     *
     * @param descriptor the document, placeholders resolved and the origin annotation set
     * @param file the file it came from
     * @param parentRef the {@code kind: Location} entity that named the file, or {@code null} for the target itself
     */
    public record Produced(Descriptor descriptor, String file, EntityRef parentRef) {

        /** The document's entity reference, or {@code null} when it is not an entity (validation says why). */
        public EntityRef ref() {
            return refOf(descriptor);
        }
    }

    /** The reference of a document with a kind and a {@code metadata.name}, or {@code null}. */
    static EntityRef refOf(Descriptor d) {
        Node root = Node.of(d.root());
        String kind = root.get("kind").scalarText();
        String name = root.at("metadata.name").scalarText();
        if (!root.get("metadata").isObject() || kind == null || name == null) {
            return null;
        }
        String namespace = root.at("metadata.namespace").scalarText();
        return new EntityRef(kind, namespace == null ? EntityRef.DEFAULT_NAMESPACE : namespace, name);
    }

    /**
     * A file read, with the validators of its answer.
     *
     * @param file the URL or path
     * @param etag the answer's ETag
     * @param lastModified the answer's Last-Modified (or a file's stamp)
     */
    public record FileState(String file, String etag, String lastModified) {

        @com.fasterxml.jackson.annotation.JsonIgnore
        FileRead.Validators validators() {
            return new FileRead.Validators(etag, lastModified);
        }

        /**
         * A glob target as it was listed: the pattern, with a digest of the files it matched in place of an etag, so
         * that a file added or removed under it is noticed although no file that was read has changed.
         */
        static FileState ofGlob(String pattern, List<String> matches) {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(String.join("\n", matches).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return new FileState(pattern, "glob:" + java.util.HexFormat.of().formatHex(digest), null);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
        }
    }

    /**
     * A problem of the location.
     *
     * @param level {@code error} (the reading is not applied) or {@code warning}
     * @param file the file it is in, or {@code null}
     * @param line its line in that file, or {@code null}
     * @param message what is wrong, for people
     */
    public record Problem(String level, String file, Integer line, String message) {

        /** A problem; a URL's credentials in its file or message are masked, as everything shows or logs both. */
        public Problem {
            file = Urls.withoutCredentials(file);
            message = Urls.withoutCredentials(message);
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isError() {
            return "error".equals(level);
        }

        /** The message with where it is. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public String describe() {
            return (file == null || file.isEmpty() ? "" : file + (line == null ? "" : " (line " + line + ")") + ": ")
                    + message;
        }
    }

    /** A reading that found every file unchanged. */
    static Reading unchanged(String type, String target, List<FileState> files) {
        return new Reading(type, target, List.of(), files, List.of(), true);
    }

    /** Whether the reading has an error (and so is not applied). */
    public boolean failed() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** The errors, each with where it is, one per line. */
    public String errorText() {
        return String.join(
                "\n",
                problems.stream()
                        .filter(Problem::isError)
                        .map(Problem::describe)
                        .toList());
    }
}
