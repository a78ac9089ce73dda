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
        String page = emptyHome(true);
        assertTrue(page.contains("No pipelines in the catalog yet: <a href=\"/register\">register one</a>"), page);
        assertFalse(page.contains("No pipeline depends on one person"), page);
    }

    /** A viewer is not sent to a form that would refuse them. */
    @Test
    void aViewerIsToldWhoRegistersPipelinesNotSentToRegister() {
        String page = emptyHome(false);
        assertTrue(page.contains("No pipelines in the catalog yet: once a catalog editor registers them"), page);
        assertFalse(page.contains("href=\"/register\""), page);
        assertFalse(page.contains("href=\"/locations\">Locations</a>, to see"), page);
    }

    private static String emptyHome(boolean editor) {
        return HomeResource.Templates.home(0, List.of(), List.of(), 0, 0, 0, List.of(), List.of(), editor)
                .render();
    }
}
