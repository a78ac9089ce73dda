package dev.interlock.runs.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;

class RestorerTest {

    /** Restorers read as the pipeline page's maintainers do: by name, linked when the catalog holds them. */
    @Test
    void aRestorerIsNamedAndLinkedWhenTheCatalogHoldsThem() {
        Set<String> existing = Set.of("user:default/carol", "component:default/release-bot");
        assertEquals(
                new HealthView.Restorer("carol", "/catalog/default/user/carol"),
                HealthView.Restorer.of("user:carol", existing));
        assertEquals(
                new HealthView.Restorer("carol", "/catalog/default/user/carol"),
                HealthView.Restorer.of("Carol", existing));
        // A service account's component says what it is.
        assertEquals(
                new HealthView.Restorer("release-bot (component)", "/catalog/default/component/release-bot"),
                HealthView.Restorer.of("component:release-bot", existing));
        // Not in the catalog: named, not linked to a page that would not be there.
        assertEquals(new HealthView.Restorer("raj", null), HealthView.Restorer.of("user:default/raj", existing));
        // A name that is no reference stays as the source wrote it.
        assertEquals(new HealthView.Restorer("a:b:c", null), HealthView.Restorer.of("a:b:c", existing));
    }
}
