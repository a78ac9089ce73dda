package dev.interlock.location;

import static dev.interlock.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.interlock.support.Corpus;
import dev.interlock.support.FileServer;

/**
 * With the default configuration, locations never read the server's own network: loopback and cloud metadata
 * addresses are refused (after DNS resolution), and nothing is stored. Placeholders posted straight to the API are
 * kept with a warning.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocationSafetyTest {

    private final FileServer server;

    LocationSafetyTest() throws Exception {
        server = new FileServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private io.restassured.response.ValidatableResponse post(String target) {
        return as("alice")
                .contentType("application/json; charset=UTF-8")
                .body(Map.of("type", "url", "target", target))
                .post("/api/catalog/locations")
                .then();
    }

    @Test
    void loopbackPrivateAndMetadataAddressesAreRefusedByDefault() {
        server.put(
                "/catalog-info.yaml",
                "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: g}\n"
                        + "spec: {type: team, children: []}\n");
        post(server.url("/catalog-info.yaml"))
                .statusCode(400)
                .body("error.name", equalTo("InputError"))
                .body("error.message", containsString("127.0.0.1, a private, loopback or link-local address"));
        post("http://localhost:" + server.url("/").split(":")[2] + "catalog-info.yaml")
                .statusCode(400)
                .body("error.message", containsString("loopback"));
        post("http://169.254.169.254/latest/meta-data/")
                .statusCode(400)
                .body("error.message", containsString("169.254.169.254"));
        post("http://10.1.2.3/x.yaml").statusCode(400).body("error.message", containsString("private"));
        post("http://[::1]/x.yaml").statusCode(400).body("error.message", containsString("loopback"));
        as("alice")
                .contentType("application/json")
                .body(Map.of("type", "file", "target", "/etc/passwd"))
                .post("/api/catalog/locations")
                .then()
                .statusCode(400)
                .body("error.message", containsString("outside"));
        // The server was never asked, and nothing was stored.
        org.junit.jupiter.api.Assertions.assertEquals(0, server.requests("/catalog-info.yaml"));
        as("bob").get("/api/catalog/locations").then().statusCode(200);
    }

    @Test
    void documentationRangesAndIpv6FormsOfPrivateIpv4AddressesAreRefused() {
        for (String target : java.util.List.of(
                "http://192.0.2.10/x.yaml",
                "http://198.51.100.7/x.yaml",
                "http://203.0.113.5/x.yaml",
                "http://[::127.0.0.1]/x.yaml",
                "http://[::10.0.0.1]/x.yaml",
                "http://[64:ff9b::7f00:1]/x.yaml",
                "http://[64:ff9b::a9fe:a9fe]/x.yaml",
                "http://[2002:7f00:1::1]/x.yaml",
                "http://[2002:a00:1::]/x.yaml",
                "http://[2001:db8::1]/x.yaml")) {
            post(target)
                    .statusCode(400)
                    .body("error.name", equalTo("InputError"))
                    .body("error.message", containsString("a private, loopback or link-local address"))
                    .body("error.message", containsString("allow-private-addresses"));
        }
        // A host written in Unicode is a host name: looked up (and so checked) in its ASCII form, as browsers do.
        post("https://ñandú.example/catalog-info.yaml")
                .statusCode(400)
                .body("error.message", containsString("host xn--and-6ma2c.example is not known"))
                .body("error.message", containsString("ñandú.example is read as xn--and-6ma2c.example"));
        post("https://straße.example/catalog-info.yaml")
                .statusCode(400)
                .body("error.message", containsString("names host straße.example, an international name"))
                .body("error.message", containsString("ASCII (xn--) form"));
        // A shortened IPv4 address is named as what it is, not as a URL without a host.
        post("http://127.1/x.yaml")
                .statusCode(400)
                .body("error.message", containsString("names host 127.1"))
                .body("error.message", containsString("not read"));
    }

    @Test
    void readingNeedsCatalogEditor() {
        as("bob")
                .contentType("application/json")
                .body(Map.of("type", "url", "target", "https://example.com/x.yaml"))
                .post("/api/catalog/locations")
                .then()
                .statusCode(403);
        as("bob")
                .contentType("application/json")
                .body(Map.of("entityRef", "group:default/revops"))
                .post("/api/catalog/refresh")
                .then()
                .statusCode(403);
    }

    @Test
    void apiDescriptorsWithTextPlaceholdersAreKeptWithAWarning() {
        for (String file : new String[] {"wayback-search-api.yaml", "spotify-api.yaml", "petstore-webhook-api.yaml"}) {
            String yaml = Corpus.read(Corpus.root().resolve("backstage-examples/apis/" + file));
            as("alice")
                    .contentType("application/yaml")
                    .body(yaml)
                    .post("/api/catalog/entities?dryRun=true")
                    .then()
                    .statusCode(200)
                    .body("entities[0].warnings[0]", containsString("$text placeholder"));
        }
        as("alice")
                .contentType("application/yaml")
                .body("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  description: {$text: ./README.md}
                spec: {type: service, lifecycle: production, owner: revops, system: {$yaml: ./system.yaml}}
                """.formatted(dev.interlock.support.Api.unique("placeholders")))
                .post("/api/catalog/entities")
                .then()
                .statusCode(201)
                .body("entities[0].warnings", hasItem(containsString("$yaml placeholder")))
                .body("entities[0].warnings", hasItem(containsString("$text placeholder")));
    }
}
