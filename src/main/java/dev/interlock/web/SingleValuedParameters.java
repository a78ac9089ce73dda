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
    private static final Map<MethodKey, Set<String>> SINGLE = new ConcurrentHashMap<>();

    /** A resource method as the request names it, so that a known one is found without reflection. */
    record MethodKey(Class<?> resource, String name, List<Class<?>> parameters) {}

    @ServerRequestFilter
    public void check(UriInfo uri, SimpleResourceInfo resource) {
        if (resource == null || !uri.getPath().startsWith("/api/")) {
            return;
        }
        Set<String> single = SINGLE.computeIfAbsent(
                new MethodKey(
                        resource.getResourceClass(), resource.getMethodName(), List.of(resource.parameterTypes())),
                SingleValuedParameters::single);
        for (Map.Entry<String, List<String>> e : uri.getQueryParameters().entrySet()) {
            if (e.getValue().size() > 1 && single.contains(e.getKey())) {
                throw new RepeatedParameter(e.getKey(), e.getValue().size());
            }
        }
    }

    /** The query parameters the method takes singly. */
    static Set<String> single(MethodKey key) {
        Method method = declared(key.resource(), key);
        if (method == null) {
            return Set.of();
        }
        return java.util.Arrays.stream(method.getParameters())
                .filter(p -> p.isAnnotationPresent(QueryParam.class))
                .filter(p -> !Collection.class.isAssignableFrom(p.getType())
                        && !p.getType().isArray())
                .map(p -> p.getAnnotation(QueryParam.class).value())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The declaration whose parameters carry {@code @QueryParam}: on the class, a superclass or an interface (JAX-RS
     * lets an implementation inherit them), or {@code null} when none does.
     */
    private static Method declared(Class<?> type, MethodKey key) {
        if (type == null) {
            return null;
        }
        try {
            Method m = type.getDeclaredMethod(key.name(), key.parameters().toArray(Class<?>[]::new));
            if (java.util.Arrays.stream(m.getParameters()).anyMatch(p -> p.isAnnotationPresent(QueryParam.class))) {
                return m;
            }
        } catch (NoSuchMethodException e) {
            // declared higher up
        }
        Method found = declared(type.getSuperclass(), key);
        for (Class<?> i : type.getInterfaces()) {
            if (found == null) {
                found = declared(i, key);
            }
        }
        return found;
    }
}
