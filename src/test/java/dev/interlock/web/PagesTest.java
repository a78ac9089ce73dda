package dev.interlock.web;

import static dev.interlock.support.Api.browserAs;
import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

/** The pages, read as HTML without a browser: content, escaping, fragments, permissions. */
@QuarkusTest
class PagesTest {

    private static Document page(String user, String path, int status) {
        Response r = browserAs(user).get(path);
        assertEquals(status, r.statusCode(), path + ": " + r.asString());
        return Jsoup.parse(r.asString());
    }

    @Test
    void theCatalogListsFacetsAndFilters() {
        Document doc = page("bob", "/catalog?kind=Component&type=pipeline", 200);
        assertTrue(doc.select("aside.facets h2").eachText().containsAll(List.of("Kind", "Type", "Owner", "Lifecycle")));
        Element chosen = doc.selectFirst("aside.facets a.chosen");
        assertNotNull(chosen);
        List<String> types = doc.select("table.entities tbody td:nth-child(3)").eachText();
        assertFalse(types.isEmpty());
        assertTrue(types.stream().allMatch("pipeline"::equals), types.toString());
        // The summary names the filters chosen, as the search words.
        String summary = doc.selectFirst("p.summary").text();
        assertTrue(summary.matches("\\d+ entities, Kind: \\w+, Type: pipeline"), summary);
    }

    @Test
    void orphanFalseDoesNotHideTheCatalog() {
        String all = page("bob", "/catalog?kind=Component", 200)
                .selectFirst("p.summary")
                .text();
        String notOrphans = page("bob", "/catalog?kind=Component&orphan=false", 200)
                .selectFirst("p.summary")
                .text();
        assertEquals(all, notOrphans);
        assertTrue(all.matches("[1-9][0-9,]* entities, Kind: \\w+"), all);
    }

    @Test
    void searchAnswersAFragmentToHtmx() {
        Response r = browserAs("bob")
                .header("HX-Request", "true")
                .header("HX-Target", "catalog-results")
                .get("/catalog?q=hubspot");
        assertEquals(200, r.statusCode());
        assertFalse(r.asString().contains("<html"), "a fragment, not a page");
        Document doc = Jsoup.parse(r.asString());
        assertNotNull(doc.getElementById("catalog-results"));
        assertTrue(doc.select("table.entities tbody tr").size() > 0);
    }

    @Test
    void anEntityPageShowsPipelineFactsGraphsAndUnresolvedReferences() {
        Document doc = page("bob", "/catalog/default/component/dbt-revenue-models", 200);
        assertEquals("dbt revenue models", doc.selectFirst("h1").text());
        String facts = doc.selectFirst("section.pipeline dl.facts").text();
        assertTrue(facts.contains("Data (GTM / RevOps / DataOps)"), facts);
        assertTrue(facts.contains("after fivetran-salesforce"), facts);
        assertEquals(2, doc.select("figure.graph svg").size(), "flow and neighbourhood");
        assertTrue(doc.select(".unresolved").text().contains("raw-stripe-charges"));
        assertNotNull(doc.selectFirst("a[href=/catalog/default/component/dbt-revenue-models/impact]"));
        // Its reported runs give an effective data time, which says what it means.
        String health = doc.selectFirst("section.run-health dl.facts").text();
        assertTrue(
                health.matches(".*Effective data time \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC \\(how old its data"
                        + " really is: the oldest of its own last success and those of the pipelines upstream that"
                        + " feed it\\).*"),
                health);
    }

    @Test
    void tabsLoadSourceAndHistory() {
        Document source = page("bob", "/catalog/default/component/dbt-revenue-models?tab=source", 200);
        assertTrue(source.selectFirst("pre.source").text().contains("name: dbt-revenue-models"));
        Response history = browserAs("bob")
                .header("HX-Request", "true")
                .header("HX-Target", "tab")
                .get("/catalog/default/component/dbt-revenue-models?tab=history");
        assertTrue(history.asString().trim().startsWith("<div id=\"tab\">"), history.asString());
        assertTrue(Jsoup.parse(history.asString()).text().contains("created"));
    }

    @Test
    void descriptorTextIsEscapedAndOnlyWebLinksAreLinks() {
        String name = unique("xss");
        register("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  title: "<script>alert(1)</script>"
                  description: "<img src=x onerror=alert(2)>"
                  links:
                    - {url: "javascript:alert(3)", title: evil}
                    - {url: "https://example.com/docs", title: docs}
                spec: {type: service, lifecycle: production, owner: group:payments}
                """.formatted(name)).statusCode(201);
        Response r = browserAs("bob").get("/catalog/default/component/" + name);
        String html = r.asString();
        assertFalse(html.contains("<script>alert(1)"), "title escaped");
        assertFalse(html.contains("<img src=x"), "description escaped");
        Document doc = Jsoup.parse(html);
        assertEquals("<script>alert(1)</script>", doc.selectFirst("h1").text());
        assertNull(doc.selectFirst("a[href^=javascript]"));
        assertNotNull(doc.selectFirst("a[href=https://example.com/docs]"));
    }

    /** The number of pipelines a list says it holds ("12 pipelines"). */
    private static int count(Document page) {
        return Integer.parseInt(page.selectFirst("p.summary").text().replaceAll("\\D.*", ""));
    }

    @Test
    void pipelinesPageFiltersSinglePointsOfFailure() {
        Document all = page("bob", "/pipelines", 200);
        Document spof = page("bob", "/pipelines?spof=true", 200);
        // The counts of the whole lists: a page shows 50, and other tests add pipelines of their own.
        int total = count(all);
        int filtered = count(spof);
        assertTrue(filtered > 0 && filtered < total, filtered + " of " + total);
        List<String> reasons =
                spof.select("table.pipelines tbody td:last-child").eachText();
        assertTrue(reasons.size() > 0, "the first page lists some");
        assertTrue(reasons.stream().noneMatch("none"::equals), reasons.toString());
        Document data = page("bob", "/pipelines?family=data", 200);
        assertTrue(data.select("table.pipelines tbody td:nth-child(2)").eachText().stream()
                .allMatch("Data"::equals));
    }

    @Test
    void impactListsDownstreamWithOwners() {
        Document doc = page("bob", "/catalog/default/resource/sfdc-opportunity/impact", 200);
        String text = doc.text();
        assertTrue(text.contains("Fivetran"), text);
        assertTrue(doc.select("#notify-h + ul li").size() > 0);
    }

    @Test
    void theStartPageShowsCountsRiskAndChanges() {
        Document doc = page("bob", "/", 200);
        assertTrue(doc.select(".cards .card").size() >= 4);
        assertTrue(doc.select("#risk-h ~ .table-wrap > table tbody tr").size() > 0);
        assertTrue(doc.select("ul.recent li").size() > 0);
    }

    /** An entity created and then deleted is still in the recent changes, twice, but neither entry links to it. */
    @Test
    void theStartPageLinksOnlyRecentChangesOfEntitiesStillInTheCatalog() {
        String gone = unique("gone");
        String kept = unique("kept");
        register(component(gone, "group:revops", null)).statusCode(201);
        register(component(kept, "group:revops", null)).statusCode(201);
        String uid = dev.interlock.support.Api.as("bob")
                .get("/api/catalog/entities/by-name/component/default/" + gone)
                .then()
                .extract()
                .path("metadata.uid");
        dev.interlock.support.Api.as("alice")
                .delete("/api/catalog/entities/by-uid/" + uid)
                .then()
                .statusCode(204);
        Document doc = page("bob", "/", 200);
        List<String> entries = doc.select("ul.recent li").eachText();
        assertEquals(2, entries.stream().filter(t -> t.startsWith(gone + " ")).count(), entries.toString());
        assertTrue(
                doc.select("ul.recent a[href$=/" + gone + "]").isEmpty(),
                doc.select("ul.recent").html());
        assertEquals(
                1,
                doc.select("ul.recent a[href$=/" + kept + "]").size(),
                doc.select("ul.recent").html());
    }

    @Test
    void onlyEditorsMayRegisterAndFormsNeedTheirToken() {
        Document forbidden = page("bob", "/register", 403);
        assertTrue(forbidden.selectFirst("h1").text().contains("not allowed"));
        Document form = page("alice", "/register", 200);
        assertNotNull(form.selectFirst("form[action=/register/preview] input[name=csrf-token]"));
        browserAs("alice")
                .multiPart("yaml", "kind: Component")
                .post("/register/preview")
                .then()
                .statusCode(400);
    }

    @Test
    void anUploadThatIsNotTextIsRefusedWithAPage() throws Exception {
        Response form = browserAs("alice").get("/register");
        String token = Jsoup.parse(form.asString())
                .selectFirst("input[name=csrf-token]")
                .val();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("binary", ".yaml");
        java.nio.file.Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3, 0x28});
        Response r = browserAs("alice")
                .cookie("interlock-csrf", form.getCookie("interlock-csrf"))
                .multiPart("csrf-token", token)
                .multiPart("file", file.toFile())
                .post("/register/preview");
        assertEquals(400, r.statusCode());
        assertTrue(Jsoup.parse(r.asString()).text().contains("not UTF-8"), r.asString());
    }

    @Test
    void previewShowsEachErrorUnderItsLineAndStoresNothing() {
        var session = browserAs("alice");
        Response form = session.get("/register");
        String token = Jsoup.parse(form.asString())
                .selectFirst("input[name=csrf-token]")
                .val();
        String name = unique("prev");
        String yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: bad name\n"
                + "spec: {type: service, lifecycle: production, owner: group:x}\n---\n"
                + dev.interlock.support.Api.component(name, "group:x", null);
        Response preview = browserAs("alice")
                .cookie("interlock-csrf", form.getCookie("interlock-csrf"))
                .multiPart("csrf-token", token)
                .multiPart("yaml", yaml)
                .post("/register/preview");
        assertEquals(400, preview.statusCode(), preview.asString());
        Document doc = Jsoup.parse(preview.asString());
        Element line4 = doc.getElementById("line-4");
        assertTrue(line4.hasClass("bad"));
        assertTrue(line4.selectFirst(".msg").text().contains("\"metadata.name\" is not valid"));
        assertNull(doc.selectFirst("form[action=/register]"), "no confirm button while there are errors");
        browserAs("bob").get("/catalog/default/component/" + name).then().statusCode(404);
    }
    /** Previews a YAML text as alice and returns the confirm form's fields (its CSRF cookie and token included). */
    private static Map<String, String> previewAsAlice(String yaml) {
        Response form = browserAs("alice").get("/register");
        String cookie = form.getCookie("interlock-csrf");
        Response preview = browserAs("alice")
                .cookie("interlock-csrf", cookie)
                .multiPart(
                        "csrf-token",
                        Jsoup.parse(form.asString())
                                .selectFirst("input[name=csrf-token]")
                                .val())
                .multiPart("yaml", yaml)
                .post("/register/preview");
        assertEquals(200, preview.statusCode(), preview.asString());
        Element confirm = Jsoup.parse(preview.asString()).selectFirst("form[action=/register]");
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("cookie", cookie);
        confirm.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.val()));
        fields.put("yaml", confirm.selectFirst("textarea[name=yaml]").text());
        return fields;
    }

    private static Response confirm(Map<String, String> fields) {
        var request = browserAs("alice").cookie("interlock-csrf", fields.get("cookie"));
        fields.forEach((k, v) -> {
            if (!k.equals("cookie")) {
                request.multiPart(k, v);
            }
        });
        return request.post("/register");
    }

    /** A change stored between alice's preview and her confirmation is not overwritten unseen. */
    @Test
    void confirmingAPreviewDoesNotOverwriteAChangeMadeSince() {
        String name = unique("since");
        register(dev.interlock.support.Api.component(name, "group:revops", null))
                .statusCode(201);
        Map<String, String> fields = previewAsAlice(
                dev.interlock.support.Api.component(name, "group:revops", null).replace("production", "experimental"));
        dev.interlock.support.Api.registerAs(
                        "admin",
                        dev.interlock.support.Api.component(name, "group:revops", null)
                                .replace("production", "deprecated"))
                .statusCode(201);
        Response refused = confirm(fields);
        assertEquals(400, refused.statusCode(), refused.asString());
        assertTrue(
                Jsoup.parse(refused.asString())
                        .text()
                        .contains("component:default/" + name + " was changed by admin after your preview"),
                refused.asString());
        String stored = "/api/catalog/entities/by-name/component/default/" + name;
        dev.interlock.support.Api.as("bob").get(stored).then().body("spec.lifecycle", equalTo("deprecated"));
        // Previewed again, it is stored.
        assertEquals(303, confirm(previewAsAlice(fields.get("yaml"))).statusCode());
        dev.interlock.support.Api.as("bob").get(stored).then().body("spec.lifecycle", equalTo("experimental"));
        // One that someone registered after the preview showed it as new.
        String fresh = unique("fresh");
        Map<String, String> create = previewAsAlice(dev.interlock.support.Api.component(fresh, "group:revops", null));
        dev.interlock.support.Api.registerAs(
                        "admin", dev.interlock.support.Api.component(fresh, "group:growth-marketing", null))
                .statusCode(201);
        Response again = confirm(create);
        assertEquals(400, again.statusCode());
        assertTrue(Jsoup.parse(again.asString()).text().contains("was registered by admin after your preview"));
        // Registered by one person and changed since by another: it names who registered it.
        String handed = unique("handed");
        Map<String, String> handedPreview =
                previewAsAlice(dev.interlock.support.Api.component(handed, "group:revops", null));
        dev.interlock.support.Api.registerAs("admin", dev.interlock.support.Api.component(handed, "group:revops", null))
                .statusCode(201);
        dev.interlock.support.Api.registerAs(
                        "alice",
                        dev.interlock.support.Api.component(handed, "group:revops", null)
                                .replace("production", "deprecated"))
                .statusCode(201);
        Response handedRefused = confirm(handedPreview);
        assertEquals(400, handedRefused.statusCode());
        assertTrue(
                Jsoup.parse(handedRefused.asString())
                        .text()
                        .contains("component:default/" + handed + " was registered by admin after your preview"),
                handedRefused.asString());
        // The same preview confirmed twice (a double submit): the second names her, not "someone else".
        String twice = unique("twice");
        Map<String, String> once = previewAsAlice(dev.interlock.support.Api.component(twice, "group:revops", null));
        assertEquals(303, confirm(once).statusCode());
        Response second = confirm(once);
        assertEquals(400, second.statusCode());
        assertTrue(
                Jsoup.parse(second.asString())
                        .text()
                        .contains("component:default/" + twice + " was registered by alice after your preview"),
                second.asString());
        dev.interlock.support.Api.as("bob")
                .get("/api/catalog/entities/by-name/component/default/" + fresh)
                .then()
                .body("spec.owner", equalTo("group:growth-marketing"));
        // One that someone deleted after the preview showed it.
        Map<String, String> update = previewAsAlice(fields.get("yaml").replace("experimental", "production"));
        String uid =
                dev.interlock.support.Api.as("bob").get(stored).then().extract().path("metadata.uid");
        dev.interlock.support.Api.as("admin")
                .delete("/api/catalog/entities/by-uid/" + uid)
                .then()
                .statusCode(204);
        Response gone = confirm(update);
        assertEquals(400, gone.statusCode());
        assertTrue(Jsoup.parse(gone.asString()).text().contains(name + " was deleted after your preview"));
        dev.interlock.support.Api.as("bob").get(stored).then().statusCode(404);
    }
    /**
     * The catalog table shows each entity's level on the headline scorecard and sorts by it: no level first (most at
     * risk), then bronze, silver, gold; entities it does not score (a group) last in either direction.
     */
    @Test
    void theCatalogSortsByTheHeadlineLevel() {
        List<String> order = List.of("no level", "bronze", "silver", "gold");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertFalse(page("bob", "/catalog?kind=Component&type=pipeline&size=100", 200)
                        .select("table.entities tbody td .level")
                        .isEmpty()));
        for (String dir : List.of("asc", "desc")) {
            // Scoring runs in the background (other tests leave work queued): an entity scored between the page's
            // query and its levels' read shows out of place until it settles.
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .untilAsserted(() -> levelOrderHolds(dir, order));
        }
    }

    private static void levelOrderHolds(String dir, List<String> order) {
        String view = "/catalog?sort=level&dir=" + dir + "&size=100&kind=Component&kind=Group";
        Document doc = page("bob", view, 200);
        assertEquals(
                "Survivability level",
                doc.select("table.entities th[aria-sort] a")
                        .text()
                        .replaceAll("[▲▼]", "")
                        .trim());
        List<Integer> ranks = new java.util.ArrayList<>();
        boolean unscored = false;
        for (Element row : doc.select("table.entities tbody tr")) {
            Element level = row.selectFirst("td .level");
            if (level == null) {
                unscored = true;
                continue;
            }
            assertFalse(unscored, "a scored entity after an unscored one: " + row.text());
            ranks.add(order.indexOf(level.text()));
        }
        assertTrue(ranks.size() > 5 && !ranks.contains(-1), ranks.toString());
        List<Integer> sorted = new java.util.ArrayList<>(ranks);
        sorted.sort(dir.equals("asc") ? java.util.Comparator.naturalOrder() : java.util.Comparator.reverseOrder());
        assertEquals(sorted, ranks);
        // Other tests' pipelines (no level) may fill the first page; the last one ends with what is not scored.
        String pages = doc.selectFirst("nav.pager span").text().replaceAll(".* of ", "");
        Elements last = page("bob", view + "&page=" + pages, 200).select("table.entities tbody tr");
        assertNull(last.get(last.size() - 1).selectFirst("td .level"), "a group, unscored, comes last");
        if (dir.equals("desc")) {
            assertTrue(new java.util.HashSet<>(ranks).size() > 1, ranks.toString());
        }
    }
}
