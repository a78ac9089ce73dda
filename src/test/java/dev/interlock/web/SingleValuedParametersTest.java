package dev.interlock.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;

import dev.interlock.web.SingleValuedParameters.MethodKey;

/** Which query parameters a resource method takes singly, wherever JAX-RS lets it declare them. */
class SingleValuedParametersTest {

    interface Declared {
        String find(@QueryParam("limit") String limit, @QueryParam("filter") List<String> filters);
    }

    static class Implementing implements Declared {
        @Override
        public String find(String limit, List<String> filters) {
            return limit;
        }
    }

    static class Inheriting extends Implementing {}

    static class Own {
        public String find(@QueryParam("cursor") String cursor, @QueryParam("order") String[] order) {
            return cursor;
        }

        public String find(@PathParam("name") String name) {
            return name;
        }

        public String find(@PathParam("name") String name, @QueryParam("limit") Integer limit) {
            return name + limit;
        }
    }

    @Test
    void parametersDeclaredOnAnInterfaceAreRead() {
        assertEquals(Set.of("limit"), single(Implementing.class, String.class, List.class));
        assertEquals(Set.of("limit"), single(Inheriting.class, String.class, List.class));
    }

    @Test
    void listsAndArraysMayRepeat() {
        assertEquals(Set.of("cursor"), single(Own.class, String.class, String[].class));
    }

    @Test
    void pathParametersAreNotQueryParameters() {
        assertEquals(Set.of(), single(Own.class, String.class));
        assertEquals(Set.of("limit"), single(Own.class, String.class, Integer.class));
    }

    private static Set<String> single(Class<?> resource, Class<?>... parameters) {
        return SingleValuedParameters.single(new MethodKey(resource, "find", List.of(parameters)));
    }
}
