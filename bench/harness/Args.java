package harness;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A benchmark's command line: {@code --name value} pairs, each name known, some required, the others defaulted. */
public final class Args {

    private final Map<String, String> values;
    private final String usage;

    private Args(Map<String, String> values, String usage) {
        this.values = values;
        this.usage = usage;
    }

    /**
     * Reads {@code args}; {@code usage} is the line printed after a problem ("usage: ..." is prepended). The known
     * names are the {@code required} ones and those of {@code defaults}.
     */
    public static Args parse(String[] args, String usage, List<String> required, Map<String, String> defaults) {
        Map<String, String> values = new HashMap<>(defaults);
        Args parsed = new Args(values, usage);
        for (int i = 0; i < args.length; i += 2) {
            if (!(required.contains(args[i]) || defaults.containsKey(args[i])) || i + 1 >= args.length) {
                throw parsed.usage("bad argument: " + args[i]);
            }
            values.put(args[i], args[i + 1]);
        }
        if (!values.keySet().containsAll(required)) {
            throw parsed.usage(String.join(" and ", required) + (required.size() > 1 ? " are" : " is") + " required");
        }
        return parsed;
    }

    public String text(String name) {
        return values.get(name);
    }

    /** A base URL without its trailing slashes. */
    public String url(String name) {
        return text(name).replaceAll("/+$", "");
    }

    public int integer(String name) {
        return (int) whole(name);
    }

    public long whole(String name) {
        try {
            return Long.parseLong(text(name));
        } catch (NumberFormatException e) {
            throw usage(name + " takes a whole number (" + e.getMessage() + ")");
        }
    }

    /** The problem, followed by the usage line, for {@link Bench#main} to print. */
    public Bench.Usage usage(String problem) {
        return new Bench.Usage(problem + "\nusage: " + usage);
    }
}
