package dev.interlock.web;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import dev.interlock.errors.RepeatedParameter;

/**
 * Refuses an API request that gives a single-valued query parameter more than once ({@code ?limit=1&limit=zzz}):
 * the resource would see only the first value and silently drop the others, so the answer would not be what was
 * asked. Parameters a resource takes as a list ({@code filter}, {@code state}, {@code status}) may repeat, as
 * Backstage's API allows; {@code dryRun}, read from the address rather than declared, is checked by
 * {@link QueryFlags}. Pages are left lenient, as their other filters are.
 */
public class SingleValuedParameters {

    /** The single-valued query parameters of each resource method, found once. */
    private static final Map<Method, Set<String>> SINGLE = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void check(UriInfo uri, SimpleResourceInfo resource) {
        if (resource == null || !uri.getPath().startsWith("/api/")) {
            return;
        }
        Set<String> single = single(resource);
        for (Map.Entry<String, List<String>> e : uri.getQueryParameters().entrySet()) {
            if (e.getValue().size() > 1 && single.contains(e.getKey())) {
                throw new RepeatedParameter(e.getKey(), e.getValue().size());
            }
        }
    }

    private static Set<String> single(SimpleResourceInfo resource) {
        Method method = null;
        for (Class<?> c = resource.getResourceClass(); c != null && method == null; c = c.getSuperclass()) {
            try {
                method = c.getDeclaredMethod(resource.getMethodName(), resource.parameterTypes());
            } catch (NoSuchMethodException e) {
                // declared higher up
            }
        }
        if (method == null) {
            return Set.of();
        }
        return SINGLE.computeIfAbsent(
                method,
                m -> java.util.Arrays.stream(m.getParameters())
                        .filter(p -> p.isAnnotationPresent(QueryParam.class))
                        .filter(p -> !Collection.class.isAssignableFrom(p.getType())
                                && !p.getType().isArray())
                        .map(p -> p.getAnnotation(QueryParam.class).value())
                        .collect(Collectors.toUnmodifiableSet()));
    }
}
