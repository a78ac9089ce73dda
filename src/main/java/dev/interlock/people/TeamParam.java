package dev.interlock.people;

import jakarta.ws.rs.NotFoundException;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.web.EntityView;
import dev.interlock.web.EntityViews;

/**
 * A page's {@code team=} filter ({@code /people}, {@code /runs}): a Group's reference, the kind and namespace
 * defaulting as in Backstage. A reference that is malformed, names another kind or no team of the catalog is a 404
 * saying so, never every team's list.
 */
public final class TeamParam {

    private TeamParam() {}

    /**
     * The chosen team, or {@code null} when the address names none.
     *
     * @throws NotFoundException when it names no team the catalog holds
     */
    public static EntityView resolve(String team, EntityViews views) {
        if (team == null || team.isBlank()) {
            return null;
        }
        EntityRef ref;
        try {
            ref = EntityRef.parse(team, "group", EntityRef.DEFAULT_NAMESPACE);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("There is no team " + team + " in the catalog.");
        }
        if (!ref.kind().equals("group")) {
            throw new NotFoundException(ref + " is not a team: choose a Group.");
        }
        return views.byRef(ref)
                .orElseThrow(() -> new NotFoundException("There is no team " + ref + " in the catalog."));
    }
}
