package dev.interlock.security;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Names the CSRF cookie {@code __Host-interlock-csrf} wherever cookies are marked Secure
 * ({@code interlock.security.secure-cookies=true}, i.e. served over https), and {@code interlock-csrf} otherwise. Not
 * Quarkus's default name ({@code csrf-token}): browsers still hold the signed cookies of earlier versions under it,
 * which this one would refuse with a bare 400 on every page until they expired.
 *
 * <p>Forms use the double-submit pattern: the token in the cookie must equal the one in the form. The cookie is not
 * signed, so that one token serves every page and tab for the cookie's life (a signed cookie is replaced on every page
 * Quarkus renders, which broke any form already on screen once another page or an htmx fragment was loaded). The
 * signature was not tied to the session either, so a pair taken from the public sign-in page could be planted all the
 * same. What stops planting is the {@code __Host-} prefix: browsers accept such a cookie only from this very host,
 * over https, for the whole site, so neither a sibling subdomain nor the network can set one. Over plain http (a
 * laptop) the prefix would make browsers drop the cookie, so it is used with Secure cookies only. Anything set
 * explicitly elsewhere wins: this source has a low ordinal.
 */
public class CsrfCookieConfigSourceFactory implements ConfigSourceFactory {

    static final String SECURE_COOKIES = "interlock.security.secure-cookies";
    static final String COOKIE_NAME = "quarkus.rest-csrf.cookie-name";
    /** The cookie's name over https. */
    static final String HOST_ONLY_NAME = "__Host-interlock-csrf";
    /** The cookie's name over http. */
    static final String NAME = "interlock-csrf";

    private static final int ORDINAL = 240;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue secure = context.getValue(SECURE_COOKIES);
        boolean https = secure != null
                && "true".equalsIgnoreCase(String.valueOf(secure.getValue()).trim());
        return List.of(
                new MapBackedConfigSource(
                        "interlock-csrf-cookie", Map.of(COOKIE_NAME, https ? HOST_ONLY_NAME : NAME), ORDINAL) {});
    }
}
