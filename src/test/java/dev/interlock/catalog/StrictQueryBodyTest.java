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

    /** An operator given the wrong operand is named with what it takes, not described as "an object". */
    @Test
    void anOperatorWithTheWrongOperandSaysWhatItTakes() {
        for (String[] bad : new String[][] {
            {"{\"$exists\": \"yes\"}", "$exists takes true or false, not \"yes\""},
            {"{\"$in\": 3}", "$in takes a list of strings, numbers or booleans, not \"3\""},
            {"{\"$hasPrefix\": [\"a\"]}", "$hasPrefix takes a string, not a list"}
        }) {
            as("bob")
                    .contentType("application/json")
                    .body("{\"query\": {\"kind\": " + bad[0] + "}}")
                    .post("/api/catalog/entities/by-query")
                    .then()
                    .statusCode(400)
                    .body("error.message", equalTo("the value for field \"kind\": " + bad[1]));
        }
    }

    /** An orderBy's order that is no order is named as the client wrote it, not as the orderField it becomes. */
    @Test
    void anOrderThatIsNoneIsNamedInTheClientsTerms() {
        as("bob")
                .contentType("application/json")
                .body("{\"orderBy\": [{\"field\": \"metadata.name\", \"order\": \"sideways\"}]}")
                .post("/api/catalog/entities/by-query")
                .then()
                .statusCode(400)
                .body(
                        "error.message",
                        equalTo("orderBy's order for \"metadata.name\" must be \"asc\" or \"desc\", not \"sideways\""));
        as("bob")
                .contentType("application/json")
                .body("{\"orderBy\": {\"field\": \"metadata.name\", \"order\": \"DESC\"}, \"limit\": 2}")
                .post("/api/catalog/entities/by-query")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2));
    }
}
