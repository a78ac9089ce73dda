package dev.interlock.runs.bind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.sql.Jdbc;

/**
 * The claims the runs were last bound by, kept in the database ({@code run_bindings}) so that every replica knows what
 * any replica's last rebinding pass saw: a digest of each pipeline's claiming annotations and registration time, the
 * only things {@link Bindings#claim} decides by. Called inside the caller's transaction.
 */
@ApplicationScoped
public class BoundClaims {

    @Inject
    DataSource dataSource;

    /** The digest of the claims of these pipelines: equal digests bind every job to the same pipeline. */
    public static String digest(PipelineDirectory.Snapshot snapshot) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        List<PipelineInfo> claiming = snapshot.pipelines().values().stream()
                .filter(PipelineInfo::claimsEvents)
                .sorted(Comparator.comparing(PipelineInfo::ref))
                .toList();
        for (PipelineInfo p : claiming) {
            // Each value ends with a character no annotation holds, so that two pipelines' claims cannot run together.
            for (Object part : java.util.Arrays.asList(
                    p.ref(),
                    p.registeredAt(),
                    p.openLineageJobs(),
                    p.cdeventsPipelines(),
                    p.cdeventsSource(),
                    p.githubSlug(),
                    p.githubWorkflows())) {
                // "-" for a value not given, so that it differs from any value given ("+" and the value).
                sha.update((part == null ? "-\u0000" : "+" + part + "\u0000").getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * What the last rebinding pass recorded.
     *
     * @param claims the digest of the claims it bound by; {@code ""} before the first pass, after an import and while
     *     there are no runs
     * @param settled whether every job's runs were read again after the claims last changed (see {@link Rebinder})
     */
    public record Bound(String claims, boolean settled) {}

    /** What the last rebinding pass recorded. */
    public Bound last() {
        return Jdbc.run(dataSource, "bound claims", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT claims, settled FROM run_bindings WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Bound(rs.getString(1), rs.getBoolean(2)) : new Bound("", false);
            }
        });
    }

    /**
     * Records the digest of the claims the runs are now bound by, unless the recorded one is no longer {@code before}
     * (what the pass read at its start): an import that forgot it meanwhile wins, so that the pass after it reads
     * every job's runs.
     */
    public void record(String before, String digest, boolean settled) {
        Jdbc.run(dataSource, "bound claims", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE run_bindings SET claims = ?, settled = ? WHERE id = 1 AND claims = ?")) {
                ps.setString(1, digest);
                ps.setBoolean(2, settled);
                ps.setString(3, before);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Forgets the digest: the next rebinding pass reads every job's runs (after an import wrote runs as the archive
     * had them, or while there are no runs, whose bindings no pass checked).
     */
    public void forget() {
        Jdbc.run(dataSource, "bound claims", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE run_bindings SET claims = '', settled = FALSE WHERE id = 1 AND (claims <> '' OR settled)")) {
                return ps.executeUpdate();
            }
        });
    }
}
