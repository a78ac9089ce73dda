package dev.interlock.registration;

import jakarta.enterprise.inject.Instance;

import dev.interlock.catalog.CatalogEntity;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;

/**
 * What a write must pass before it is stored: the request read the version it changes (etags), and the person
 * behind it may make the change ({@link ChangePermission}, and for deletions every {@link DeletionGuard}).
 */
final class WriteChecks {

    private final ChangePermission permission;

    WriteChecks(ChangePermission permission) {
        this.permission = permission;
    }

    /**
     * Checks that the draft was made from the stored version: the request's {@code If-Match}, then the etag in the
     * draft's own metadata (an etag of an entity the catalog does not have is one from another catalog: imported).
     *
     * @param current the stored entity, or {@code null}
     * @throws ConflictException when either names another version
     */
    static void concurrency(Draft draft, CatalogEntity current) {
        if (draft.ifMatch() != null && current == null) {
            throw new ConflictException(
                    "If-Match: " + draft.ref() + " is not in the catalog (any more); nothing " + "was stored");
        }
        if (current != null
                && draft.ifMatch() != null
                && !draft.ifMatch().equals("*")
                && !draft.ifMatch().equals(current.etag)) {
            throw new ConflictException("If-Match: " + draft.ref() + " has changed since etag \"" + draft.ifMatch()
                    + "\" (its etag is now \"" + current.etag + "\"); read it again and re-apply your change");
        }
        if (current != null && draft.etag() != null && !draft.etag().equals(current.etag)) {
            throw new ConflictException("document " + draft.descriptor().document() + ": " + draft.ref()
                    + " has changed since etag \"" + draft.etag() + "\" (its etag is now \"" + current.etag
                    + "\"); read it again and re-apply your change");
        }
    }

    /**
     * Checks that nobody changed the entity between the preview a person confirms and the confirmation: else the
     * confirmation would silently overwrite their change (or re-create what they deleted).
     *
     * @param seen the etag the preview showed, {@code ""} when the entity was not in the catalog, {@code null} when
     *        the preview did not show it (nothing to check)
     * @throws ConflictException when it has changed
     */
    static void sincePreview(Draft draft, CatalogEntity current, String seen) {
        String now = current == null ? "" : current.etag;
        if (seen == null || seen.equals(now)) {
            return;
        }
        // Named, not "someone else": the one who did may be the same person, confirming the same preview twice.
        String what = current == null
                ? "was deleted"
                : seen.isEmpty()
                        ? "was registered by " + who(current.createdBy)
                        : "was changed by " + who(current.updatedBy);
        throw new ConflictException(draft.ref() + " " + what + " after your preview, so nothing was stored: preview"
                + " again to see the catalog as it is now, then confirm");
    }

    private static String who(String actor) {
        return actor == null ? "someone" : actor;
    }

    /**
     * Checks that a deletion was asked of the stored version: the request's {@code If-Match} ({@code null}: no
     * condition; {@code *}: any version).
     *
     * @throws ConflictException when it names another version
     */
    static void deletion(String ifMatch, CatalogEntity current) {
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(current.etag)) {
            throw new ConflictException("If-Match: " + current.entityRef + " has changed since etag \"" + ifMatch
                    + "\" (its etag is now \"" + current.etag + "\"); nothing was deleted");
        }
    }

    /** Checks that the entity may be created with this body. */
    void create(EntityRef ref, Entity body) {
        permission.checkWrite(ref, null, body);
    }

    /** Checks that the stored entity may be changed to this body. */
    void update(EntityRef ref, Entity stored, Entity body) {
        permission.checkWrite(ref, stored, body);
    }

    /** Checks that the stored entity may be deleted. */
    void delete(EntityRef ref, Entity stored, Instance<DeletionGuard> guards) {
        permission.checkWrite(ref, stored, null);
        guards.forEach(g -> g.checkDelete(ref));
    }
}
