package dev.interlock.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;

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

    /**
     * An entity as the API serves it, as JSON text ready to be written into an answer: the stored body with its
     * relations added as the last field, the same text as writing the body read back with a {@code relations} field.
     */
    public RawValue served(String body, List<Map<String, Object>> relations) {
        StringBuilder out = new StringBuilder(body.length() + 160 * relations.size() + 16);
        // A stored body is an object with at least apiVersion and kind, written without spaces: it ends with its brace.
        out.append(body, 0, body.lastIndexOf('}')).append(",\"relations\":");
        // Written value by value into one buffer: a relation is maps and strings, and the mapper's look-up of a
        // serializer for each value, then a generator per entity, cost more than the rest of a page.
        writePlain(out, relations);
        return new RawValue(out.append('}').toString());
    }

    private void writePlain(StringBuilder out, Object value) {
        if (value instanceof String text) {
            out.append('"');
            JsonStringEncoder.getInstance().quoteAsString(text, out);
            out.append('"');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> field : map.entrySet()) {
                out.append(separator);
                writePlain(out, String.valueOf(field.getKey()));
                out.append(':');
                writePlain(out, field.getValue());
                separator = ",";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            String separator = "";
            for (Object item : list) {
                out.append(separator);
                writePlain(out, item);
                separator = ",";
            }
            out.append(']');
        } else {
            try {
                out.append(mapper.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("relations cannot be written as JSON", e);
            }
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
