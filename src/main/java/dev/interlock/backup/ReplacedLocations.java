package dev.interlock.backup;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.interlock.catalog.LocationRecord;
import dev.interlock.sql.Jdbc;

/**
 * The locations an archive's {@code locations} rows replace: each row's own id, and the id of a stored location of the
 * same type and target (a row replaces a location by either key). The import holds their locks, so that no refresh,
 * change or deletion of one of them, on any replica, writes while the import replaces it.
 */
final class ReplacedLocations {

    private ReplacedLocations() {}

    /** The ids, read from the rows and from the locations stored now. */
    static Set<String> of(Tables.Table table, List<Object[]> rows) {
        int id = table.index("id");
        int type = table.index("type");
        int target = table.index("target");
        Set<String> ids = new TreeSet<>();
        Set<String> keys = new HashSet<>();
        Set<String> targets = new TreeSet<>();
        for (Object[] row : rows) {
            ids.add((String) row[id]);
            keys.add(row[type] + "\n" + row[target]);
            targets.add((String) row[target]);
        }
        for (List<String> chunk : Jdbc.chunks(targets)) {
            QuarkusTransaction.requiringNew()
                    .call(() -> LocationRecord.<LocationRecord>list("target in ?1", chunk))
                    .stream()
                    .filter(l -> keys.contains(l.type + "\n" + l.target))
                    .forEach(l -> ids.add(l.id));
        }
        return ids;
    }
}
