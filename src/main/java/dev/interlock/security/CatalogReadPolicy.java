package dev.interlock.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may read the catalog: anyone when {@code interlock.security.anonymous-read=true}, otherwise only signed-in
 * people with the catalog-viewer role (which editors and admins include). Anonymous requests are challenged
 * (401 for the API, the sign-in page for browsers).
 */
@ApplicationScoped
public class CatalogReadPolicy implements HttpSecurityPolicy {

    @Inject
    SecurityConfig config;

    @Override
    public Uni<CheckResult> checkPermission(
            RoutingContext request, Uni<SecurityIdentity> identity, AuthorizationRequestContext requestContext) {
        if (config.anonymousRead()) {
            return Uni.createFrom().item(CheckResult.PERMIT);
        }
        return identity.map(id -> !id.isAnonymous() && Roles.canRead(id) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    @Override
    public String name() {
        return "catalog-read";
    }
}
