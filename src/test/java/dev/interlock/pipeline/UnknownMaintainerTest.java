package dev.interlock.pipeline;

import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.component;
import static dev.interlock.support.Api.page;
import static dev.interlock.support.Api.register;
import static dev.interlock.support.Api.unique;
import static dev.interlock.support.Api.user;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * A maintainer's name that is not in the catalog (a typo, someone removed after leaving) is nobody anyone can call:
 * the pipelines filter, the pipeline's page and the person's page count the pipeline as held by the one maintainer
 * who is, until the other is registered.
 */
@QuarkusTest
class UnknownMaintainerTest {

    @Inject
    PipelineQueries pipelines;

    @Test
    void aMaintainerNotInTheCatalogDoesNotShareThePipeline() {
        String ann = unique("ann");
        String typo = ann.replace("ann", "anne");
        String name = unique("typo");
        String ref = "component:default/" + name;
        register(String.join(
                        "---\n",
                        user(ann),
                        component(name, "group:revops", """
                        pipeline:
                          family: data
                          maintainers: [user:%s, user:%s]
                          runbook: https://runbooks.example/typo
                          runsAs: service-account
                        """.formatted(ann, typo))
                                .replace("type: service", "type: pipeline")))
                .statusCode(201);

        assertTrue(heldByOne().contains(ref), "one maintainer is in the catalog");
        Element risk = page("/catalog/default/component/" + name).selectFirst("#pipeline-h ~ .risk");
        assertEquals("Single point of failure: one maintainer.", risk.text());
        as("bob")
                .get("/api/people/default/" + ann + "/dependence")
                .then()
                .statusCode(200)
                .body("soleMaintainer", contains(ref));

        register(user(typo)).statusCode(201);

        assertFalse(heldByOne().contains(ref), "both maintainers are in the catalog");
        assertNull(page("/catalog/default/component/" + name).selectFirst("#pipeline-h ~ .risk"));
        as("bob")
                .get("/api/people/default/" + ann + "/dependence")
                .then()
                .statusCode(200)
                .body("soleMaintainer", empty());
    }

    /** Every pipeline the pipelines page lists for "one maintainer or none". */
    private List<String> heldByOne() {
        return pipelines
                .page(new PipelineCriteria(null, false, "maintainer", false, "name", false), 0, Integer.MAX_VALUE)
                .refs();
    }
}
