package dev.interlock.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;
import org.mindrot.jbcrypt.BCrypt;

/**
 * The accounts of local mode: those from configuration (bcrypt hashes), plus the demo accounts when they are on
 * (hashed at start). Checking a password costs the same whether or not the account exists. Says loudly at start
 * which accounts are active.
 */
@ApplicationScoped
public class LocalAccounts {

    private static final Logger LOG = Logger.getLogger(LocalAccounts.class);
    private static final int DEMO_COST = 10;

    /** An account: its password hash and granted roles. */
    record Account(String hash, List<String> roles) {}

    private final Map<String, Account> accounts = new LinkedHashMap<>();
    /** Roles of checked name and password pairs (keyed by {@link #rememberKey}), so bcrypt runs once per period. */
    private final Cache<String, Set<String>> checked;

    private final byte[] pepper = new byte[32];
    private final String unknownAccountHash;
    private final boolean demo;

    /** Set by the command line's export and import (BackupCommand), which start the application without serving. */
    public static final String COMMAND = "interlock.command";

    private final boolean oidc;

    @Inject
    public LocalAccounts(SecurityConfig config) {
        new SecureRandom().nextBytes(pepper);
        this.checked = Caffeine.newBuilder()
                .expireAfterWrite(config.signIn().rememberChecked())
                .maximumSize(config.signIn().maxRemembered())
                .build();
        this.unknownAccountHash = BCrypt.hashpw(HexFormat.of().formatHex(pepper), BCrypt.gensalt(DEMO_COST));
        this.oidc = config.oidc();
        if (oidc) {
            // Single sign-on is configured: nobody signs in with a local account.
            this.demo = false;
            return;
        }
        if (config.demoAccounts()) {
            demo("admin", Roles.ADMIN);
            demo("alice", Roles.EDITOR);
            demo("bob", Roles.VIEWER);
            demo("ci", Roles.RUN_REPORTER);
        }
        config.accounts().forEach((name, a) -> {
            if (!isBcrypt(a.password())) {
                throw new io.quarkus.runtime.configuration.ConfigurationException(
                        "interlock.security.accounts." + name + ".password must be a bcrypt "
                                + "hash ($2a$, $2b$ or $2y$), not a plain-text password; make one with: htpasswd -nbBC 12 "
                                + name + " '<password>' | cut -d: -f2");
            }
            accounts.put(name, new Account(readableHash(a.password()), a.roles()));
        });
        this.demo = config.demoAccounts();
    }

    private void demo(String name, String role) {
        accounts.put(name, new Account(BCrypt.hashpw(name, BCrypt.gensalt(DEMO_COST)), List.of(role)));
    }

    /**
     * The hash with the prefix jBCrypt reads. {@code $2b$} and {@code $2y$} (htpasswd's) name fixes in other
     * implementations to the same algorithm; jBCrypt knows only {@code $2a$} and throws on the others.
     */
    static String readableHash(String hash) {
        return "$2a$" + hash.substring(4);
    }

    static boolean isBcrypt(String value) {
        return value != null && value.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    }

    void banner(@Observes StartupEvent event) {
        if (Boolean.getBoolean(COMMAND)) {
            // A command (export, import) takes no sign-ins: nothing to warn about.
            return;
        }
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
            LOG.warn(
                    "*  DEMO ACCOUNTS ARE ON (admin/admin, alice/alice, bob/bob, ci/ci): anyone can sign in with them.");
            LOG.warn("*  Turn them off for real use: INTERLOCK_SECURITY_DEMO_ACCOUNTS=false");
        }
        LOG.warn(line);
    }

    /**
     * The expanded roles of the account when the password matches. Blocking (bcrypt): call it off the event loop.
     */
    public Optional<Set<String>> authenticate(String name, char[] password) {
        String key = rememberKey(name, password);
        Set<String> known = checked.getIfPresent(key);
        if (known != null) {
            return Optional.of(known);
        }
        Account account = accounts.get(name);
        String given = new String(password);
        // An unknown account is checked against a hash too, so that the answer takes as long either way.
        boolean ok = BCrypt.checkpw(given, account == null ? unknownAccountHash : account.hash()) && account != null;
        if (!ok) {
            return Optional.empty();
        }
        Set<String> roles = Roles.expand(account.roles());
        checked.put(key, roles);
        return Optional.of(roles);
    }

    /** The expanded roles of a known account (for a live session). */
    public Optional<Set<String>> roles(String name) {
        Account account = accounts.get(name);
        return account == null ? Optional.empty() : Optional.of(Roles.expand(account.roles()));
    }

    /** A digest of name and password keyed with a secret of this process: the cache holds no password. */
    private String rememberKey(String name, char[] password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(pepper);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
