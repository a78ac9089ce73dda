package dev.interlock.runs.ingest;

/**
 * Qualified run keys: a run id seen from a second source (or for a job a second pipeline claims) keeps the id its
 * platform gave it, followed by {@code @} and a short digest of that source (or job), so that the key stays within
 * its column however long the source's name is.
 */
final class RunKeys {

    private RunKeys() {}

    /** The key of a run id within the source (OpenLineage namespace, CDEvents source, GitHub repository) of a job. */
    static String ofSource(String runId, JobId job) {
        return runId + "@" + digest("source|" + job.format() + "|" + job.namespace());
    }

    /** The key of a run id within one job. */
    static String ofJob(String runId, JobId job) {
        return runId + "@" + digest("job|" + job.key());
    }

    private static String digest(String text) {
        return Fields.digest(text).substring(0, 12);
    }
}
