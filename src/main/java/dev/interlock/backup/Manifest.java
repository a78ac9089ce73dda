package dev.interlock.backup;

import java.util.List;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.DescriptorSyntaxException;
import dev.interlock.descriptor.DescriptorText;
import dev.interlock.descriptor.ReaderLimits;
import dev.interlock.model.Node;

/**
 * {@code _interlock/manifest.yaml}: says an archive is a whole export of this format (so its scorecard results,
 * history and the rest are restored as they are). An archive without it is a plain tree of descriptors.
 */
final class Manifest {

    private Manifest() {}

    /** Whether the archive is a whole export; a manifest of another format is a problem. */
    static boolean check(Archive archive, List<ArchiveProblem> problems) {
        byte[] bytes = archive.files().get(Archive.MANIFEST);
        if (bytes == null) {
            return false;
        }
        Object format;
        try {
            List<Descriptor> documents = new DescriptorReader(ReaderLimits.DEFAULTS)
                    .read(DescriptorText.decode(bytes), DescriptorReader.Format.YAML, null);
            format = documents.size() == 1
                    ? Node.of(documents.get(0).root()).get("format").raw()
                    : null;
        } catch (DescriptorSyntaxException | IllegalArgumentException e) {
            format = null;
        }
        if (!Archive.FORMAT.equals(format)) {
            problems.add(ArchiveProblem.of(
                    Archive.MANIFEST,
                    null,
                    "is not an export manifest of format " + Archive.FORMAT
                            + (format == null ? "" : " (it says " + format + ")")));
            return false;
        }
        return true;
    }
}
