package dev.interlock.registration;

import static dev.interlock.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.interlock.catalog.CatalogVersion;

/**
 * The start-up warm-up goes through the whole registration of every common kind, then stores copies of it and rolls
 * them back: nothing is stored, counted or announced.
 */
@QuarkusTest
class RegistrationWarmupTest {

    @Inject
    RegistrationWarmup warmup;

    @Inject
    MeterRegistry metrics;

    @Inject
    CatalogVersion catalogVersion;

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

    @Test
    void theRehearsalStoresNothingAndCountsNothing() {
        double created = metrics.counter("interlock.registration.entities", "action", "created")
                .count();
        long version = catalogVersion.current();

        assertEquals(70, warmup.rehearse(75));

        as("bob")
                .get("/api/catalog/entities/by-name/component/default/warmup-0-service")
                .then()
                .statusCode(404);
        as("bob")
                .get("/api/catalog/entities/by-name/user/default/warmup-9-user")
                .then()
                .statusCode(404);
        assertEquals(
                created,
                metrics.counter("interlock.registration.entities", "action", "created")
                        .count());
        assertEquals(version, catalogVersion.current());
    }

    @Test
    void noCopyNoRehearsal() {
        assertEquals(0, warmup.rehearse(RegistrationWarmup.BODY_DOCUMENTS - 1));
    }
}
