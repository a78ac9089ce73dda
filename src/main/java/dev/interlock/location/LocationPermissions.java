package dev.interlock.location;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import dev.interlock.catalog.LocationRecord;
import dev.interlock.registration.ChangePermission;
import dev.interlock.registration.NotAllowedException;
import dev.interlock.security.LocalAccounts;
import dev.interlock.security.Permissions;
import dev.interlock.security.Roles;
import dev.interlock.security.SecurityConfig;

/**
 * The rights a location's refresh writes with: those of the account that registered it (stored on the location, see
 * {@link #recordRegistrant}), under the same rules as a signed-in person. The first read, by
 * the person registering it,
 * uses the request's permission instead. This is the single place a refresh's permission is built.
 */
@ApplicationScoped
public class LocationPermissions {

    private static final Logger LOG = Logger.getLogger(LocationPermissions.class);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    @Inject
    Permissions permissions;

    @Inject
    SecurityConfig security;

    @Inject
    LocalAccounts accounts;

    /**
     * Keeps on the location who registers (or, herself, changes) it, as her refreshes will act: her account name, her
     * roles and, with single sign-on, the e-mail address her token verified and the teams it asserted.
     */
    public static void recordRegistrant(LocationRecord location, LocationService.Account account) {
        location.registeredBy = account.name();
        // Only the catalog's roles: a token carries every role the provider grants (Keycloak's own ones too), more than
        // the column holds, and a role of another name with a comma in it would read back as others.
        location.registeredRoles = String.join(
                ",",
                account.roles().stream()
                        .filter(Roles.CATALOG::contains)
                        .sorted()
                        .toList());
        location.registeredEmail = account.verifiedEmail().orElse(null);
        location.registeredGroups = account.groups().isEmpty() ? null : writeGroups(account.groups());
    }

    /** The permission of the account that registered the location, as it acts now ({@link #roles}). */
    public ChangePermission forRefresh(LocationRecord location) {
        if (location.registeredBy == null) {
            // The example loader's locations (and those registered before locations stored their account, which only
            // the example loader made): the system's.
            return ChangePermission.SYSTEM;
        }
        if (!security.oidc()) {
            return permissions.forAccount(location.registeredBy, roles(location));
        }
        // Only what her token verified counts: an account name that looks like an e-mail address is no verified one,
        // and teams count only while the configuration still takes them from the token.
        return permissions.forSignedIn(
                location.registeredBy,
                roles(location),
                Optional.ofNullable(location.registeredEmail),
                security.groupsClaim().isPresent() ? readGroups(location) : Set.of());
    }

    /**
     * The roles a location's refresh writes with. Without single sign-on every account is a local one: its roles as
     * configured now (none once it is removed), so taking a role away from someone also takes it from the refreshes
     * of the locations she registered. With single sign-on the provider cannot be asked again, so they are the roles
     * her token carried when she registered the location (or last changed it).
     */
    private Set<String> roles(LocationRecord location) {
        if (!security.oidc()) {
            return accounts.roles(location.registeredBy).orElse(Set.of());
        }
        return location.registeredRoles == null
                ? Set.of()
                : Arrays.stream(location.registeredRoles.split(","))
                        .map(String::trim)
                        .filter(r -> !r.isEmpty())
                        .collect(Collectors.toSet());
    }

    /** The teams as a JSON list: a team's name may hold any character, a comma included. */
    private static String writeGroups(Set<String> groups) {
        try {
            return JSON.writeValueAsString(groups.stream().sorted().toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is written as JSON", e);
        }
    }

    private static Set<String> readGroups(LocationRecord location) {
        String json = location.registeredGroups;
        if (json == null) {
            return Set.of();
        }
        try {
            List<String> groups = JSON.readValue(json, STRINGS);
            // Nor does it check a list's items: a null (or a JSON null for the list) is no team.
            return groups == null
                    ? Set.of()
                    : groups.stream().filter(java.util.Objects::nonNull).collect(Collectors.toUnmodifiableSet());
        } catch (JsonProcessingException e) {
            // Only this class writes the column, and an import checks no column's content: no teams rather than a 500,
            // said in the log, as the refresh then fails for lack of rights with nothing on the location saying why.
            LOG.warnf(
                    "location %s: its registrant's stored teams are not a JSON list of names (%s); its refreshes"
                            + " act without them until its registrant changes the location",
                    location.id, e.getOriginalMessage());
            return Set.of();
        }
    }

    /**
     * Refuses {@code account} unless it registered the location or is a catalog-admin: a location is its registrant's,
     * whatever it produces (even nothing yet), so nobody else changes its target or deletes it.
     *
     * @param action what the account is doing, as the refusal says it ("change", "delete")
     * @throws NotAllowedException naming the account that registered it
     */
    public static void checkRegistrantOrAdmin(LocationRecord location, String account, boolean admin, String action) {
        if (!admin && (location.registeredBy == null || !location.registeredBy.equals(account))) {
            throw new NotAllowedException("location " + location.type + ":" + location.target + " was registered by "
                    + (location.registeredBy == null
                            ? "the system; only a catalog-admin may "
                            : location.registeredBy + "; only that account or a catalog-admin may ")
                    + action + " it");
        }
    }

    /**
     * The permission of writes made through a location on behalf of {@code account}. The {@code kind: Location}
     * entities a location produces are its own structure (its nested targets) and have no owner, so only a
     * catalog-admin could change them otherwise: the account that registered the location may change and release
     * those it already produces, as its refresh and its deletion must. Every other write needs {@code permission}.
     * Call it inside the transaction of the writes (it reads what the location produces).
     */
    public ChangePermission throughLocation(LocationRecord location, String account, ChangePermission permission) {
        if (location.registeredBy == null
                || !location.registeredBy.equals(account)
                || permission instanceof Permissions.NoWrites) {
            // A registrant who may no longer write changes not even the location's own structure.
            return permission;
        }
        Set<String> own = ProducedEntity.ofLocation(location.id).stream()
                .map(row -> row.entityRef)
                .collect(Collectors.toSet());
        return (ref, before, after) -> {
            boolean ownStructure = ref.kind().equals("location")
                    && own.contains(ref.toString())
                    && before != null
                    && before.spec().get("owner").text() == null;
            if (!ownStructure) {
                permission.checkWrite(ref, before, after);
            }
        };
    }
}
