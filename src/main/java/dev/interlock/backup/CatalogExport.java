package dev.interlock.backup;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.catalog.EntityJson;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.YamlWriter;

/**
 * Exports the whole catalog as an {@link Archive}: every entity's stored descriptor (with {@code metadata.uid},
 * {@code etag} and {@code generation}, so an import restores them; without the output-only {@code status} and
 * {@code relations}, which follow from it; its first line a comment with the digests that tell an import whether the
 * file was edited since, {@link ExportDigests}), and Interlock's own data in {@code _interlock/} ({@link Tables}). All is
 * read in one repeatable-read transaction, so the files agree with each other while the catalog keeps changing.
 */
@ApplicationScoped
public class CatalogExport {

    @Inject
    DataSource dataSource;

    @Inject
    EntityJson json;

    /** The catalog as it is now. */
    public Archive export() {
        SortedMap<String, byte[]> files = new TreeMap<>();
        Map<String, Object> manifest = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Map<String, Integer> kinds = entities(c, files);
                Map<String, Integer> tables = new LinkedHashMap<>();
                for (Tables.Table t : Tables.ALL) {
                    byte[] rows = TableRows.dump(c, t);
                    files.put(t.path(), rows);
                    tables.put(t.file(), Archive.lines(rows));
                }
                c.commit();
                manifest.put("format", Archive.FORMAT);
                manifest.put(
                        "entities",
                        kinds.values().stream().mapToInt(Integer::intValue).sum());
                manifest.put("kinds", kinds);
                manifest.put("tables", tables);
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the catalog for an export failed", e);
        }
        files.put(Archive.MANIFEST, YamlWriter.write(manifest).getBytes(StandardCharsets.UTF_8));
        return new Archive(files);
    }

    /** Writes one file per entity; returns how many there are of each kind. */
    private Map<String, Integer> entities(Connection c, SortedMap<String, byte[]> files) throws SQLException {
        Map<String, Integer> kinds = new TreeMap<>();
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT kind, namespace, name, body FROM entities ORDER BY entity_ref");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                EntityRef ref = new EntityRef(rs.getString(1), rs.getString(2), rs.getString(3));
                String path = Archive.entityPath(ref);
                if (path == null) {
                    throw new IllegalStateException("an entity's reference cannot be a file name: " + ref);
                }
                Map<String, Object> body = json.read(rs.getString(4));
                body.remove("status");
                body.remove("relations");
                files.put(path, (ExportDigests.line(body) + YamlWriter.write(body)).getBytes(StandardCharsets.UTF_8));
                kinds.merge(rs.getString(1), 1, Integer::sum);
            }
        }
        return kinds;
    }
}
