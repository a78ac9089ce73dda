package dev.interlock.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A catalog without pipelines is not an all-clear: the start page says there is nothing to judge yet. */
@QuarkusTest
class EmptyCatalogHomeTest {

    @Test
    void noPipelinesIsNotNoRisk() {
        String page = HomeResource.Templates.home(0, List.of(), List.of(), 0, 0, 0, List.of(), List.of())
                .render();
        assertTrue(page.contains("No pipelines in the catalog yet"), page);
        assertFalse(page.contains("No pipeline depends on one person"), page);
    }
}
