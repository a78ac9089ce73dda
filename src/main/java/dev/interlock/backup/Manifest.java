package dev.interlock.backup;

import java.util.List;
import java.util.Map;

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

    /**
     * The manifest of a whole export, or {@code null} when the archive has none (a plain tree of descriptors) or one of
     * another format (a problem). Its count of entities is checked against the entity files here; its counts of rows,
     * once the rows are parsed, by {@link #rowCounts}.
     */
    static Node check(Archive archive, List<ArchiveProblem> problems) {
        byte[] bytes = archive.files().get(Archive.MANIFEST);
        if (bytes == null) {
            if (Tables.ALL.stream().anyMatch(t -> archive.files().containsKey(t.path()))) {
                // An export's zip starts with its manifest: without it, a download was cut short or it was removed.
                problems.add(ArchiveProblem.of(
                        Archive.MANIFEST,
                        null,
                        "is missing, but the archive holds tables of " + Archive.META + ": it is cut short or the"
                                + " manifest was removed; export again, or remove " + Archive.META
                                + " to import the descriptors alone"));
            }
            return null;
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
            return null;
        }
        Number entities = manifest.get("entities").number();
        if (entities != null && entities.longValue() > archive.entityFiles()) {
            problems.add(ArchiveProblem.of(
                    Archive.MANIFEST,
                    null,
                    "lists " + entities + " entities but the archive holds " + archive.entityFiles()
                            + " entity files: it is cut short or files were removed; export again, or remove "
                            + Archive.META + " to import the descriptors alone"));
        } else if (entities != null && entities.longValue() < archive.entityFiles()) {
            // A whole export restores each entity with its history and results: a file added since has neither.
            problems.add(ArchiveProblem.of(
                    Archive.MANIFEST,
                    null,
                    "lists " + entities + " entities but the archive holds " + archive.entityFiles()
                            + " entity files: files were added since the export; import the export as it was and"
                            + " register the new entities after it, or remove " + Archive.META
                            + " to import the descriptors alone"));
        }
        return manifest;
    }

    /**
     * An archive holding fewer rows of a table than its manifest lists was cut short (a zip read up to where a
     * download stopped looks whole) or had files taken out: restoring it would leave entities without their history
     * or scores. Tables this version does not know are not counted.
     *
     * @param rows the rows parsed, by table file ({@code runs}, {@code entity-history}, ...)
     */
    static void rowCounts(Node manifest, Map<String, Integer> rows, List<ArchiveProblem> problems) {
        manifest.get("tables").fields().forEach((file, listed) -> {
            Number expected = listed.number();
            Integer held = rows.get(file);
            if (expected != null && held != null && expected.longValue() != held) {
                problems.add(ArchiveProblem.of(
                        Archive.MANIFEST,
                        null,
                        "lists " + expected + " rows of " + file + " but the archive holds " + held
                                + ": it is cut short or files were removed; export again"));
            }
        });
    }

    /**
     * Each entity file of a whole export must be one of the entities its {@code entities.jsonl} lists: a file renamed
     * since (or an entity added in place of one taken out, which the counts do not show) would be restored without
     * its uid, history and results, and the entity it replaced would lose its own.
     */
    static void listed(
            List<EntityFiles.Read> entities, java.util.Set<String> listedRefs, List<ArchiveProblem> problems) {
        for (EntityFiles.Read read : entities) {
            if (!listedRefs.contains(read.ref().toString())) {
                problems.add(ArchiveProblem.of(
                        read.path(),
                        null,
                        "holds " + read.ref() + ", which " + Archive.META + "entities.jsonl does not list: the file"
                                + " was renamed or added since the export; import the export as it was and register"
                                + " the entity after it, or remove " + Archive.META
                                + " to import the descriptors alone"));
            }
        }
    }
}
