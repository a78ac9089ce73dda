package dev.interlock.scorecard;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.interlock.descriptor.EntityRef;

/**
 * One entity's result on one scorecard, in the API's shape.
 *
 * @param entityRef the entity
 * @param scorecardRef the scorecard
 * @param level the level reached, or {@code null}
 * @param passed ids of the passed checks
 * @param failed the failed checks with why they matter
 * @param evaluatedAt when (ISO-8601)
 */
public record ScoreResult(
        String entityRef,
        String scorecardRef,
        String level,
        List<String> passed,
        List<Failed> failed,
        String evaluatedAt) {

    /**
     * Whether every part its readers walk is there: both references canonical, the lists and their items present,
     * each failed check named, the time an offset date-time. The scorer writes only such results; one read from an
     * archive is checked before it is stored.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isComplete() {
        return EntityRef.isCanonical(entityRef)
                && EntityRef.isCanonical(scorecardRef)
                && passed != null
                && !passed.contains(null)
                && failed != null
                && failed.stream().allMatch(f -> f != null && f.id() != null)
                && isTime(evaluatedAt);
    }

    private static boolean isTime(String text) {
        try {
            return text != null && java.time.OffsetDateTime.parse(text) != null;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /**
     * A failed check.
     *
     * @param why why the check matters (the scorecard's words)
     * @param error why its rule could not be evaluated for this entity (an error at run time, a spent budget), or
     *     {@code null} when the rule answered no: such a check counts as failed, and its owners need to know that the
     *     rule, not the entity, is at fault
     */
    public record Failed(
            String id,
            String title,
            String why,
            @JsonInclude(JsonInclude.Include.NON_NULL) String error) {

        /** A check whose rule answered no. */
        public Failed(String id, String title, String why) {
            this(id, title, why, null);
        }
    }
}
