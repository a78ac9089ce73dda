package dev.interlock.scorecard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationType;
import dev.interlock.model.Entity;
import dev.interlock.model.Node;
import dev.interlock.model.PipelineSpec;
import dev.interlock.pipeline.Schedules;
import dev.interlock.pipeline.SinglePointsOfFailure;

/**
 * What a rule can see about an entity: the entity as registered, plus what the catalog knows around it.
 * <ul>
 * <li>{@code entity}: the entity in the API's shape (with relations)</li>
 * <li>{@code owner}: {@code {ref, kind, name, resolved, type, memberCount}}</li>
 * <li>{@code maintainers}: {@code [{ref, name, resolved, teams: [ref], isOwner}]}</li>
 * <li>{@code relations}: {@code [{type, targetRef, resolved}]}</li>
 * <li>{@code pipeline}: {@code spec.pipeline}, or an empty map</li>
 * <li>{@code facts}: computed booleans and counts: {@code inputsResolved}, {@code outputsResolved},
 * {@code maintainerTeams}, {@code scheduleValid}, {@code hasTrigger}, {@code runsAsServiceAccount},
 * {@code ownerIsTeam}, and {@code singlePointsOfFailure} (a pipeline's reasons by {@link SinglePointsOfFailure}, as
 * {@code NO_MAINTAINER}, {@code ONE_MAINTAINER}, {@code NO_RUNBOOK}, {@code PERSONAL_IDENTITY}: those its descriptor
 * gives, as scores follow catalog changes; who restored is {@code runs.restorers}; empty for other entities)</li>
 * <li>{@code runs}: what its reported runs say ({@link RunFacts})</li>
 * </ul>
 * Numbers are CEL's int64 (Long) and double. The variables are maps because CEL's activation takes maps; they are
 * built here, at that edge, from the typed {@link Entity}.
 */
final class Facts {

    private Facts() {}

    /**
     * The relations read of the entities around the scored ones: a team's members ({@code owner.memberCount}) and a
     * maintainer's teams. Only these: a team's other relations (an {@code ownerOf} per entity it owns) would be read
     * for every entity it owns.
     */
    static final Set<RelationType> AROUND_RELATIONS = Set.of(RelationType.HAS_MEMBER, RelationType.MEMBER_OF);

    /** The lookups a batch of entities needs, done once for the batch. */
    interface Lookup {
        /** Entities by reference, with at least their {@link #AROUND_RELATIONS}; missing ones are absent. */
        Map<EntityRef, Entity> entities(Set<EntityRef> refs);

        /** The {@code runs} variable of these entities; those left out have no runs ({@link RunFacts#NONE}). */
        default Map<EntityRef, Map<String, Object>> runs(List<EntityRef> refs) {
            return Map.of();
        }
    }

    /** One relation of an entity in the API's shape. */
    private record Relation(String type, String targetRef) {}

    /** Facts for each entity of a batch, by reference. */
    static Map<EntityRef, Map<String, Object>> of(List<Entity> entities, Lookup lookup) {
        Set<EntityRef> wanted = new LinkedHashSet<>();
        for (Entity e : entities) {
            for (Relation r : relations(e)) {
                wanted.add(EntityRef.ofCanonical(r.targetRef()));
            }
        }
        Map<String, Entity> around = new HashMap<>();
        lookup.entities(wanted).forEach((ref, e) -> around.put(ref.toString(), e));
        Map<EntityRef, Map<String, Object>> runs =
                lookup.runs(entities.stream().map(Entity::ref).toList());
        Map<EntityRef, Map<String, Object>> out = new LinkedHashMap<>();
        for (Entity e : entities) {
            Map<String, Object> vars = facts(e, around);
            vars.put("runs", runs.getOrDefault(e.ref(), RunFacts.NONE));
            out.put(e.ref(), vars);
        }
        return out;
    }

    /** The variables of an entity without what is around it: only {@code entity} (see {@link Scorecard#choosesByEntityAlone}). */
    static Map<String, Object> ofEntityAlone(Entity entity) {
        return Map.of("entity", cel(entity.root()));
    }

    private static Map<String, Object> facts(Entity entity, Map<String, Entity> around) {
        List<String> owners = targets(entity, "ownedBy");
        Map<String, Object> owner = new LinkedHashMap<>();
        if (!owners.isEmpty()) {
            EntityRef o = EntityRef.ofCanonical(owners.get(0));
            Entity found = around.get(o.toString());
            owner.put("ref", o.toString());
            owner.put("kind", o.kind());
            owner.put("name", o.name());
            owner.put("resolved", found != null);
            owner.put(
                    "type",
                    found == null ? "" : String.valueOf(found.spec().get("type").scalarText()));
            owner.put(
                    "memberCount",
                    found == null ? 0L : (long) targets(found, "hasMember").size());
        } else {
            owner.put("ref", "");
            owner.put("kind", "");
            owner.put("name", "");
            owner.put("resolved", false);
            owner.put("type", "");
            owner.put("memberCount", 0L);
        }
        List<Object> maintainers = new ArrayList<>();
        Set<String> teams = new LinkedHashSet<>();
        long knownMaintainers = 0;
        for (String m : targets(entity, "maintainedBy")) {
            Entity user = around.get(m);
            knownMaintainers += user == null ? 0 : 1;
            List<String> userTeams = user == null ? List.of() : targets(user, "memberOf");
            teams.addAll(userTeams);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("ref", m);
            view.put("name", EntityRef.ofCanonical(m).name());
            view.put("resolved", user != null);
            view.put("teams", new ArrayList<Object>(userTeams));
            view.put("isOwner", m.equals(owner.get("ref")));
            maintainers.add(view);
        }
        List<Object> relations = new ArrayList<>();
        for (Relation r : relations(entity)) {
            relations.add(Map.of(
                    "type", r.type(), "targetRef", r.targetRef(), "resolved", around.containsKey(r.targetRef())));
        }
        Node pipeline = entity.spec().get("pipeline");
        Node trigger = pipeline.get("trigger");
        String schedule = trigger.get("schedule").text();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("inputsResolved", allResolved(entity, "readsFrom", around));
        facts.put("outputsResolved", allResolved(entity, "writesTo", around));
        facts.put("maintainerTeams", (long) teams.size());
        facts.put("scheduleValid", schedule != null && valid(schedule));
        facts.put("hasTrigger", !trigger.keys().isEmpty());
        facts.put(
                "runsAsServiceAccount",
                "service-account".equals(pipeline.get("runsAs").text()));
        facts.put("ownerIsTeam", "group".equals(owner.get("kind")) && Boolean.TRUE.equals(owner.get("resolved")));
        facts.put(
                "singlePointsOfFailure",
                entity.isPipeline()
                        ? SinglePointsOfFailure.of(PipelineSpec.of(pipeline), knownMaintainers).stream()
                                .map(Enum::name)
                                .toList()
                        : List.of());
        Map<String, Object> vars = new HashMap<>();
        vars.put("entity", cel(entity.root()));
        vars.put("owner", owner);
        vars.put("maintainers", maintainers);
        vars.put("relations", relations);
        vars.put("pipeline", pipeline.isObject() ? cel(pipeline) : Map.of());
        vars.put("facts", facts);
        return vars;
    }

    private static boolean valid(String cron) {
        try {
            Schedules.parse(cron);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean allResolved(Entity entity, String type, Map<String, Entity> around) {
        List<String> targets = targets(entity, type);
        return !targets.isEmpty() && targets.stream().allMatch(around::containsKey);
    }

    private static List<Relation> relations(Entity entity) {
        return entity.root().get("relations").items().stream()
                .map(r -> new Relation(
                        String.valueOf(r.get("type").scalarText()),
                        String.valueOf(r.get("targetRef").scalarText())))
                .toList();
    }

    static List<String> targets(Entity entity, String type) {
        return relations(entity).stream()
                .filter(r -> type.equals(r.type()))
                .map(Relation::targetRef)
                .toList();
    }

    /** A copy CEL can read: ints as int64, floats as double, absent values as "". */
    static Object cel(Node value) {
        if (value.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            value.fields().forEach((k, v) -> out.put(k, cel(v)));
            return out;
        }
        if (value.isList()) {
            return value.items().stream().map(Facts::cel).toList();
        }
        Object raw = value.raw();
        if (raw instanceof Integer i) {
            return i.longValue();
        }
        if (raw instanceof Float f) {
            return f.doubleValue();
        }
        return raw == null ? "" : raw;
    }
}
