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
        Node manifest = Node.MISSING;
        try {
            List<Descriptor> documents = new DescriptorReader(ReaderLimits.DEFAULTS)
                    .read(DescriptorText.decode(bytes), DescriptorReader.Format.YAML, null);
            manifest = documents.size() == 1 ? Node.of(documents.get(0).root()) : Node.MISSING;
            format = manifest.get("format").raw();
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
        counts(archive, manifest, problems);
        return true;
    }

    /**
     * An archive that holds fewer entities or rows than its manifest lists was cut short (a zip read up to where a
     * download stopped looks whole) or had files taken out: restoring it would leave history and scores of entities
     * it does not hold.
     */
    private static void counts(Archive archive, Node manifest, List<ArchiveProblem> problems) {
        Number entities = manifest.get("entities").number();
        if (entities != null && entities.longValue() != archive.entityFiles()) {
            problems.add(ArchiveProblem.of(
                    Archive.MANIFEST,
                    null,
                    "lists " + entities + " entities but the archive holds " + archive.entityFiles()
                            + " entity files: it is cut short or files were removed; export again, or remove the"
                            + " manifest to import the descriptors alone"));
        }
        manifest.get("tables").fields().forEach((file, listed) -> {
            byte[] rows = archive.files().get(Archive.META + file + ".jsonl");
            Number expected = listed.number();
            int held = rows == null ? 0 : Archive.lines(rows);
            if (expected != null && expected.longValue() != held) {
                problems.add(ArchiveProblem.of(
                        Archive.MANIFEST,
                        null,
                        "lists " + expected + " rows of " + file + " but the archive holds " + held
                                + ": it is cut short or files were removed; export again"));
            }
        });
    }
}
