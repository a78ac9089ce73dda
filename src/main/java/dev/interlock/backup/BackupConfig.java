package dev.interlock.backup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on an archive read for import ({@code interlock.backup.*}); larger ones are refused, nothing imported. */
@ConfigMapping(prefix = "interlock.backup")
public interface BackupConfig {

    /** Most files in one archive. */
    @WithDefault("200000")
    int maxFiles();

    /**
     * Most bytes of all files together once unpacked (a zip bomb stops here, whatever its headers claim). The archive
     * is held in memory while it is checked, with one file at a time as text: the default fits the default heap
     * (256 MB) beside the rest of the server (128 MB did not: four files of 32 MB ran it out); raise both together.
     */
    @WithDefault("64M")
    io.quarkus.runtime.configuration.MemorySize maxUnpackedSize();

    /** Most bytes of one file once unpacked (each is read as text whole). */
    @WithDefault("16M")
    io.quarkus.runtime.configuration.MemorySize maxFileSize();
}
