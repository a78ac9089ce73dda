package dev.interlock.backup;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.hibernate.Session;

import dev.interlock.catalog.CatalogEntity;
import dev.interlock.catalog.EntityHistory;
import dev.interlock.catalog.EntityJson;
import dev.interlock.catalog.EntityStore;
import dev.interlock.catalog.Relations;
import dev.interlock.catalog.Uids;
import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.ReaderLimits;
import dev.interlock.location.LocationService;
import dev.interlock.model.Entity;
import dev.interlock.model.Node;
import dev.interlock.registration.ServedBody;
import dev.interlock.runs.RunChanges;
import dev.interlock.runs.bind.BoundClaims;
import dev.interlock.sql.Jdbc;
import dev.interlock.validation.EntityValidator;

/**
 * Imports an {@link Archive}, all or nothing, in one transaction. Every file is checked first; any problem refuses
 * the whole archive (400, or 409 when an entity's uid belongs to another entity of the catalog). The archive wins
 * over the catalog: an entity replaces the catalog's entity with the same reference (taking the archive's uid, etag,
 * generation, history and scorecard results), rows of Interlock's tables replace the rows with the same key (a run
 * by its job and run key, a location by id or target), and everything else the catalog holds stays. Into an empty
 * catalog this gives back exactly what was exported.
 */
@ApplicationScoped
public class CatalogImport {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CatalogImport.class);

    /**
     * What an import did.
     *
     * @param entities entities imported
     * @param replaced of those, how many replaced an entity the catalog had
     * @param rows rows imported per file of {@code _interlock/}
     */
    public record Summary(int entities, int replaced, Map<String, Integer> rows) {}

    @Inject
    EntityValidator validator;

    @Inject
    EntityJson json;

    @Inject
    EntityStore store;

    @Inject
    Session session;

    @Inject
    Instance<RunChanges> runChanges;

    @Inject
    Event<RunsRestored> runsRestored;

    @Inject
    BackupConfig config;

    @Inject
    BoundClaims boundClaims;

    @Inject
    dev.interlock.runs.RunStore runStore;

    @Inject
    ObjectMapper mapper;

    @Inject
    LocationService locations;

    /** A reader of archives within the configured limits. */
    public ArchiveIo io() {
        return new ArchiveIo(
                config.maxFiles(),
                config.maxUnpackedSize().asLongValue(),
                config.maxFileSize().asLongValue());
    }

    /**
     * Imports the archive as {@code actor}: checked whole first, then written in one transaction while no location is
     * refreshed, changed or deleted on any replica (the import may replace any of them).
     */
    public Summary restore(Archive archive, String actor) {
        List<ArchiveProblem> problems = new ArrayList<>();
        Node manifest = Manifest.check(archive, problems);
        boolean full = manifest != null;
        EntityFiles files = new EntityFiles(new DescriptorReader(ReaderLimits.DEFAULTS), validator, json);
        List<EntityFiles.Read> entities = new ArrayList<>();
        Map<Tables.Table, List<Object[]>> tables = new LinkedHashMap<>();
        Map<String, Tables.Table> byPath = Tables.ALL.stream().collect(Collectors.toMap(Tables.Table::path, t -> t));
        archive.files().forEach((path, bytes) -> {
            if (!Archive.isMeta(path)) {
                EntityFiles.Read read = files.read(path, bytes, problems);
                if (read != null) {
                    entities.add(read);
                }
            } else if (byPath.containsKey(path)) {
                tables.put(byPath.get(path), TableRows.parse(byPath.get(path), bytes, mapper, problems));
            } else if (!path.equals(Archive.MANIFEST)) {
                problems.add(ArchiveProblem.of(path, null, "is not a file an export writes; remove it"));
            }
        });
        if (full) {
            Map<String, Integer> rows = new HashMap<>();
            for (Tables.Table t : Tables.ALL) {
                rows.put(t.file(), tables.getOrDefault(t, List.of()).size());
            }
            Manifest.rowCounts(manifest, rows, problems);
        }
        Map<String, Object[]> extras = new HashMap<>();
        Tables.Table e = Tables.ENTITIES;
        tables.getOrDefault(e, List.of()).forEach(row -> extras.put((String) row[e.index("entity_ref")], row));
        duplicates(entities, extras, problems);
        if (full) {
            Manifest.listed(entities, extras.keySet(), problems);
        }
        if (problems.isEmpty() && entities.isEmpty() && tables.isEmpty()) {
            problems.add(ArchiveProblem.of(
                    null,
                    null,
                    "there is nothing to import: no descriptor files (<kind>/<namespace>/<name>.yaml) and no "
                            + "_interlock/ files; send a zip or folder an export wrote"));
        }
        if (!problems.isEmpty()) {
            throw new ImportRejected(400, problems);
        }
        return locations.inTransactionAlone(() -> write(entities, extras, tables, full, actor));
    }

    /** Writes a checked archive, in the import's transaction. */
    private Summary write(
            List<EntityFiles.Read> entities,
            Map<String, Object[]> extras,
            Map<Tables.Table, List<Object[]>> tables,
            boolean full,
            String actor) {
        List<CatalogEntity> replaced = replaced(entities, extras);
        List<EntityStore.Change> changes = entities.stream()
                .map(r -> change(r, extras.get(r.ref().toString()), replaced, actor))
                .toList();
        store.restore(replaced, changes, full);
        List<String> owners =
                full ? entities.stream().map(r -> r.ref().toString()).toList() : List.of();
        Map<String, Integer> counts = new LinkedHashMap<>();
        tables.forEach((t, rows) -> counts.put(t.file(), rows.size()));
        session.doWork(c -> {
            try {
                for (Tables.Table t : Tables.PLAIN) {
                    TableRows.store(c, t, tables.getOrDefault(t, List.of()), owners);
                }
                TableRows.delete(
                        c, Tables.ENTITY_HISTORY, tables.getOrDefault(Tables.ENTITY_HISTORY, List.of()), owners);
                for (String table : List.of("location_entities", "location_conflicts")) {
                    try (var statement = c.createStatement()) {
                        // Rows of a location the archive replaced under another id.
                        statement.executeUpdate(
                                "DELETE FROM " + table + " WHERE location_id NOT IN (SELECT id FROM locations)");
                    }
                }
            } catch (SQLException ex) {
                throw new ImportRejected(
                        400,
                        List.of(ArchiveProblem.of(
                                null,
                                null,
                                "the rows of _interlock/ do not "
                                        + "fit the database (a value too long, or one row twice)")));
            }
        });
        tables.getOrDefault(Tables.ENTITY_HISTORY, List.of()).forEach(CatalogImport::history);
        if (full) {
            // After the export's history, so that each edit is the newest change of its entity.
            store.recordEdits(changes);
        }
        // The table of jobs follows the runs the archive restored (it is not exported).
        runStore.rebuildJobs();
        invalidateHealth(tables);
        // Its runs are bound as the archive had them: the rebinding after it reads every job (the table just built).
        boundClaims.forget();
        // An import may replace anything and restores history as the archive has it: the log keeps who did it.
        LOG.infof("Import by %s: %d entities (%d replaced), rows %s", actor, entities.size(), replaced.size(), counts);
        return new Summary(entities.size(), replaced.size(), counts);
    }

    /**
     * Two files of one entity (name.yaml and name.yml), or two entities with one uid (their files' or their rows' in
     * {@code _interlock/entities.jsonl}), are refused by name.
     */
    private static void duplicates(
            List<EntityFiles.Read> entities, Map<String, Object[]> extras, List<ArchiveProblem> problems) {
        Map<String, String> byRef = new HashMap<>();
        Map<String, String> byUid = new HashMap<>();
        for (EntityFiles.Read r : entities) {
            String other = byRef.putIfAbsent(r.ref().toString(), r.path());
            if (other != null) {
                problems.add(ArchiveProblem.of(
                        r.path(), null, "holds " + r.ref() + " as " + other + " does; keep one of the two files"));
            }
            String uid = archiveUid(r, extras.get(r.ref().toString()));
            other = uid == null ? null : byUid.putIfAbsent(uid, r.path());
            if (other != null) {
                problems.add(ArchiveProblem.of(
                        r.path(),
                        null,
                        "its uid " + uid + " is also the uid in " + other
                                + "; each entity has a uid of its own (remove metadata.uid from one of them, or give"
                                + " its row in " + Tables.ENTITIES.path() + " another id)"));
            }
        }
    }

    /** The catalog's entities an import replaces: those with an imported reference, refused when a uid is taken. */
    private List<CatalogEntity> replaced(List<EntityFiles.Read> entities, Map<String, Object[]> extras) {
        Map<String, CatalogEntity> byRef =
                store.findByRefs(entities.stream().map(r -> r.ref().toString()).toList());
        Map<EntityFiles.Read, String> uids = new LinkedHashMap<>();
        entities.forEach(r -> uids.put(
                r, uid(r, extras.get(r.ref().toString()), byRef.get(r.ref().toString()))));
        Map<String, String> holders = new HashMap<>();
        for (List<String> chunk : Jdbc.chunks(uids.values())) {
            CatalogEntity.<CatalogEntity>list("id in ?1", chunk).forEach(h -> holders.put(h.id, h.entityRef));
        }
        List<ArchiveProblem> conflicts = new ArrayList<>();
        for (EntityFiles.Read r : entities) {
            String uid = uids.get(r);
            String holder = holders.get(uid);
            if (holder != null && !holder.equals(r.ref().toString())) {
                conflicts.add(ArchiveProblem.of(
                        r.path(),
                        null,
                        "its uid " + uid + " is the uid of " + holder
                                + " in this catalog; delete that entity first or remove metadata.uid from the file"));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ImportRejected(409, conflicts);
        }
        return List.copyOf(byRef.values());
    }

    private EntityStore.Change change(EntityFiles.Read r, Object[] extra, List<CatalogEntity> replaced, String actor) {
        CatalogEntity previous = replaced.stream()
                .filter(p -> p.entityRef.equals(r.ref().toString()))
                .findFirst()
                .orElse(null);
        Tables.Table t = Tables.ENTITIES;
        CatalogEntity e = new CatalogEntity();
        e.id = uid(r, extra, previous);
        e.entityRef = r.ref().toString();
        e.kind = r.ref().kind();
        e.namespace = r.ref().namespace();
        e.name = r.ref().name();
        e.apiVersion = r.body().apiVersion();
        // A file edited since the export is a change the import makes: a new etag (clients holding the old one must
        // read it again), the generation moved on if its spec changed, and the import's time and actor.
        List<String> edited = r.edited() == null || r.edited().isEmpty() ? null : r.edited();
        String etag = edited == null ? r.identity("etag").text() : null;
        e.etag = etag != null ? etag : UUID.randomUUID().toString().replace("-", "");
        Number generation = r.identity("generation").number();
        e.generation = generation != null
                ? generation.longValue() + (edited != null && edited.contains("spec") ? 1 : 0)
                : generation(r, previous);
        e.source = edited == null && extra != null && extra[t.index("source")] != null
                ? (String) extra[t.index("source")]
                : ExportDigests.withoutLine(r.text());
        e.location = extra != null ? (String) extra[t.index("location")] : null;
        OffsetDateTime now = OffsetDateTime.now();
        // Descriptors alone say nothing of when the entity was created: one the import replaces keeps its own.
        e.createdAt = extra != null
                ? (OffsetDateTime) extra[t.index("created_at")]
                : previous != null ? previous.createdAt : now;
        e.createdBy =
                extra != null ? (String) extra[t.index("created_by")] : previous != null ? previous.createdBy : actor;
        e.updatedAt = extra != null && edited == null ? (OffsetDateTime) extra[t.index("updated_at")] : now;
        e.updatedBy = extra != null && edited == null ? (String) extra[t.index("updated_by")] : actor;
        e.warnings = r.warnings().isEmpty() ? null : String.join("\n", r.warnings());
        Entity served = ServedBody.of(r.body(), e, r.warnings());
        e.body = json.write(served);
        return new EntityStore.Change(
                e,
                previous == null,
                served,
                Relations.of(r.ref(), served),
                // In a whole export, the fields edited mark the change the import records and scores anew.
                extra != null && edited != null ? String.join(",", edited) : null,
                previous == null ? null : previous.body,
                actor);
    }

    /**
     * The generation of an entity whose file does not give one (descriptors alone, written or edited by hand): as a
     * registration would count it, 1 when new, else the replaced entity's, moved on when the spec changed. Going back
     * to 1 would repeat generations its history already has.
     */
    private long generation(EntityFiles.Read r, CatalogEntity previous) {
        if (previous == null) {
            return 1;
        }
        boolean specChanged =
                !json.readEntity(previous.body).spec().equals(r.body().spec());
        return previous.generation + (specChanged ? 1 : 0);
    }

    /** The uid an imported entity gets: the file's, else the export's record, else the replaced entity's, else new. */
    private static String uid(EntityFiles.Read r, Object[] extra, CatalogEntity previous) {
        String uid = archiveUid(r, extra);
        if (uid != null) {
            return uid;
        }
        return previous != null ? previous.id : Uids.next();
    }

    /** The uid the archive gives an entity: its file's, else its row's in {@code entities.jsonl}; else {@code null}. */
    private static String archiveUid(EntityFiles.Read r, Object[] extra) {
        String uid = r.identity("uid").text();
        return uid != null || extra == null ? uid : (String) extra[Tables.ENTITIES.index("id")];
    }

    private static void history(Object[] row) {
        Tables.Table t = Tables.ENTITY_HISTORY;
        EntityHistory h = new EntityHistory();
        h.entityId = (String) row[t.index("entity_id")];
        h.entityRef = (String) row[t.index("entity_ref")];
        h.action = (String) row[t.index("action")];
        h.actor = (String) row[t.index("actor")];
        h.at = (OffsetDateTime) row[t.index("at")];
        h.generation = (Long) row[t.index("generation")];
        h.etag = (String) row[t.index("etag")];
        h.changedFields = (String) row[t.index("changed_fields")];
        h.body = (String) row[t.index("body")];
        h.persist();
    }

    /** Pipelines whose runs an import brought, fired in its transaction. */
    record RunsRestored(Set<String> pipelines) {}

    /**
     * Once the import committed, their health figures are computed again at the next read, on every replica (each
     * keeps its own).
     */
    void onRunsRestored(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunsRestored restored) {
        if (runChanges.isResolvable()) {
            runChanges.get().restored(restored.pipelines());
        }
    }

    private void invalidateHealth(Map<Tables.Table, List<Object[]>> tables) {
        Tables.Table runs = Tables.PLAIN.stream()
                .filter(t -> t.name().equals("runs"))
                .findFirst()
                .orElseThrow();
        int at = runs.index("pipeline_ref");
        Set<String> pipelines = tables.getOrDefault(runs, List.of()).stream()
                .map(row -> (String) row[at])
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        if (!pipelines.isEmpty()) {
            runsRestored.fire(new RunsRestored(pipelines));
        }
    }
}
