package dev.interlock.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.interlock.model.Entity;

/** Entity bodies as stored: JSON text to and from ordered maps, or to {@link Entity} values. */
@ApplicationScoped
public class EntityJson {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    @Inject
    ObjectMapper mapper;

    /** A stored body as a map, keys in their stored order. */
    public Map<String, Object> read(String json) {
        try {
            return mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored entity body is not JSON", e);
        }
    }

    /** A stored body as an entity. */
    public Entity readEntity(String json) {
        return Entity.of(read(json));
    }

    public String write(Map<String, Object> body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("entity cannot be written as JSON", e);
        }
    }

    /** An entity as stored. */
    public String write(Entity entity) {
        return write(entity.tree());
    }

    /**
     * The entity as it reads back from storage: numbers as JSON gives them (a YAML document gives {@code Long} where
     * JSON gives {@code Integer}), so that it compares equal to a stored body.
     */
    public Entity roundTrip(Entity entity) {
        return readEntity(write(entity));
    }
}
