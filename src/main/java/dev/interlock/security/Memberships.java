package dev.interlock.security;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.sql.Jdbc;
import dev.interlock.descriptor.EntityRef;

/**
 * What the catalog, as stored, says about people and teams: the User an e-mail belongs to, the Groups a person is a
 * member of (declared on either side: a User's {@code memberOf} or a Group's {@code members}), whether an entity
 * exists, and whether anything names a team as its owner. Every value travels as a query parameter.
 */
@ApplicationScoped
public class Memberships {

    @Inject
    DataSource dataSource;

    /** The catalog User whose {@code spec.profile.email} is exactly this address (case-insensitive). */
    public Optional<EntityRef> userByEmail(String email) {
        if (email == null || email.isBlank() || email.length() > 200) {
            return Optional.empty();
        }
        return Jdbc.run(dataSource, "user by e-mail", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT e.entity_ref FROM entities e JOIN search s"
                    + " ON s.entity_id = e.id WHERE s.search_key = 'spec.profile.email' AND s.search_value = ?"
                    + " AND e.kind = 'user' ORDER BY e.entity_ref")) {
                ps.setString(1, email.toLowerCase(Locale.ROOT));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(EntityRef.ofCanonical(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** The Groups a person is a member of, by either side's declaration (canonical references). */
    public Set<String> groupsOf(EntityRef user) {
        String ref = user.toString();
        return Jdbc.run(dataSource, "memberships", c -> {
            Set<String> out = new LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT target_ref FROM relations WHERE source_ref = ?"
                    + " AND type = 'memberOf' UNION SELECT source_ref FROM relations WHERE target_ref = ?"
                    + " AND type = 'hasMember'")) {
                ps.setString(1, ref);
                ps.setString(2, ref);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** Whether the catalog holds this entity. */
    public boolean exists(EntityRef ref) {
        return Jdbc.run(dataSource, "entity exists", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM entities WHERE entity_ref = ?")) {
                ps.setString(1, ref.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Whether any entity in the catalog names this team as its owner. */
    public boolean namedAsOwner(EntityRef group) {
        return Jdbc.run(dataSource, "owned by", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM relations WHERE target_ref = ? AND type = 'ownedBy'")) {
                ps.setMaxRows(1);
                ps.setString(1, group.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
