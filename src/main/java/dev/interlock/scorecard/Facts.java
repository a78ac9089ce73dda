package dev.interlock.scorecard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.pipeline.Schedules;
import dev.interlock.validation.Values;

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
 * {@code ownerIsTeam}</li>
 * <li>{@code runs}: what its reported runs say ({@link RunFacts})</li>
 * </ul>
 * Numbers are CEL's int64 (Long) and double.
 */
final class Facts {

    private Facts() {
    }

    /** The lookups a batch of entities needs, done once for the batch. */
    interface Lookup {
        /** Entities by canonical reference (with relations); missing ones are absent. */
        Map<String, Map<String, Object>> entities(Set<String> refs);

        /** The {@code runs} variable of an entity. */
        default Map<String, Object> runs(String ref) {
            return RunFacts.NONE;
        }
    }

    /** Facts for each entity of a batch, by reference. */
    static Map<String, Map<String, Object>> of(List<Map<String, Object>> entities, Lookup lookup) {
        Set<String> wanted = new LinkedHashSet<>();
        for (Map<String, Object> e : entities) {
            for (Map<String, Object> r : relations(e)) {
                wanted.add(String.valueOf(r.get("targetRef")));
            }
        }
        Map<String, Map<String, Object>> around = lookup.entities(wanted);
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> e : entities) {
            Map<String, Object> vars = facts(e, around);
            vars.put("runs", lookup.runs(ref(e)));
            out.put(ref(e), vars);
        }
        return out;
    }

    private static Map<String, Object> facts(Map<String, Object> entity, Map<String, Map<String, Object>> around) {
        List<String> owners = targets(entity, "ownedBy");
        Map<String, Object> owner = new LinkedHashMap<>();
        if (!owners.isEmpty()) {
            EntityRef o = EntityRef.ofCanonical(owners.get(0));
            Map<String, Object> found = around.get(o.toString());
            owner.put("ref", o.toString());
            owner.put("kind", o.kind());
            owner.put("name", o.name());
            owner.put("resolved", found != null);
            owner.put("type", found == null ? "" : String.valueOf(Values.at(found, "spec.type")));
            owner.put("memberCount", found == null ? 0L : (long) targets(found, "hasMember").size());
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
        for (String m : targets(entity, "maintainedBy")) {
            Map<String, Object> user = around.get(m);
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
        for (Map<String, Object> r : relations(entity)) {
            String target = String.valueOf(r.get("targetRef"));
            relations.add(Map.of("type", String.valueOf(r.get("type")), "targetRef", target, "resolved",
                    around.containsKey(target)));
        }
        Object pipeline = Values.at(entity, "spec.pipeline");
        Map<?, ?> p = pipeline instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> trigger = p.get("trigger") instanceof Map<?, ?> t ? t : Map.of();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("inputsResolved", allResolved(entity, "readsFrom", around));
        facts.put("outputsResolved", allResolved(entity, "writesTo", around));
        facts.put("maintainerTeams", (long) teams.size());
        facts.put("scheduleValid", trigger.get("schedule") instanceof String s && valid(s));
        facts.put("hasTrigger", !trigger.isEmpty());
        facts.put("runsAsServiceAccount", "service-account".equals(p.get("runsAs")));
        facts.put("ownerIsTeam", "group".equals(owner.get("kind")) && Boolean.TRUE.equals(owner.get("resolved")));
        Map<String, Object> vars = new HashMap<>();
        vars.put("entity", cel(entity));
        vars.put("owner", owner);
        vars.put("maintainers", maintainers);
        vars.put("relations", relations);
        vars.put("pipeline", cel(p));
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

    private static boolean allResolved(Map<String, Object> entity, String type, Map<String, Map<String, Object>> around) {
        List<String> targets = targets(entity, type);
        return !targets.isEmpty() && targets.stream().allMatch(around::containsKey);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> relations(Map<String, Object> entity) {
        return entity.get("relations") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    static List<String> targets(Map<String, Object> entity, String type) {
        return relations(entity).stream().filter(r -> type.equals(r.get("type")))
                .map(r -> String.valueOf(r.get("targetRef"))).toList();
    }

    static String ref(Map<String, Object> entity) {
        return new EntityRef(String.valueOf(entity.get("kind")), String.valueOf(Values.at(entity, "metadata.namespace")),
                String.valueOf(Values.at(entity, "metadata.name"))).toString();
    }

    /** A copy CEL can read: ints as int64. */
    static Object cel(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), cel(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(Facts::cel).toList();
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return value == null ? "" : value;
    }
}
