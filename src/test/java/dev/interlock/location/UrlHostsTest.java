package dev.interlock.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which URLs a placeholder may read beside its file: the same host, each URL taken as it is read. */
class UrlHostsTest {

    private static final String SPOTIFY =
            "https://github.com/backstage/backstage/blob/master/packages/catalog-model/examples/apis/spotify-api.yaml";

    @Test
    void aGitHubPageBesideAGitHubPageIsTheSameHostAsBackstagesExamplesHaveIt() {
        // backstage-examples/apis/spotify-api.yaml: its $text names a page of another repository on github.com.
        assertTrue(UrlReader.sameHost(
                SPOTIFY,
                "https://github.com/APIs-guru/openapi-directory/blob/dab6854d4d599aafb0eb36e6c7ae1fe0c37509b7/APIs/"
                        + "spotify.com/2021.4.2/openapi.yaml"));
        assertTrue(UrlReader.sameHost(SPOTIFY, "https://raw.githubusercontent.com/o/r/main/x.yaml"));
        assertEquals(
                "https://raw.githubusercontent.com/backstage/backstage/master/packages/catalog-model/examples/apis/"
                        + "spotify-api.yaml",
                UrlReader.raw(SPOTIFY));
    }

    @Test
    void anotherHostSchemeOrPortIsNot() {
        assertFalse(UrlReader.sameHost(SPOTIFY, "https://gitlab.com/o/r/-/blob/main/x.yaml"));
        assertFalse(UrlReader.sameHost("https://h.example/a.yaml", "http://h.example/b.yaml"));
        assertFalse(UrlReader.sameHost("https://h.example/a.yaml", "https://h.example:8443/b.yaml"));
        assertFalse(UrlReader.sameHost("https://h.example/a.yaml", "not a url"));
        assertTrue(UrlReader.sameHost("https://H.example/a.yaml", "https://h.example/dir/b.yaml"));
    }

    /** A placeholder's redirect: on the same host and port (written or not), or moved from http to https there. */
    @Test
    void aRedirectStaysOnItsFilesHostThroughADefaultPortOrAnUpgradeToHttps() {
        assertTrue(UrlReader.sameHostOrUpgraded("https://h.example/a.yaml", "https://h.example:443/b.yaml"));
        assertTrue(UrlReader.sameHostOrUpgraded("http://h.example/a.yaml", "https://h.example/a.yaml"));
        assertTrue(UrlReader.sameHostOrUpgraded("http://h.example:8080/a", "http://H.example:8080/b"));
        assertFalse(UrlReader.sameHostOrUpgraded("https://h.example/a.yaml", "http://h.example/a.yaml"));
        assertFalse(UrlReader.sameHostOrUpgraded("http://h.example:8080/a", "https://h.example:8443/a"));
        assertFalse(UrlReader.sameHostOrUpgraded("https://h.example/a", "https://metadata.internal/latest"));
        assertFalse(UrlReader.sameHostOrUpgraded("https://h.example/a", "mailto:x@h.example"));
    }
}
