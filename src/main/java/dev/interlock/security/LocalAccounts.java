package dev.interlock.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The accounts of local mode: those from configuration, plus the demo accounts when they are on. Says loudly at
 * start which accounts are active.
 */
@ApplicationScoped
public class LocalAccounts {

    private static final Logger LOG = Logger.getLogger(LocalAccounts.class);
    private static final String SHA256 = "{SHA-256}";

    /** An account: its password as configured and its granted roles. */
    record Account(String password, List<String> roles) {
    }

    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final boolean demo;
    private final boolean oidc;

    @Inject
    public LocalAccounts(SecurityConfig config) {
        this.oidc = config.oidc();
        if (oidc) {
            // Single sign-on is configured: nobody signs in with a local account.
            this.demo = false;
            return;
        }
        if (config.demoAccounts()) {
            accounts.put("admin", new Account("admin", List.of(Roles.ADMIN)));
            accounts.put("alice", new Account("alice", List.of(Roles.EDITOR)));
            accounts.put("bob", new Account("bob", List.of(Roles.VIEWER)));
            accounts.put("ci", new Account("ci", List.of(Roles.RUN_REPORTER)));
        }
        config.accounts().forEach((name, a) -> accounts.put(name, new Account(a.password(), a.roles())));
        this.demo = config.demoAccounts();
    }

    void banner(@Observes StartupEvent event) {
        if (oidc) {
            LOG.info("Single sign-on through the configured OpenID provider; local accounts are off");
            return;
        }
        if (accounts.isEmpty()) {
            LOG.warn("No local accounts are configured and no OpenID provider: nobody can sign in. Set "
                    + "interlock.security.accounts.<name>.password and .roles");
            return;
        }
        String line = "*".repeat(78);
        LOG.warn(line);
        LOG.warnf("*  LOCAL ACCOUNTS ARE ACTIVE: %s", String.join(", ", accounts.keySet()));
        if (demo) {
            LOG.warn("*  DEMO ACCOUNTS ARE ON (admin/admin, alice/alice, bob/bob, ci/ci): anyone can sign in with them.");
            LOG.warn("*  Turn them off for real use: INTERLOCK_SECURITY_DEMO_ACCOUNTS=false");
        }
        LOG.warn(line);
    }

    /** The expanded roles of the account when the password matches. */
    public Optional<Set<String>> authenticate(String name, char[] password) {
        Account account = accounts.get(name);
        byte[] given = new String(password).getBytes(StandardCharsets.UTF_8);
        if (account == null) {
            return Optional.empty();
        }
        boolean ok;
        if (account.password().startsWith(SHA256)) {
            byte[] expected = HexFormat.of().parseHex(account.password().substring(SHA256.length()).toLowerCase());
            ok = MessageDigest.isEqual(sha256(given), expected);
        } else {
            ok = MessageDigest.isEqual(given, account.password().getBytes(StandardCharsets.UTF_8));
        }
        return ok ? Optional.of(Roles.expand(account.roles())) : Optional.empty();
    }

    /** The expanded roles of a known account (for a session cookie that was already authenticated). */
    public Optional<Set<String>> roles(String name) {
        Account account = accounts.get(name);
        return account == null ? Optional.empty() : Optional.of(Roles.expand(account.roles()));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
