package dev.interlock.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.sql.Jdbc;

/**
 * Server-side sign-in sessions (local mode). A session ends when its person signs out, when it has been idle longer
 * than {@code interlock.security.session-idle-timeout}, and in any case {@code interlock.security.session-lifetime}
 * after sign-in. Sessions live in the database, so any replica honours them and a sign-out everywhere.
 */
@ApplicationScoped
public class SessionStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    DataSource dataSource;

    @Inject
    SecurityConfig config;

    /** Starts a session for an account; returns the token for its cookie. */
    public String create(String account) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Instant.now();
        Jdbc.run(dataSource, "session start", c -> {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM sign_in_sessions WHERE expires_at < ?");
                    PreparedStatement ps = c.prepareStatement("INSERT INTO sign_in_sessions (token_hash, account,"
                            + " created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                purge.setTimestamp(1, Timestamp.from(now));
                purge.executeUpdate();
                ps.setString(1, hash(token));
                ps.setString(2, account);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setTimestamp(5, Timestamp.from(now.plus(config.sessionLifetime())));
                return ps.executeUpdate();
            }
        });
        return token;
    }

    /** The account of a live session, or empty when the token is unknown, signed out, idle too long or expired. */
    public Optional<String> account(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String hash = hash(token);
        Instant now = Instant.now();
        return Jdbc.run(dataSource, "session lookup", c -> {
            String account;
            Instant lastSeen;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT account, last_seen_at, expires_at" + " FROM sign_in_sessions WHERE token_hash = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    account = rs.getString(1);
                    lastSeen = rs.getTimestamp(2).toInstant();
                    if (rs.getTimestamp(3).toInstant().isBefore(now)
                            || lastSeen.plus(config.sessionIdleTimeout()).isBefore(now)) {
                        return Optional.empty();
                    }
                }
            }
            if (lastSeen.plus(config.sessionTouchInterval()).isBefore(now)) {
                try (PreparedStatement ps =
                        c.prepareStatement("UPDATE sign_in_sessions SET last_seen_at = ? WHERE token_hash = ?")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, hash);
                    ps.executeUpdate();
                }
            }
            return Optional.of(account);
        });
    }

    /** Ends a session (signing out); an unknown token is ignored. */
    public void end(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return;
        }
        Jdbc.run(dataSource, "session end", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sign_in_sessions WHERE token_hash = ?")) {
                ps.setString(1, hash(token));
                return ps.executeUpdate();
            }
        });
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
