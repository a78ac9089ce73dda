package dev.interlock.location;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** Masking credentials in messages, and keeping a resolved path within its host's root. */
class UrlsTest {

    @Test
    void masksTheUserInfoOfEveryUrlInAText() {
        assertEquals(
                "\"https://***@git.example/a.yaml\" redirects to http://***@10.0.0.1:8000/b?x=1",
                Urls.withoutCredentials(
                        "\"https://bot:p%40ss@git.example/a.yaml\" redirects to http://token@10.0.0.1:8000/b?x=1"));
        // Passwords written without percent-encoding: @, #, ? and / in them are masked too.
        assertEquals("https://***@h/x", Urls.withoutCredentials("https://bot:p@ss@h/x"));
        assertEquals("https://***@h/x", Urls.withoutCredentials("https://bot:pa#ss@h/x"));
        assertEquals("'https://***@h/x'", Urls.withoutCredentials("'https://AKIA:ab/cd+ef@h/x'"));
        assertEquals(
                "https://h:8443/a@b.yaml and https://registry.npmjs.org/@backstage/x",
                Urls.withoutCredentials("https://h:8443/a@b.yaml and https://registry.npmjs.org/@backstage/x"));
        // An address that is no URL's user-info, and a URL without one, are left as they are.
        assertEquals(
                "mail diego@example.com about https://git.example/a@b.yaml",
                Urls.withoutCredentials("mail diego@example.com about https://git.example/a@b.yaml"));
    }

    @Test
    void dropsStepsAboveTheRootAndKeepsTheRest() {
        assertEquals(
                "http://h:1/etc/passwd?q=1#f",
                Urls.withinRoot(URI.create("http://h:1/a/../../../etc/passwd?q=1#f"))
                        .toString());
        assertEquals("http://h/", Urls.withinRoot(URI.create("http://h/../..")).toString());
        assertEquals(
                "http://h/..hidden/x",
                Urls.withinRoot(URI.create("http://h/..hidden/x")).toString());
        assertEquals(
                "http://h/etc/x",
                Urls.withinRoot(URI.create("http://h/%2e%2e/%2E%2e/etc/x")).toString());
        // Within the root, a URL is sent as written: an object store's key may hold // or dots.
        assertEquals(
                "http://h/a/b/../c",
                Urls.withinRoot(URI.create("http://h/a/b/../c")).toString());
        assertEquals(
                "https://s3/b/a//k.yaml?X-Sig=1",
                Urls.withinRoot(URI.create("https://s3/b/a//k.yaml?X-Sig=1")).toString());
    }
}
