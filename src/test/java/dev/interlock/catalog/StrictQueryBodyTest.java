package dev.interlock.catalog;

import static dev.interlock.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A predicate query's body is read as sent: a limit that is no whole number, or a field name that is no text, is
 * refused naming the field rather than quietly turned into something the client did not ask for.
 */
@QuarkusTest
class StrictQueryBodyTest {

    @Test
    void valuesOfTheWrongTypeAreRefusedNotCoerced() {
        for (String[] bad : new String[][] {
            {"{\"limit\": 1.9999}", "limit"}, {"{\"limit\": \"3\"}", "limit"}, {"{\"fields\": [1]}", "fields[0]"}
        }) {
            as("bob")
                    .contentType("application/json")
                    .body(bad[0])
                    .post("/api/catalog/entities/by-query")
                    .then()
                    .statusCode(400)
                    .body("error.name", equalTo("InputError"))
                    .body(
                            "error.message",
                            org.hamcrest.Matchers.startsWith(
                                    "the body is not JSON of the expected shape at \"" + bad[1] + "\""));
        }
        as("bob")
                .contentType("application/json")
                .body("{\"limit\": 3, \"fields\": [\"metadata.name\"]}")
                .post("/api/catalog/entities/by-query")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(3));
    }
}
