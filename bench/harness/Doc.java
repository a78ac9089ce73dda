package harness;

import java.util.List;

/**
 * One catalog descriptor as YAML text: the envelope, metadata fields and annotations, then {@code spec} keys in the
 * order they are given, and an optional {@code spec.pipeline} block.
 */
public final class Doc {

    private final String header;
    private final StringBuilder metadata = new StringBuilder();
    private final StringBuilder annotations = new StringBuilder();
    private final StringBuilder spec = new StringBuilder();

    private Doc(String kind, String name) {
        header = "apiVersion: backstage.io/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n";
    }

    public static Doc of(String kind, String name) {
        return new Doc(kind, name);
    }

    public Doc metadata(String key, String value) {
        metadata.append("  ").append(key).append(": ").append(value).append('\n');
        return this;
    }

    public Doc annotation(String key, String value) {
        annotations.append("    ").append(key).append(": ").append(value).append('\n');
        return this;
    }

    /** A {@code spec} key; the value is YAML as written (a scalar or a flow list). */
    public Doc spec(String key, Object value) {
        spec.append("  ").append(key).append(": ").append(value).append('\n');
        return this;
    }

    public Doc pipeline(Pipeline pipeline) {
        spec.append(pipeline.yaml());
        return this;
    }

    public String yaml() {
        return header + metadata + (annotations.length() == 0 ? "" : "  annotations:\n" + annotations) + "spec:\n"
                + spec;
    }

    /** A YAML flow list: {@code [a, b]}. */
    public static String list(List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }

    /** A {@code spec.pipeline} block; the fields left unset are left out. */
    public static final class Pipeline {

        private final String family;
        private String platform;
        private String runsAs;
        private String schedule;
        private List<String> inputs = List.of();
        private List<String> outputs = List.of();
        private List<String> maintainers = List.of();
        private String runbook;
        private String slo = "";

        public Pipeline(String family) {
            this.family = family;
        }

        public Pipeline platform(String value) {
            platform = value;
            return this;
        }

        public Pipeline runsAs(String value) {
            runsAs = value;
            return this;
        }

        /** A cron schedule for {@code trigger.schedule}. */
        public Pipeline schedule(String cron) {
            schedule = cron;
            return this;
        }

        public Pipeline inputs(List<String> refs) {
            inputs = refs;
            return this;
        }

        public Pipeline outputs(List<String> refs) {
            outputs = refs;
            return this;
        }

        public Pipeline maintainers(List<String> refs) {
            maintainers = refs;
            return this;
        }

        public Pipeline runbook(String url) {
            runbook = url;
            return this;
        }

        public Pipeline slo(String freshness, String successRate) {
            slo = "    slo:\n      freshness: " + freshness + "\n      successRate: " + successRate + "\n";
            return this;
        }

        String yaml() {
            StringBuilder p = new StringBuilder("  pipeline:\n    family: ")
                    .append(family)
                    .append('\n');
            field(p, "platform", platform);
            field(p, "runsAs", runsAs);
            if (schedule != null) {
                p.append("    trigger:\n      schedule: \"").append(schedule).append("\"\n");
            }
            field(p, "inputs", inputs.isEmpty() ? null : list(inputs));
            field(p, "outputs", outputs.isEmpty() ? null : list(outputs));
            field(p, "maintainers", maintainers.isEmpty() ? null : list(maintainers));
            field(p, "runbook", runbook);
            return p.append(slo).toString();
        }

        private static void field(StringBuilder p, String key, String value) {
            if (value != null) {
                p.append("    ").append(key).append(": ").append(value).append('\n');
            }
        }
    }
}
