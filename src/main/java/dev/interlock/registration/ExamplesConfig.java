package dev.interlock.registration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The example catalog registered at start ({@code interlock.examples.*}). */
@ConfigMapping(prefix = "interlock.examples")
public interface ExamplesConfig {

    /** Register the example catalog at start when the catalog is empty. */
    @WithDefault("true")
    boolean load();

    /** Folder of the example catalog; every {@code *.yaml} file below it is registered. */
    @WithDefault("catalog-examples")
    String path();

    /** With the examples, send a believable recent run history of the example pipelines (dev.interlock.runs). */
    @WithDefault("true")
    boolean runs();
}
