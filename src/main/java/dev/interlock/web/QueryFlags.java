package dev.interlock.web;

import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.UriInfo;

import dev.interlock.errors.RepeatedParameter;

/** Boolean query parameters ({@code ?dryRun=true}) read one way everywhere: anything else is refused, never guessed. */
public final class QueryFlags {

    private QueryFlags() {}

    /**
     * The flag's value in a request's query: absent is false; {@code ?dryRun} and {@code ?dryRun=} are true (an
     * injected {@code @QueryParam} cannot tell them from absent).
     *
     * @throws BadRequestException naming the parameter for a value other than true or false
     * @throws RepeatedParameter when it is given more than once
     */
    public static boolean parse(UriInfo uri, String name) {
        List<String> values = uri.getQueryParameters().get(name);
        if (values == null) {
            return false;
        }
        if (values.size() > 1) {
            // ?dryRun=false&dryRun=true must not write because the first value says so.
            throw new RepeatedParameter(name, values.size());
        }
        return parse(values.isEmpty() || values.get(0) == null ? "" : values.get(0), name);
    }

    /**
     * The flag's value: absent or {@code false} is false; {@code true} or given without a value is true.
     *
     * @throws BadRequestException naming the parameter for any other value (a write must not happen by mistake)
     */
    private static boolean parse(String value, String name) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new BadRequestException(name + " must be true or false, not \"" + value + "\"");
    }
}
