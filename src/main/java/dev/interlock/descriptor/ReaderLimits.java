package dev.interlock.descriptor;

/**
 * Bounds on what one submitted body may make the reader do, so that hostile input (alias bombs, deep nesting,
 * millions of documents) is refused quickly instead of exhausting the server.
 *
 * @param maxDocuments documents per body
 * @param maxDepth nesting depth of maps and lists
 * @param maxAliases YAML aliases to collections per document
 * @param maxValues values (scalars, maps, lists) after alias expansion, for the whole body
 * @param maxCodePoints characters in the whole body
 */
public record ReaderLimits(int maxDocuments, int maxDepth, int maxAliases, int maxValues, int maxCodePoints) {

    /** Defaults that accept any real catalog file and refuse the classic attacks. */
    public static final ReaderLimits DEFAULTS = new ReaderLimits(5_000, 50, 50, 250_000, 8 * 1024 * 1024);
}
