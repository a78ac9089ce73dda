package dev.interlock.errors;

/**
 * A query parameter that takes one value, given more than once: refused rather than read as its first value, since a
 * client or proxy that appends {@code dryRun=true} to an address would otherwise get a real write.
 */
public class RepeatedParameter extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    /** The parameter and how many values it came with. */
    public RepeatedParameter(String parameter, int count) {
        super(Echo.quoted(parameter) + " takes one value and was given " + count + "; give it once");
        this.parameter = parameter;
    }

    /** The parameter's name, the field of the error. */
    public String parameter() {
        return parameter;
    }
}
