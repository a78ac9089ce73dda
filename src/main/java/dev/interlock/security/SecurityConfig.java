package dev.interlock.security;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may do what when no OpenID provider is configured ({@code interlock.security.*}). */
@ConfigMapping(prefix = "interlock.security")
public interface SecurityConfig {

    /**
     * Whether an OpenID provider signs people in. Not set by hand: it follows {@code quarkus.oidc.auth-server-url}
     * ({@link SignInModeConfigSourceFactory}). When true, local accounts are off.
     */
    @WithDefault("false")
    boolean oidc();

    /** Let anonymous people read the catalog (pages and read API); writing always needs a signed-in editor. */
    @WithDefault("false")
    boolean anonymousRead();

    /**
     * Add the demo accounts admin/admin (catalog-admin), alice/alice (catalog-editor) and bob/bob (catalog-viewer).
     * Meant for trying Interlock out; turn off in production.
     */
    @WithDefault("true")
    boolean demoAccounts();

    /**
     * Local accounts by user name: {@code interlock.security.accounts.<name>.password} and {@code .roles}. A
     * password written {@code {SHA-256}<hex>} is compared by its SHA-256 digest, anything else as plain text.
     */
    Map<String, Account> accounts();

    /** One local account. */
    interface Account {

        /** The password, plain or {@code {SHA-256}<hex digest>}. */
        String password();

        /** Roles: catalog-viewer, catalog-editor, catalog-admin. */
        @WithDefault("catalog-viewer")
        List<String> roles();
    }
}
