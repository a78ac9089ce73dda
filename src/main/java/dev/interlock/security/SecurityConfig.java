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
     * With single sign-on: the token claim listing the person's teams (e.g. {@code groups} from Keycloak's "Group
     * Membership" mapper). Each value (a name, or a group path whose last segment is the name) counts as membership
     * of the catalog Group of that name in the default namespace. Unset (the default), only the catalog's own
     * memberships count: set it only when the provider, not the person, controls that claim.
     */
    java.util.Optional<String> groupsClaim();

    /**
     * Add the demo accounts admin/admin (catalog-admin), alice/alice (catalog-editor) and bob/bob (catalog-viewer).
     * Meant for trying Interlock out; turn off in production.
     */
    @WithDefault("true")
    boolean demoAccounts();

    /** Longest a local sign-in session lasts, however active (then the person signs in again). */
    @WithDefault("PT12H")
    java.time.Duration sessionLifetime();

    /** A local sign-in session ends after this long without a request. */
    @WithDefault("PT2H")
    java.time.Duration sessionIdleTimeout();

    /** How often a session's last-seen time is written (not on every request): the precision of the idle timeout. */
    @WithDefault("PT1M")
    java.time.Duration sessionTouchInterval();

    /**
     * Mark cookies {@code Secure} (sent over https only). Turn on wherever Interlock is served over https (it is in
     * {@code deploy/}); the demo runs on plain http, so it is off by default.
     */
    @WithDefault("false")
    boolean secureCookies();

    /** Throttling of failed sign-ins (form and HTTP Basic). */
    SignIn signIn();

    /** Throttling of failed sign-ins. */
    interface SignIn {

        /** Failed attempts for one account within the window before attempts for it are refused. */
        @WithDefault("5")
        int maxFailuresPerAccount();

        /** Failed attempts from one address within the window before its attempts are refused. */
        @WithDefault("20")
        int maxFailuresPerAddress();

        /** The window over which failures are counted; refusals last until it ends. */
        @WithDefault("PT15M")
        java.time.Duration window();

        /** Most accounts and addresses whose failures are counted at once (a flood of names cannot fill memory). */
        @WithDefault("100000")
        int maxTracked();

        /**
         * Scripts send HTTP Basic on every call: a checked account name and password is remembered this long, so
         * bcrypt runs once per period, not once per call.
         */
        @WithDefault("PT5M")
        java.time.Duration rememberChecked();

        /** Most checked name and password pairs remembered at once. */
        @WithDefault("10000")
        int maxRemembered();
    }

    /**
     * Local accounts by user name: {@code interlock.security.accounts.<name>.password} and {@code .roles}. The
     * password is a bcrypt hash ({@code $2a$}/{@code $2b$}/{@code $2y$}, e.g. from {@code htpasswd -nbBC 12 name
     * secret}); plain-text passwords are refused at start.
     */
    Map<String, Account> accounts();

    /** One local account. */
    interface Account {

        /** The password's bcrypt hash. */
        String password();

        /** Roles: catalog-viewer, catalog-editor, catalog-admin. */
        @WithDefault("catalog-viewer")
        List<String> roles();
    }
}
