package dev.interlock.web;

import static dev.interlock.support.Api.anonymous;
import static dev.interlock.support.Api.as;
import static dev.interlock.support.Api.browserAs;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Requests broken in their headers or their form are refused with a reason, in the API's shape or the site's error
 * page; none of them is a server error.
 */
@QuarkusTest
class MalformedRequestsTest {

    /** Sent as they are: RestAssured encodes no string for a form's content type. */
    private static byte[] bytes(String body) {
        return body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anAcceptHeaderThatDoesNotParseIsRefusedByName() {
        for (String path : new String[] {"/login", "/api/catalog/entities?limit=1"}) {
            as("bob")
                    .header("Accept", "garbage///")
                    .get(path)
                    .then()
                    .statusCode(400)
                    .body("error.name", equalTo("InputError"))
                    .body("error.message", containsString("the Accept header is not valid"));
        }
        as("bob")
                .header("Accept", ", , ,")
                .get("/api/catalog/entities?limit=1")
                .then()
                .statusCode(400);
        // An empty Accept is no Accept; health and metrics take any.
        as("bob")
                .header("Accept", "")
                .get("/api/catalog/entities?limit=1")
                .then()
                .statusCode(200);
        anonymous().header("Accept", "garbage///").get("/q/health/live").then().statusCode(200);
    }

    @Test
    void noApiEndpointTakesAForm() {
        for (String type : new String[] {"multipart/form-data; boundary=x", "application/x-www-form-urlencoded"}) {
            var request = as("admin").contentType(type);
            // byte[] for multipart (RestAssured encodes no string for it), a string for the URL-encoded form.
            request = type.startsWith("multipart/") ? request.body(bytes("{}")) : request.body("{}");
            request.post("/api/catalog/locations/refresh-all")
                    .then()
                    .statusCode(415)
                    .body("error.name", equalTo("UnsupportedMediaTypeError"))
                    .body("error.message", containsString("send application/json"));
        }
        // Not even unauthenticated, on the one path open to anyone.
        anonymous()
                .contentType("multipart/form-data; boundary=x")
                .body(bytes("{}"))
                .post("/api/webhooks/github")
                .then()
                .statusCode(415);
    }

    @Test
    void aMalformedMultipartFormGetsTheErrorPage() {
        browserAs("alice")
                .contentType("multipart/form-data; boundary=x")
                .body(bytes("garbage"))
                .post("/register/preview")
                .then()
                .statusCode(400)
                .contentType(startsWith("text/html"))
                .body(containsString("the multipart/form-data body is malformed"));
    }

    @Test
    void aFormWithoutItsTokenSaysSoToScriptsToo() {
        anonymous()
                .accept("*/*")
                .formParam("username", "bob")
                .formParam("password", "bob")
                .post("/login")
                .then()
                .statusCode(400)
                .body("error.name", equalTo("InputError"))
                .body("error.message", containsString("security token is missing"));
    }

    @Test
    void anEmptyFormPostedToTheApiIsRefusedWithWhatToSendInstead() {
        as("admin")
                .contentType("application/x-www-form-urlencoded")
                .post("/api/catalog/locations/refresh-all")
                .then()
                .statusCode(400)
                .body("error.message", containsString("sent to the API must carry"))
                .body("error.message", containsString("without -d"));
    }

    @Test
    void theSignInFormSaysWhatItTakes() {
        anonymous()
                .contentType("text/plain")
                .body("username=bob")
                .post("/login")
                .then()
                .statusCode(415)
                .body("error.message", containsString("application/x-www-form-urlencoded"))
                .body("error.message", org.hamcrest.Matchers.not(containsString("multipart")));
    }
}
