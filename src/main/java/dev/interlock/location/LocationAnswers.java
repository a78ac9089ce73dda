package dev.interlock.location;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.interlock.catalog.LocationRecord;
import dev.interlock.model.Entity;

/**
 * The JSON answers of Backstage's location API, as records Jackson writes in component order. Entities appear as
 * their stored document.
 */
public final class LocationAnswers {

    private LocationAnswers() {}

    /** Backstage's {@code {id, type, target}} of a location. */
    public record Data(String id, String type, String target) {

        /** The location's data. */
        public static Data of(LocationRecord l) {
            return new Data(l.id, l.type, l.target);
        }

        /** The fields a {@code by-query} predicate is matched against. */
        Map<String, Object> fields() {
            return Map.of("id", id, "type", type, "target", target);
        }
    }

    /** One entry of {@code GET /locations}. */
    public record Listed(Data data) {}

    /** An entity claimed by two locations. */
    public record Conflict(String entityRef, String locationId, String location, String message) {

        static Conflict of(Applied.Conflict c) {
            return new Conflict(c.entityRef().toString(), c.locationId(), c.target(), c.message());
        }
    }

    /** An entity a refresh created, updated or deleted. */
    public record Change(String ref, String action) {}

    /** {@code POST /locations}: the location, its entities, and (in a dry run) whether it existed. */
    public record Created(
            Data location,
            List<Object> entities,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean exists,
            List<Conflict> conflicts,
            List<String> warnings) {

        static Created of(LocationService.Registered r, boolean dryRun) {
            return new Created(
                    Data.of(r.location()),
                    documents(r.entities()),
                    dryRun ? r.exists() : null,
                    conflictsOf(r.applied()),
                    r.problems().stream().map(Reading.Problem::describe).toList());
        }
    }

    /**
     * {@code POST /refresh}: the entity, then (when it comes from a location) the location, what the refresh did and
     * its problems.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Refresh(
            String entityRef,
            Data location,
            String state,
            List<Change> changes,
            List<String> orphaned,
            List<Conflict> conflicts,
            List<String> problems) {

        /** The answer for an entity that no location produces. */
        static Refresh notFromALocation(String entityRef) {
            return new Refresh(entityRef, null, "not-from-a-location", null, null, null, null);
        }

        static Refresh of(String entityRef, LocationRefresh.Refreshed r) {
            Applied a = r.applied();
            return new Refresh(
                    entityRef,
                    Data.of(r.location()),
                    r.state(),
                    a == null
                            ? null
                            : a.outcomes().stream()
                                    .filter(o -> !o.action().equals("unchanged"))
                                    .map(o -> new Change(o.ref(), o.action()))
                                    .toList(),
                    a == null
                            ? null
                            : a.orphaned().stream().map(Object::toString).toList(),
                    a == null ? null : conflictsOf(a),
                    r.problems().stream().map(Reading.Problem::describe).toList());
        }
    }

    /** A page of {@code POST /locations/by-query}. */
    public record Page(List<Data> items, int totalItems, PageInfo pageInfo) {}

    /** The cursor of the next page, absent on the last. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PageInfo(String nextCursor) {}

    /** Backstage's ancestry of an entity. */
    public record Ancestry(String rootEntityRef, List<AncestryItem> items) {}

    /** An entity of an ancestry with the references of its parents. */
    public record AncestryItem(Object entity, List<String> parentEntityRefs) {}

    /** {@code POST /analyze-location}: what a location would produce. */
    public record Analysis(List<ExistingFile> existingEntityFiles, List<Object> generateEntities) {

        static Analysis of(LocationService.Registered r) {
            Target target = new Target(r.location().type, r.location().target);
            return new Analysis(
                    r.entities().stream()
                            .map(e -> new ExistingFile(
                                    target, r.exists(), e.root().raw()))
                            .toList(),
                    List.of());
        }
    }

    /** One entity a location would produce. */
    public record ExistingFile(Target location, boolean isRegistered, Object entity) {}

    /** A location's {@code {type, target}}. */
    public record Target(String type, String target) {}

    /** The stored documents of entities, for the answer body. */
    static List<Object> documents(List<Entity> entities) {
        return entities.stream().map(e -> e.root().raw()).toList();
    }

    private static List<Conflict> conflictsOf(Applied applied) {
        return applied.conflicts().stream().map(Conflict::of).toList();
    }
}
