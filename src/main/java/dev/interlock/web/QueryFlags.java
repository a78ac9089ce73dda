package dev.interlock.web;

import jakarta.ws.rs.BadRequestException;

/** Boolean query parameters ({@code ?dryRun=true}) read one way everywhere: anything else is refused, never guessed. */
public final class QueryFlags {

    private QueryFlags() {}

    /**
     * The flag's value: absent or {@code false} is false; {@code true} or given without a value is true.
     *
     * @throws BadRequestException naming the parameter for any other value (a write must not happen by mistake)
     */
    public static boolean parse(String value, String name) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new BadRequestException(name + " must be true or false, not \"" + value + "\"");
    }
}
