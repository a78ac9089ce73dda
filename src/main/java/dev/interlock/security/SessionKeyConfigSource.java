package dev.interlock.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies a random key for the encrypted cookies (OpenID Connect state) when none is configured. Quarkus would
 * otherwise make one itself and print it in the log; a key must never appear in a log. A configured
 * {@code quarkus.http.auth.session.encryption-key} (any source) takes precedence: this source has the lowest
 * ordinal. The CSRF cookie is deliberately not signed ({@link CsrfCookieConfigSourceFactory} says why).
 */
public class SessionKeyConfigSource implements ConfigSource {

    static final String KEY = "quarkus.http.auth.session.encryption-key";
    private static final String VALUE = randomKey();

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(KEY, VALUE);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY);
    }

    @Override
    public String getValue(String propertyName) {
        return KEY.equals(propertyName) ? VALUE : null;
    }

    @Override
    public String getName() {
        return "interlock-random-session-key";
    }

    @Override
    public int getOrdinal() {
        return 1;
    }
}
