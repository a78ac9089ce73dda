package dev.interlock.descriptor;

import java.util.List;

/**
 * Reads a submitted body, multi-document YAML or JSON (one entity or an array of entities), into
 * {@link Descriptor}s that remember where each field was written. It knows nothing of entities: what the
 * documents mean is for the validation layer to say.
 *
 * <p>Safe for untrusted input: SnakeYAML's alias, depth and size limits apply, alias expansion is bounded by a
 * value budget, and no YAML tag ever constructs a Java object (the tree is composed, never constructed).
 * {@link YamlDescriptors} and {@link JsonDescriptors} do the reading; this class checks the body's size and says
 * the problems both share in the same words.
 */
public final class DescriptorReader {

    /** How a body is written. */
    public enum Format {
        YAML,
        JSON
    }

    private final ReaderLimits limits;

    public DescriptorReader(ReaderLimits limits) {
        this.limits = limits;
    }

    /**
     * Reads every document of a body. Empty documents (a stray {@code ---}) are skipped but still counted, so
     * document numbers match what the author sees.
     *
     * @throws DescriptorSyntaxException when the body is not well-formed or exceeds a limit
     */
    public List<Descriptor> read(String text, Format format, String location) {
        if (text.codePointCount(0, text.length()) > limits.maxCodePoints()) {
            throw new DescriptorSyntaxException(0, null, DescriptorReader.tooLong(limits));
        }
        return format == Format.JSON
                ? new JsonDescriptors(limits).read(text, location)
                : new YamlDescriptors(limits).read(text, location);
    }

    /**
     * Why a text is refused for its length: the same limit holds for a registration's body, a location's file, an
     * import's entity file and a file given to {@code validate}, so it names both.
     */
    static String tooLong(ReaderLimits limits) {
        return "it has more than " + limits.maxCodePoints()
                + " characters, the most one body or file may hold; split it into smaller ones";
    }

    static DescriptorSyntaxException tooManyDocuments(ReaderLimits limits) {
        return new DescriptorSyntaxException(
                0,
                null,
                "the body has more than " + limits.maxDocuments() + " documents; split it into smaller bodies");
    }

    static String nestedTooDeep(ReaderLimits limits) {
        return "the document is nested more than " + limits.maxDepth() + " levels deep";
    }

    /**
     * Why a document is refused that is nested deeper than the reader can follow on its stack, which happens only
     * when the nesting limit is set higher than the stack holds.
     *
     * @param levels how deep it is nested, or {@code null} when that is not known
     */
    static String deeperThanFollowed(Integer levels) {
        return "the document is nested " + (levels == null ? "too deep" : levels + " levels deep")
                + ", more than the reader can follow; nest it less deeply";
    }

    /**
     * NUL and a lone half of a UTF-16 surrogate pair are no characters of a descriptor: some databases cannot store
     * the first, and the second cannot be written out as UTF-8 again (reads and exports would fail). Refused where
     * they are.
     */
    static Object storable(Object value, String path, int document, Position position) {
        if (!(value instanceof String s)) {
            return value;
        }
        String unstorable = Unicode.unstorable(s);
        if (unstorable != null) {
            throw new DescriptorSyntaxException(document, position, "\"" + path + "\" " + unstorable);
        }
        return value;
    }

    static String clean(String message) {
        if (message == null) {
            return "unreadable input";
        }
        // SnakeYAML sometimes appends a snippet of the input with a caret; keep the first line only.
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
