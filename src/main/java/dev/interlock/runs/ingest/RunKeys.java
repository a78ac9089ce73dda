package dev.interlock.runs.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
