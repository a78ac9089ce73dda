package dev.interlock.runs.ingest;

/**
 * Who reported a run, in the words of its format: an OpenLineage job ({@code namespace}, {@code name}), a CDEvents
 * pipeline ({@code namespace} = context source, {@code name} = pipelineName) or a GitHub workflow ({@code namespace}
 * = repository full name, {@code name} = workflow path, {@code alt} = workflow name).
 */
public record JobId(String format, String namespace, String name, String alt) {

    /** One string per job, for grouping and storage. */
    public String key() {
        return format + ":" + namespace + "|" + name;
    }

    /** The job in words, for pages. */
    public String label() {
        return switch (format) {
            case "openlineage" -> namespace + "/" + name;
            case "github" -> namespace + " " + name + (alt == null || alt.isEmpty() ? "" : " (" + alt + ")");
            default -> name + " from " + namespace;
        };
    }
}
