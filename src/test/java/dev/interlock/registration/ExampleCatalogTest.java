package dev.interlock.registration;

import static dev.interlock.support.Api.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The example catalog is registered at start: a company whose platform and RevOps teams both run pipelines. */
@QuarkusTest
class ExampleCatalogTest {

    private static final String EXAMPLES = "metadata.annotations.backstage.io/managed-by-origin-location";

    @Test
    void bothFamiliesOfPipelinesAreThere() {
        as("bob")
                .get("/api/catalog/entities/by-query?filter=spec.type=pipeline,spec.pipeline.family=delivery")
                .then()
                .body("totalItems", greaterThanOrEqualTo(5));
        as("bob")
                .get("/api/catalog/entities/by-query?filter=spec.type=pipeline,spec.pipeline.family=data")
                .then()
                .body("totalItems", greaterThanOrEqualTo(5));
    }

    @Test
    void everyCoreKindIsThere() {
        as("bob")
                .get("/api/catalog/entity-facets?facet=kind&filter=" + EXAMPLES)
                .then()
                .statusCode(200)
                .body(
                        "facets.kind.value",
                        hasItems("Group", "User", "Domain", "System", "Component", "API", "Resource"));
    }

    @Test
    void lineageRunsFromSalesforceThroughTheWarehouseBackToTheCrm() {
        // Fivetran reads Salesforce objects and writes raw tables that dbt reads.
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/fivetran-salesforce")
                .then()
                .statusCode(200)
                .body(
                        "relations.findAll { it.type == 'readsFrom' }.targetRef",
                        hasItem("resource:default/sfdc-opportunity"))
                .body(
                        "relations.findAll { it.type == 'writesTo' }.targetRef",
                        hasItem("resource:default/raw-salesforce-opportunity"));
        as("bob")
                .get("/api/catalog/entities/by-name/resource/default/raw-salesforce-opportunity")
                .then()
                .body(
                        "relations.findAll { it.type == 'readBy' }.targetRef",
                        hasItem("component:default/dbt-revenue-models"));
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/dbt-revenue-models")
                .then()
                .body(
                        "relations.findAll { it.type == 'dependsOn' }.targetRef",
                        hasItem("component:default/fivetran-salesforce"));
    }

    @Test
    void someGroupsHaveMembersAndTheLocationsAreListed() {
        as("bob")
                .get("/api/catalog/entities/by-name/group/default/revops")
                .then()
                .body("relations.findAll { it.type == 'hasMember' }.targetRef", hasItem("user:default/alice"));
        as("bob")
                .get("/api/catalog/locations")
                .then()
                .statusCode(200)
                .body("data.type", hasItem("file"))
                .body("data.target", hasItem("catalog-examples/org.yaml"));
        as("bob")
                .get("/api/catalog/entities/by-name/component/default/dbt-revenue-models/history")
                .then()
                .body("items[0].actor", equalTo("system"));
    }

    @Test
    void heroicPipelinesAreThereToo() {
        as("bob")
                .get("/api/catalog/entities/by-query?filter=spec.type=pipeline,spec.pipeline.runsAs=user:diego"
                        + "&filter=spec.type=pipeline,spec.owner=user:diego&fields=metadata.name")
                .then()
                .body("items.metadata.name", containsInAnyOrder("syncari-sfdc-hubspot-sync"));
    }
}
