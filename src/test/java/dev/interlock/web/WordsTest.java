package dev.interlock.web;

import static dev.interlock.support.Api.page;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Words and search: people found by display name and e-mail, a page past the end, "no level" in words. */
@QuarkusTest
class WordsTest {

    @Test
    void onlyPlainAddressesBecomeMailLinks() {
        assertTrue(PipelineWords.isMailAddress("diego@northwind.example"));
        for (String not : List.of("x@x.com?cc=a@b.c", "a b@c.d", "javascript:x@y", "x@y&body=z", "nobody", "@x")) {
            assertTrue(!PipelineWords.isMailAddress(not), not);
        }
    }

    @Test
    void searchFindsPeopleByDisplayNameAndEmail() {
        for (String q : List.of("Ramírez", "diego@northwind")) {
            List<String> names = page("/catalog?q=" + q)
                    .select("table.entities tbody td:first-child > a")
                    .eachText();
            assertTrue(names.contains("diego"), q + ": " + names);
        }
    }

    @Test
    void aPagePastTheEndSaysSo() {
        Document doc = page("/catalog?page=999");
        assertTrue(
                doc.selectFirst("p.summary").text().contains("past the last page"),
                doc.selectFirst("p.summary").text());
        assertTrue(doc.selectFirst("p.empty a").attr("href").contains("page="));
    }

    @Test
    void noLevelAndNoSinglePointOfFailureAreNeverBothNone() {
        Document doc = page("/pipelines");
        assertTrue(doc.select("table.pipelines tbody td").eachText().stream().noneMatch("none"::equals));
    }
}
