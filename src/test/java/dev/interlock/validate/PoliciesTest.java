package dev.interlock.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.validation.EntityPolicy;

/** The offline validator runs exactly the entity policies the server registers with. */
@QuarkusTest
class PoliciesTest {

    @Inject
    @Any
    Instance<EntityPolicy> beans;

    @Test
    void theOfflineListIsTheServersBeans() {
        Set<String> server = beans.stream()
                .map(p -> ClientProxy.unwrap(p).getClass().getName())
                .collect(Collectors.toSet());
        Set<String> offline =
                Policies.all().stream().map(p -> p.getClass().getName()).collect(Collectors.toSet());
        assertEquals(server, offline);
    }
}
