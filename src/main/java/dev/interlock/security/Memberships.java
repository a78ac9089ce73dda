package dev.interlock.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.catalog.EntityJson;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationType;
import dev.interlock.sql.Jdbc;

/**
 * What the catalog, as stored, says about people and teams: the User an e-mail belongs to, the Groups a person is a
 * member of (declared on either side: a User's {@code memberOf} or a Group's {@code members}), whether an entity
 * exists, and whether anything names a team as its owner. Every value travels as a query parameter.
 */
@ApplicationScoped
public class Memberships {

    @Inject
    DataSource dataSource;

    @Inject
    EntityJson json;

    /**
     * The catalog Users whose {@code spec.profile.email} is exactly this address (case-insensitive): every one, as
     * anyone who may register a User may also give it somebody else's address.
     */
    public List<EntityRef> usersByEmail(String email) {
        if (email == null || email.isBlank() || email.length() > 200) {
            return List.of();
        }
        return refs(
                        "users by e-mail",
                        "SELECT e.entity_ref FROM entities e JOIN search s"
                                + " ON s.entity_id = e.id WHERE s.search_key = 'spec.profile.email'"
                                + " AND s.search_value = ? AND e.kind = 'user' ORDER BY e.entity_ref"
                                + " FETCH FIRST 20 ROWS ONLY",
                        email.toLowerCase(Locale.ROOT))
                .stream()
                .map(EntityRef::ofCanonical)
                .toList();
    }

    /**
     * The Groups a person is a member of, by either side's declaration (canonical references). Groups only: a User's
     * {@code memberOf} may name any entity, and naming {@code user:newhire} there must not make her that person.
     */
    public Set<String> groupsOf(EntityRef user) {
        return groupsLinked("memberships", user, RelationType.MEMBER_OF);
    }

    /**
     * The Groups that already sit under this team by either side's declaration (its {@code parentOf}, or {@code
     * childOf} it): before the team exists, teams that name it as their parent.
     */
    public Set<String> teamsUnder(EntityRef group) {
        return groupsLinked("teams under", group, RelationType.PARENT_OF);
    }

    /** The Groups this entity has a relation of this type to, as it or they declared it (the inverse type). */
    private Set<String> groupsLinked(String what, EntityRef entity, RelationType type) {
        String ref = entity.toString();
        return new LinkedHashSet<>(refs(
                what,
                "SELECT target_ref FROM relations WHERE source_ref = ? AND type = ? AND target_ref LIKE 'group:%'"
                        + " UNION SELECT source_ref FROM relations WHERE target_ref = ? AND type = ?"
                        + " AND source_ref LIKE 'group:%'",
                ref,
                type.id(),
                ref,
                type.inverse().id()));
    }

    /** Whether the catalog holds this entity. */
    public boolean exists(EntityRef ref) {
        return !refs("entity exists", "SELECT entity_ref FROM entities WHERE entity_ref = ?", ref.toString())
                .isEmpty();
    }

    /**
     * Whether any entity in the catalog names this team as its owner: through an {@code ownedBy} relation, or in the
     * {@code spec.owner} of a kind Interlock does not interpret (which makes no relation), in any form that
     * {@link WriteRules} reads as this team (full or short, any case, with surrounding spaces).
     */
    public boolean namedAsOwner(EntityRef group) {
        if (!refs(
                        "owned by",
                        "SELECT source_ref FROM relations WHERE target_ref = ? AND type = ? FETCH FIRST 1 ROWS ONLY",
                        group.toString(),
                        RelationType.OWNED_BY.id())
                .isEmpty()) {
            return true;
        }
        // Stored text is lower-cased, not trimmed or parsed: every value holding the name is read as the rules read it.
        String like =
                "%" + group.name().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return Jdbc.run(dataSource, "named as spec.owner", c -> {
            boolean[] named = {false};
            Jdbc.query(
                    c,
                    "SELECT s.search_value, e.namespace FROM search s JOIN entities e ON e.id = s.entity_id"
                            + " WHERE s.search_key = 'spec.owner' AND s.search_value LIKE ? ESCAPE '\\'",
                    List.of(like),
                    rs -> named[0] |= ownerIs(rs.getString(1), rs.getString(2), group));
            if (!named[0]) {
                // A value longer than the search table indexes (SearchRows.MAX_VALUE) is stored without its text: an
                // owner padded with spaces past that length still names the team, so those are read from the body.
                // Only bodies holding the name are read and parsed, however many such owners there are.
                Jdbc.query(
                        c,
                        "SELECT e.body, e.namespace FROM search s JOIN entities e ON e.id = s.entity_id"
                                + " WHERE s.search_key = 'spec.owner' AND s.search_value IS NULL"
                                + " AND LOWER(e.body) LIKE ? ESCAPE '\\'",
                        List.of(like),
                        rs -> named[0] |= ownerIs(
                                json.readEntity(rs.getString(1))
                                        .spec()
                                        .get("owner")
                                        .text(),
                                rs.getString(2),
                                group));
            }
            return named[0];
        });
    }

    /** Whether a {@code spec.owner} value, in an entity of {@code namespace}, names {@code group}. */
    public static boolean ownerIs(String owner, String namespace, EntityRef group) {
        if (owner == null) {
            return false;
        }
        try {
            return EntityRef.parse(owner, "group", namespace).equals(group);
        } catch (IllegalArgumentException e) {
            return false; // no reference names no team
        }
    }

    /** The references of the first column of a query's rows. */
    private List<String> refs(String what, String sql, Object... params) {
        return Jdbc.run(dataSource, what, c -> {
            List<String> out = new ArrayList<>();
            Jdbc.query(c, sql, List.of(params), rs -> out.add(rs.getString(1)));
            return out;
        });
    }
}
