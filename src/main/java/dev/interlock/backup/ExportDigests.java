package dev.interlock.backup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.interlock.model.Metadata;

/**
 * The comment an export writes on the first line of each entity file: a digest of each top-level field of the entity
 * as exported ({@code metadata} without the {@link Metadata#CATALOG_SET uid, etag and generation}). An import compares
 * them with the file as it reads it, and so tells a file edited since the export (in Git, say) from one that was not:
 * an edited entity gets a new etag, as a registration would give it, instead of serving its new content under the etag
 * its file still names (a client's {@code If-Match} would then pass on data it never read). Other tools take the line
 * for the comment it is; a file without it (written by hand, or its line removed) is taken as it says.
 */
final class ExportDigests {

    private static final String PREFIX =
            "# Exported by Interlock; digests of its fields, for the import to tell an edit:";
    private static final Pattern DIGEST = Pattern.compile(" ([A-Za-z0-9_.-]{1,100})=([0-9a-f]{32})");
    /** Keys in order, so that the digest of a map does not depend on the order its file gives them. */
    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ExportDigests() {}

    /** The comment line (with its line break) for an entity as it is exported. */
    static String line(Map<String, Object> body) {
        StringBuilder line = new StringBuilder(PREFIX);
        digests(body)
                .forEach((field, digest) ->
                        line.append(' ').append(field).append('=').append(digest));
        return line.append('\n').toString();
    }

    /**
     * The top-level fields of the entity that differ from what the file's comment line says they were at the export,
     * or {@code null} when the file has no such line (all fields are then taken as the file gives them).
     *
     * @param text the file's text
     * @param body the entity as read from it (JSON types, without {@code status} and {@code relations})
     */
    static List<String> edited(String text, Map<String, Object> body) {
        String first = text.lines().findFirst().orElse("");
        if (!first.startsWith(PREFIX)) {
            return null;
        }
        Map<String, String> exported = new LinkedHashMap<>();
        Matcher m = DIGEST.matcher(first.substring(PREFIX.length()));
        while (m.find()) {
            exported.put(m.group(1), m.group(2));
        }
        Map<String, String> now = digests(body);
        Set<String> fields = new LinkedHashSet<>(now.keySet());
        fields.addAll(exported.keySet());
        List<String> out = new ArrayList<>();
        for (String field : fields) {
            if (!java.util.Objects.equals(now.get(field), exported.get(field))) {
                out.add(field);
            }
        }
        return out;
    }

    /** The file's text without its comment line: the document as it is registered again. */
    static String withoutLine(String text) {
        return text.startsWith(PREFIX) ? text.substring(text.indexOf('\n') + 1) : text;
    }

    private static Map<String, String> digests(Map<String, Object> body) {
        Map<String, String> out = new LinkedHashMap<>();
        body.forEach((field, value) -> {
            Object compared = value;
            if (field.equals("metadata") && value instanceof Map<?, ?> metadata) {
                Map<Object, Object> rest = new LinkedHashMap<>(metadata);
                rest.keySet().removeAll(Metadata.CATALOG_SET);
                compared = rest;
            }
            out.put(field, digest(compared));
        });
        return out;
    }

    /** The first 128 bits of SHA-256 of the value's JSON, keys in order: against edits, not against forgery. */
    private static String digest(Object value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("digest of an exported entity", e);
        }
    }
}
