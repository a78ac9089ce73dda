package dev.interlock.security;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Chooses how people sign in from one fact: whether an OpenID provider is configured
 * ({@code quarkus.oidc.auth-server-url}). With one, pages use the authorization-code flow and the API bearer
 * tokens, and local accounts are off; without one, the OIDC tenant is disabled and pages use the sign-in form, the
 * API HTTP Basic. Metrics are scraped like the API. Anything set explicitly elsewhere wins: this source has a low ordinal.
 */
public class SignInModeConfigSourceFactory implements ConfigSourceFactory {

    static final String AUTH_SERVER_URL = "quarkus.oidc.auth-server-url";
    /** True when an OpenID provider is configured (read by the application). */
    public static final String OIDC = "interlock.security.oidc";

    private static final int ORDINAL = 240;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue(AUTH_SERVER_URL);
        boolean oidc = url != null && url.getValue() != null && !url.getValue().isBlank();
        Map<String, String> values = Map.of(
                "quarkus.oidc.tenant-enabled",
                String.valueOf(oidc),
                OIDC,
                String.valueOf(oidc),
                "quarkus.http.auth.permission.api.auth-mechanism",
                oidc ? "bearer" : "basic",
                "quarkus.http.auth.permission.metrics.auth-mechanism",
                oidc ? "bearer" : "basic",
                "quarkus.http.auth.permission.pages.auth-mechanism",
                oidc ? "code" : SessionAuthentication.SCHEME);
        return List.of(new MapBackedConfigSource("interlock-sign-in-mode", values, ORDINAL) {});
    }
}
