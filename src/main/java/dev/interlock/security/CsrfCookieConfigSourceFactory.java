package dev.interlock.security;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Names the CSRF cookie {@code __Host-csrf-token} wherever cookies are marked Secure
 * ({@code interlock.security.secure-cookies=true}, i.e. served over https).
 *
 * <p>Forms use the double-submit pattern: the token in the cookie must equal the one in the form. The cookie is not
 * signed, so that one token serves every page and tab for the cookie's life (a signed cookie is replaced on every page
 * Quarkus renders, which broke any form already on screen once another page or an htmx fragment was loaded). What a
 * signature would add, refusing a pair an attacker made up and planted from a sibling subdomain, the {@code __Host-}
 * prefix gives more fully: browsers accept such a cookie only from this very host, over https, for the whole site.
 * Over plain http (a laptop) the prefix would make browsers drop the cookie, so it is used with Secure cookies only.
 * The session cookie is {@code SameSite=Strict} besides. Anything set explicitly elsewhere wins: this source has a
 * low ordinal.
 */
public class CsrfCookieConfigSourceFactory implements ConfigSourceFactory {

    static final String SECURE_COOKIES = "interlock.security.secure-cookies";
    static final String COOKIE_NAME = "quarkus.rest-csrf.cookie-name";
    /** The cookie's name over https. */
    static final String HOST_ONLY_NAME = "__Host-csrf-token";

    private static final int ORDINAL = 240;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue secure = context.getValue(SECURE_COOKIES);
        if (secure == null
                || !"true".equalsIgnoreCase(String.valueOf(secure.getValue()).trim())) {
            return List.of();
        }
        return List.of(
                new MapBackedConfigSource("interlock-csrf-cookie", Map.of(COOKIE_NAME, HOST_ONLY_NAME), ORDINAL) {});
    }
}
