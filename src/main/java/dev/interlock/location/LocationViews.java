package dev.interlock.location;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.catalog.LocationRecord;
import dev.interlock.catalog.Predicate;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.registration.RegistrationService;

/** The read side of locations: Backstage's shapes, paged queries, ancestry, and what the pages show. */
@ApplicationScoped
public class LocationViews {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_LIMIT = 20;

    @Inject
    CatalogQueries queries;

    /**
     * A location's state for the pages.
     *
     * @param location the location
     * @param problems its last reading's problems and conflicts
     * @param entityRefs the entities it produces
     */
    public record State(LocationRecord location, List<Reading.Problem> problems, List<String> entityRefs) {
    }

    /** Backstage's {@code {id, type, target}}. */
    public static Map<String, Object> data(LocationRecord l) {
        return Map.of("id", l.id, "type", l.type, "target", l.target);
    }

    static Map<String, Object> conflict(Applied.Conflict c) {
        return Map.of("entityRef", c.entityRef(), "locationId", c.locationId(), "location", c.target(),
                "message", c.message());
    }

    static Map<String, Object> refreshed(LocationService.Refreshed r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("location", data(r.location()));
        out.put("state", r.state());
        if (r.applied() != null) {
            out.put("changes", r.applied().outcomes().stream().filter(o -> !o.action().equals("unchanged"))
                    .map(o -> Map.of("ref", o.ref(), "action", o.action())).toList());
            out.put("orphaned", r.applied().orphaned());
            out.put("conflicts", r.applied().conflicts().stream().map(LocationViews::conflict).toList());
        }
        out.put("problems", r.problems().stream().map(Reading.Problem::describe).toList());
        return out;
    }

    @Transactional
    public List<LocationRecord> all() {
        return LocationRecord.list("order by type, target");
    }

    @Transactional
    public Optional<LocationRecord> byId(String id) {
        return LocationRecord.findByIdOptional(id);
    }

    /** One location with its problems and entities, for its page. */
    @Transactional
    public Optional<State> state(String id) {
        return LocationRecord.<LocationRecord> findByIdOptional(id).map(l -> new State(l,
                LocationApplier.problems(l), ProducedEntity.ofLocation(id).stream().map(p -> p.entityRef).sorted()
                        .toList()));
    }

    /** {@code POST /locations/by-query}: a page of locations matching a predicate on {@code {id, type, target}}. */
    @Transactional
    public Map<String, Object> query(Integer limit, String cursor, Object query) {
        Object q = query;
        int offset = 0;
        if (cursor != null) {
            try {
                Map<?, ?> c = JSON.readValue(Base64.getDecoder().decode(cursor), Map.class);
                q = c.get("query");
                offset = ((Number) c.get("offset")).intValue();
                if (limit == null && c.get("limit") instanceof Number n) {
                    limit = n.intValue();
                }
            } catch (Exception e) {
                throw new BadRequestException("cursor \"" + cursor + "\" is not valid; use a cursor from pageInfo");
            }
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > 10_000 || offset < 0) {
            throw new BadRequestException("limit must be a whole number from 1 to 10000");
        }
        Predicate predicate;
        try {
            predicate = q == null ? null : Predicate.parse(q);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        List<Map<String, Object>> matching = all().stream().map(LocationViews::data)
                .filter(d -> predicate == null || predicate.matches(d)).toList();
        int end = Math.min(matching.size(), offset + size);
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        if (end < matching.size()) {
            Map<String, Object> next = new LinkedHashMap<>();
            next.put("query", q);
            next.put("offset", end);
            next.put("limit", size);
            try {
                pageInfo.put("nextCursor", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(next)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", offset >= matching.size() ? List.of() : matching.subList(offset, end));
        out.put("totalItems", matching.size());
        out.put("pageInfo", pageInfo);
        return out;
    }

    /**
     * Backstage's ancestry: the entity, the {@code kind: Location} entities whose targets led to it, and the
     * registered location itself (as Backstage's generated Location entity), each with its parents.
     */
    @Transactional
    public Optional<Map<String, Object>> ancestry(EntityRef ref) {
        Optional<Map<String, Object>> entity = queries.byRef(ref);
        if (entity.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Object>> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String current = ref.toString();
        Map<String, Object> body = entity.get();
        LocationRecord root = null;
        while (body != null && seen.add(current)) {
            ProducedEntity row = ProducedEntity.findById(current);
            if (row == null) {
                items.add(item(body, List.of()));
                break;
            }
            root = LocationRecord.findById(row.locationId);
            String parent = row.parentRef != null ? row.parentRef : root == null ? null : generatedRef(root);
            items.add(item(body, parent == null ? List.of() : List.of(parent)));
            if (row.parentRef == null) {
                break;
            }
            current = row.parentRef;
            body = queries.byRef(EntityRef.ofCanonical(current)).orElse(null);
        }
        if (root != null) {
            items.add(item(generated(root), List.of()));
        }
        return Optional.of(Map.of("rootEntityRef", ref.toString(), "items", items));
    }

    private static Map<String, Object> item(Map<String, Object> entity, List<String> parents) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entity", entity);
        m.put("parentEntityRefs", parents);
        return m;
    }

    /** Backstage's name for the Location entity of a registered location: {@code generated-<sha1 of type:target>}. */
    static String generatedRef(LocationRecord l) {
        return "location:default/" + generatedName(l);
    }

    private static String generatedName(LocationRecord l) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1").digest((l.type + ":" + l.target)
                    .getBytes(StandardCharsets.UTF_8));
            return "generated-" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> generated(LocationRecord l) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(RegistrationService.MANAGED_BY_LOCATION, l.type + ":" + l.target);
        annotations.put(RegistrationService.MANAGED_BY_ORIGIN, l.type + ":" + l.target);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("namespace", EntityRef.DEFAULT_NAMESPACE);
        metadata.put("name", generatedName(l));
        metadata.put("uid", l.id);
        metadata.put("annotations", annotations);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("apiVersion", "backstage.io/v1alpha1");
        out.put("kind", "Location");
        out.put("metadata", metadata);
        out.put("spec", Map.of("type", l.type, "target", l.target));
        out.put("relations", List.of());
        return out;
    }
}
