package dev.interlock.web;

import static dev.interlock.support.Api.page;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import dev.interlock.catalog.ImpactAnalysis;
import dev.interlock.descriptor.EntityRef;

/** The impact page one can act on: contacts and on-call per owner, a notify list, production, SPOF and loop marks. */
@QuarkusTest
class ImpactPageTest {

    @Inject
    ImpactAnalysis analysis;

    /** a → p → b → q → a (a loop), and b → r → c beside it. */
    private static String loop(String s) {
        String team = "team-" + s;
        return String.join(
                "---\n",
                """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: %s}
                spec: {type: team, children: [], profile: {email: %s@example.com}}
                """.formatted(team, team),
                // Its maintainers are in the catalog: a name that is not would count as nobody.
                person("x-" + s),
                person("y-" + s),
                res("a-" + s, team),
                res("b-" + s, team),
                res("c-" + s, team),
                pipe(
                        "p-" + s,
                        team,
                        "production",
                        "a-" + s,
                        "b-" + s,
                        "maintainers: [user:x-" + s + "]\n    oncall: https://oncall.example/p\n"),
                pipe(
                        "q-" + s,
                        team,
                        "experimental",
                        "b-" + s,
                        "a-" + s,
                        "maintainers: [user:x-" + s + ", user:y-" + s + "]\n    runbook: https://runbook.example/q\n"),
                pipe(
                        "r-" + s,
                        team,
                        "experimental",
                        "b-" + s,
                        "c-" + s,
                        "maintainers: [user:x-" + s + ", user:y-" + s + "]\n    runbook: https://runbook.example/r\n"));
    }

    private static String person(String name) {
        return "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: %s}\nspec: {memberOf: []}\n"
                .formatted(name);
    }

    private static String res(String name, String team) {
        return "apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: {name: %s}\nspec: {type: dataset, owner: group:%s}\n"
                .formatted(name, team);
    }

    private static String pipe(String name, String team, String lifecycle, String in, String out, String more) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: %s}
                spec:
                  type: pipeline
                  lifecycle: %s
                  owner: group:%s
                  pipeline:
                    runsAs: service-account
                    inputs: [resource:%s]
                    outputs: [resource:%s]
                    %s""".formatted(name, lifecycle, team, in, out, more);
    }

    @Test
    void theStartsOwnUpstreamReachedThroughALoopIsMarked() {
        String s = unique("loop");
        register(loop(s)).statusCode(201);
        EntityRef a = EntityRef.ofCanonical("resource:default/a-" + s);
        ImpactAnalysis.Impact impact = analysis.downstream(a, 100);
        Set<String> loops =
                analysis
                        .loopingBack(
                                a,
                                impact.items().stream()
                                        .map(ImpactAnalysis.Impacted::ref)
                                        .toList())
                        .stream()
                        .map(EntityRef::name)
                        .collect(Collectors.toSet());
        assertEquals(Set.of("p-" + s, "b-" + s, "q-" + s), loops);

        Document doc = page("/catalog/default/resource/a-" + s + "/impact");
        assertTrue(doc.selectFirst("p.loop-note").text().startsWith("3 of them are also upstream"), doc.text());
        Element p = row(doc, "p-" + s);
        assertNotNull(p.selectFirst(".badge.loop"));
        assertNotNull(p.selectFirst(".badge.lifecycle-production"));
        assertNotNull(p.selectFirst(".badge.spof"));
        Element r = row(doc, "r-" + s);
        assertEquals(null, r.selectFirst(".badge.loop"));
        assertEquals(null, r.selectFirst(".badge.spof"));
        Element owner = doc.selectFirst("ul.notify li");
        assertTrue(owner.text().contains("team-" + s + "@example.com"), owner.text());
        assertNotNull(owner.selectFirst("a[href=https://oncall.example/p]"), owner.html());
        assertEquals(
                "team-" + s + "@example.com",
                doc.selectFirst("textarea#notify-list").text());
    }

    @Test
    void theExampleImpactPageHasANotifyListToCopy() {
        Document doc = page("/catalog/default/resource/sfdc-opportunity/impact");
        String list = doc.selectFirst("textarea#notify-list").text();
        assertTrue(list.contains("@northwind.example"), list);
        assertTrue(doc.select("#notify-h + ul li").size() > 0);
    }

    private static Element row(Document doc, String name) {
        return doc.select("table tbody tr").stream()
                .filter(tr -> tr.select("td:nth-child(2)").text().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + doc.text()));
    }
}
