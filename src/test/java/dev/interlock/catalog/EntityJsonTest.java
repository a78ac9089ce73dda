package dev.interlock.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A stored body served as its text: the same JSON as the body read back with its relations, whatever they hold. */
class EntityJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void servedTextIsTheBodyWithItsRelationsEscaped() throws Exception {
        EntityJson json = new EntityJson();
        json.mapper = mapper;
        String body = mapper.writeValueAsString(Map.of("apiVersion", "v1", "kind", "Component"));
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("name", "quote\" back\\slash\nnew line \u00e9 \u2028 \u0001");
        List<Map<String, Object>> relations = List.of(Map.of("type", "ownedBy", "target", target));

        Map<?, ?> served = mapper.readValue(mapper.writeValueAsString(json.served(body, relations)), Map.class);

        Map<String, Object> expected = new LinkedHashMap<>(mapper.readValue(body, Map.class));
        expected.put("relations", relations);
        assertEquals(expected, served);
    }
}
