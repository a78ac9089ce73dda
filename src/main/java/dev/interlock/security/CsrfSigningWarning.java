package dev.interlock.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Warns at start when a deployment still sets the CSRF signing key that earlier versions asked for: Quarkus then signs
 * the cookie and replaces it on every page, and a form already open fails once another page or tab is opened
 * ({@link CsrfCookieConfigSourceFactory} says why the cookie is not signed).
 */
@ApplicationScoped
class CsrfSigningWarning {

    private static final Logger LOG = Logger.getLogger(CsrfSigningWarning.class);

    @ConfigProperty(name = "quarkus.rest-csrf.token-signature-key")
    Optional<String> signingKey;

    void onStart(@Observes StartupEvent event) {
        if (signingKey.filter(k -> !k.isBlank()).isPresent()) {
            LOG.warn("quarkus.rest-csrf.token-signature-key (QUARKUS_REST_CSRF_TOKEN_SIGNATURE_KEY) is set: forms"
                    + " then fail once another page or tab is opened. Remove it; nothing replaces it (README,"
                    + " \"Security model\").");
        }
    }
}
