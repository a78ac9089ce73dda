package dev.interlock.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationType;
import dev.interlock.sql.Jdbc;

/**
 * Reads the relations of a page of entities as the API answers them: those their specs declare and the inverses of
 * those other specs declare, each entity's sorted by type and target.
 */
final class RelationReader {

    private RelationReader() {}

    /** The relations of each of these canonical references; a reference without relations is absent. */
    static Map<String, List<Map<String, Object>>> of(Connection c, Collection<String> refs) throws SQLException {
        return of(c, refs, Set.of());
    }

    /**
     * The relations of these types (all when {@code types} is empty) of each of these canonical references; a
     * reference without such relations is absent. Restricted to types, a team's hundreds of {@code ownerOf} are not
     * read when only its members are wanted.
     */
    static Map<String, List<Map<String, Object>>> of(Connection c, Collection<String> refs, Set<RelationType> types)
            throws SQLException {
        if (refs.isEmpty()) {
            return Map.of();
        }
        List<Object> declared = types.stream().map(t -> (Object) t.id()).toList();
        List<Object> inverses =
                types.stream().map(t -> (Object) t.inverse().id()).toList();
        // The types come first: Jdbc.queryIn binds the parameters before the list of references.
        String ofTypes = types.isEmpty() ? "" : "r.type IN (" + Jdbc.marks(types.size()) + ") AND ";
        // Each entity's relations by (type, target), without duplicates (a relation both ends declare is read twice).
        // Sorted and made distinct here rather than by UNION and ORDER BY: cheaper for the database (two index
        // scans and nothing else) and the same order on every database, whatever its collation. Two statements rather
        // than one UNION ALL: H2 keeps the parsed form of a plain SELECT for the next page, not that of a UNION.
        Map<String, TreeMap<String, Map<String, Object>>> relations = new HashMap<>();
        Jdbc.Row add = rs -> {
            String type = rs.getString(2);
            String targetRef = rs.getString(3);
            relations
                    .computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                    .computeIfAbsent(type + '\u0000' + targetRef, k -> relation(type, targetRef));
        };
        Jdbc.queryIn(
                c,
                "SELECT r.source_ref, r.type, r.target_ref FROM relations r WHERE " + ofTypes + "r.source_ref IN (IN)",
                declared,
                refs,
                add);
        Jdbc.queryIn(
                c,
                "SELECT r.target_ref, " + CatalogSql.INVERSE_TYPE + ", r.source_ref FROM relations r" + " WHERE "
                        + ofTypes + "r.target_ref IN (IN)",
                inverses,
                refs,
                add);
        Map<String, List<Map<String, Object>>> out = new HashMap<>();
        relations.forEach((ref, of) -> out.put(ref, new ArrayList<>(of.values())));
        return out;
    }

    /** One relation as the API answers it. */
    private static Map<String, Object> relation(String type, String targetRef) {
        EntityRef target = EntityRef.ofCanonical(targetRef);
        Map<String, Object> relation = new LinkedHashMap<>();
        relation.put("type", type);
        relation.put("targetRef", target.toString());
        relation.put("target", target.toMap());
        return relation;
    }
}
