package dev.interlock.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies random keys for the encrypted cookies (OpenID Connect state) and the signature of the CSRF cookie when
 * none is configured. Quarkus would otherwise make one itself
 * and print it in the log; a key must never appear in a log. A configured
 * {@code quarkus.http.auth.session.encryption-key} (any source) takes precedence: this source has the lowest
 * ordinal.
 */
public class SessionKeyConfigSource implements ConfigSource {

    static final String KEY = "quarkus.http.auth.session.encryption-key";
    static final String CSRF_KEY = "quarkus.rest-csrf.token-signature-key";
    private static final String VALUE = randomKey();
    private static final String CSRF_VALUE = randomKey();

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(KEY, VALUE, CSRF_KEY, CSRF_VALUE);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY, CSRF_KEY);
    }

    @Override
    public String getValue(String propertyName) {
        return KEY.equals(propertyName) ? VALUE : CSRF_KEY.equals(propertyName) ? CSRF_VALUE : null;
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
