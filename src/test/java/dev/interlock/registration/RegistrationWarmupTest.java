package dev.interlock.registration;

import static dev.interlock.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The start-up warm-up goes through the whole registration of every common kind and stores nothing. */
@QuarkusTest
class RegistrationWarmupTest {

    @Inject
    RegistrationWarmup warmup;

    @Test
    void everyDocumentIsValidAndWouldBeCreated() {
        List<Outcome> outcomes = warmup.run();

        // A document the validator refused would leave its kind's path cold: the run would throw instead.
        assertEquals(
                List.of("created", "created", "created", "created", "created", "created", "created"),
                outcomes.stream().map(Outcome::action).toList());
        List<String> refs = outcomes.stream().map(Outcome::ref).toList();
        assertTrue(refs.contains("component:default/warmup-service"), refs::toString);
        assertTrue(refs.contains("user:default/warmup-user"), refs::toString);
    }

    @Test
    void nothingIsStored() {
        warmup.run();

        as("bob")
                .get("/api/catalog/entities/by-name/component/default/warmup-service")
                .then()
                .statusCode(404);
    }
}
