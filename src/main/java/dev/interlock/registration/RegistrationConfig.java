package dev.interlock.registration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what one registration request may contain, and the start-up warm-up ({@code interlock.registration.*}). */
@ConfigMapping(prefix = "interlock.registration")
public interface RegistrationConfig {

    /** Most documents (entities) in one body; a larger body is refused with 400. */
    @WithDefault("5000")
    int maxDocuments();

    /** Deepest nesting of maps and lists in a document. */
    @WithDefault("50")
    int maxDepth();

    /** Most YAML aliases to collections in one document (stops "billion laughs" alias bombs). */
    @WithDefault("50")
    int maxAliases();

    /**
     * Most values (after alias expansion) in one body: 5,000 entities of 50 values. Each value parsed takes a few
     * hundred bytes of heap with its position; two bodies of 500,000 at once ran the default heap (256 MB) out.
     */
    @WithDefault("250000")
    int maxValues();

    /**
     * About how many documents the start-up warm-up stores and rolls back before the server takes requests (0: a dry
     * run of one document of each common kind only). About 1,000 take a second at start and compile the store's path,
     * which the first large registration after a start otherwise pays for (bench/README.md, "Thirteenth session").
     */
    @WithDefault("1000")
    int warmupDocuments();
}
