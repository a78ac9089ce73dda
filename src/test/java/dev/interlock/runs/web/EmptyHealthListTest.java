package dev.interlock.runs.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The health list with filters that match no pipeline says so, instead of showing a table of headers alone. */
@QuarkusTest
class EmptyHealthListTest {

    @Test
    void filtersThatMatchNothingSaySo() {
        String page = RunsPages.Templates.overview(
                        List.of(new RunsPages.StatusLink("failing", "failing", "/runs?status=failing", true, 0)),
                        HealthFilter.of("failing", "delivery", null, null),
                        List.of(),
                        List.of())
                .render();
        assertTrue(page.contains("No pipeline has this health now."), page);
        assertFalse(page.contains("<table"), page);
    }
}
