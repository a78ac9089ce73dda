package dev.interlock.people;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What hangs on one person: the answer to "what happens when this person is on vacation, or leaves". Every entry
 * is a canonical entity reference, sorted.
 *
 * @param person the person
 * @param soleMaintainer pipelines whose only maintainer is this person
 * @param runsAs pipelines that run with this person's own identity ({@code runsAs: user:<name>})
 * @param soleRestorer pipelines whose failed runs only this person has restored, from run history (empty until
 *        run history is in the catalog)
 * @param owns entities owned by this person rather than by a team
 * @param downstream everything downstream of those entities, transitively (never those entities themselves)
 * @param downstreamOwners the owners of what is downstream, other than this person: who to tell
 */
public record PersonDependence(
        String person,
        List<String> soleMaintainer,
        List<String> runsAs,
        List<String> soleRestorer,
        List<String> owns,
        List<String> downstream,
        List<String> downstreamOwners) {

    /** Whether nothing hangs on the person (for pages; not a field of the API's answer). */
    @JsonIgnore
    public boolean isEmpty() {
        return soleMaintainer.isEmpty() && runsAs.isEmpty() && soleRestorer.isEmpty() && owns.isEmpty();
    }
}
