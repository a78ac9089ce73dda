package dev.interlock.web;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The versions a register preview showed, carried by its confirm form: each entity's reference and etag, so that the
 * confirmation is stored only over them and a change someone made meanwhile is not overwritten unseen. Written as
 * space-separated {@code <ref> <etag>} pairs, each URL-encoded (an imported etag may hold spaces), with {@code ~},
 * which URL-encoding never leaves bare, for an entity that was not in the catalog.
 */
final class PreviewedVersions {

    private static final String ABSENT = "~";

    private PreviewedVersions() {}

    /** The form field's value for these versions ({@code ""}: not in the catalog). */
    static String encode(Map<String, String> versions) {
        StringBuilder out = new StringBuilder();
        versions.forEach((ref, etag) -> out.append(out.isEmpty() ? "" : " ")
                .append(URLEncoder.encode(ref, StandardCharsets.UTF_8))
                .append(' ')
                .append(etag.isEmpty() ? ABSENT : URLEncoder.encode(etag, StandardCharsets.UTF_8)));
        return out.toString();
    }

    /** The versions in a form field's value; a pair that does not read is left out (nothing is checked for it). */
    static Map<String, String> decode(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] words =
                text == null || text.isBlank() ? new String[0] : text.strip().split("\\s+");
        for (int i = 0; i + 1 < words.length; i += 2) {
            try {
                String etag =
                        words[i + 1].equals(ABSENT) ? "" : URLDecoder.decode(words[i + 1], StandardCharsets.UTF_8);
                out.put(URLDecoder.decode(words[i], StandardCharsets.UTF_8), etag);
            } catch (IllegalArgumentException e) {
                // A malformed escape: a page that was not ours wrote it.
            }
        }
        return out;
    }
}
