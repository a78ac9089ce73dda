package dev.interlock.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.Optional;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.junit.jupiter.api.Test;

/** Who {@link Ownership} says is acting, for a principal that is no token. */
class OwnershipActorTest {

    private static Actor actorOf(String name, boolean oidc) {
        Ownership ownership = new Ownership();
        ownership.identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRole(Roles.EDITOR)
                .build();
        ownership.config = (SecurityConfig) Proxy.newProxyInstance(
                SecurityConfig.class.getClassLoader(),
                new Class<?>[] {SecurityConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "oidc" -> oidc;
                    case "groupsClaim" -> Optional.of("groups");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return ownership.actor();
    }

    /**
     * With single sign-on a principal that is no token (as the provider's introspection of an opaque token makes) is
     * known by its name only, which the provider may let people choose: a name that looks like someone's address is
     * no address the provider verified.
     */
    @Test
    void withSingleSignOnANameThatLooksLikeAnAddressIsNoVerifiedOne() {
        assertEquals(Optional.empty(), actorOf("dana@northwind.example", true).verifiedEmail());
    }

    /** A local account is named by whoever configures the server: its name counts as its address. */
    @Test
    void aLocalAccountNamedLikeAnAddressHasThatAddress() {
        assertEquals(
                Optional.of("dana@northwind.example"),
                actorOf("dana@northwind.example", false).verifiedEmail());
    }
}
