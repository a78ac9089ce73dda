package dev.interlock.runs.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.interlock.descriptor.EntityRef;

/** The health overview's addresses: each link changes one filter, keeps the others, and starts at the first page. */
class HealthFilterTest {

    private final HealthFilter filter = HealthFilter.of(
            "late, failing,nonsense", "data", EntityRef.parse("group:sales/north", "group", "default"), "true", "3");

    @Test
    void statusesAreKeptInTheirOrderAndWordsThatAreNoneLeftOut() {
        assertEquals("failing,late", filter.statusParam());
        assertEquals(3, filter.page());
    }

    @Test
    void eachLinkKeepsTheOtherFiltersAndStartsAgainAtTheFirstPage() {
        String team = "team=group%3Asales%2Fnorth";
        assertEquals("/runs?status=failing,late&family=data&" + team + "&production=true&page=4", filter.atPage(4));
        assertEquals("/runs?status=failing,late&family=data&" + team + "&production=true", filter.atPage(1));
        assertEquals("/runs?status=degraded&family=data&" + team + "&production=true", filter.onlyStatus("degraded"));
        assertEquals("/runs?family=data&" + team + "&production=true", filter.allStatuses());
        assertEquals("/runs?status=failing,late&" + team + "&production=true", filter.onlyFamily(null));
        assertEquals("/runs?status=failing,late&family=data&" + team, filter.toggleProduction());
    }

    @Test
    void aPageThatIsNoNumberOrBelowOneIsTheFirst() {
        for (String page : new String[] {null, "", "x", "0", "-2", "99999999999"}) {
            assertEquals(1, HealthFilter.of(null, null, null, null, page).page(), page);
        }
        assertEquals(
                "/runs?page=2", HealthFilter.of(null, null, null, null, null).atPage(2));
    }
}
