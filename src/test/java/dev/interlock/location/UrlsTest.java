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
        // A scheme-relative URL (a placeholder may name one) at the start of a word; not a "//" inside a path.
        assertEquals(
                "$text //***@127.0.0.1:18301/secret/s.txt: answered HTTP 404",
                Urls.withoutCredentials("$text //scott:tiger-s3cret@127.0.0.1:18301/secret/s.txt: answered HTTP 404"));
        assertEquals("\"//***@h/x\"", Urls.withoutCredentials("\"//bot:pw@h/x\""));
        assertEquals("https://h/a//b@c.yaml", Urls.withoutCredentials("https://h/a//b@c.yaml"));
    }

    /** A target quoted whole, which may be no valid URL: its user-info runs to its last "@", spaces included. */
    @Test
    void masksTheUserInfoOfATargetThatIsNoValidUrl() {
        assertEquals(
                "http://***@127.0.0.1:18301/x",
                Urls.targetWithoutCredentials("http://scott:tiger s3cret@127.0.0.1:18301/x"));
        assertEquals("//***@h/x", Urls.targetWithoutCredentials("//bot:a b@h/x"));
        assertEquals("./a b@c.yaml", Urls.targetWithoutCredentials("./a b@c.yaml"));
        assertEquals("https://h/a b@c.yaml", Urls.targetWithoutCredentials("https://h/a b@c.yaml"));
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

    /** A host written in Unicode is read as browsers and Backstage read it: in IDNA; the rest stays as written. */
    @Test
    void readsAHostWrittenInUnicodeInAscii() {
        assertEquals(
                "https://xn--and-6ma2c.example/catalog-info.yaml",
                Urls.ascii("https://ñandú.example/catalog-info.yaml"));
        assertEquals(
                "http://xn--bcher-kva.example:8443/catálogo/服务.yaml?q=é",
                Urls.ascii("http://bücher.example:8443/catálogo/服务.yaml?q=é"));
        assertEquals("https://bot@xn--bcher-kva.example/x", Urls.ascii("https://bot@bücher.example/x"));
        // An ASCII host is kept as written, whatever the rest holds; so is a host that is no valid international name.
        assertEquals("http://127.0.0.1:9/catálogo.yaml", Urls.ascii("http://127.0.0.1:9/catálogo.yaml"));
        assertEquals("http://[::1]:9/á.yaml", Urls.ascii("http://[::1]:9/á.yaml"));
        String tooLong = "https://" + "é".repeat(70) + ".example/x.yaml";
        assertEquals(tooLong, Urls.ascii(tooLong));
        assertEquals("./catálogo.yaml", Urls.ascii("./catálogo.yaml"));
        // Hosts Java would read otherwise than browsers: another domain (straße is not strasse), or another host
        // altogether (a full-width "/" ends the host in Java's conversion, not in a browser's). Left as written: no
        // host.
        assertEquals("https://straße.example/x.yaml", Urls.ascii("https://straße.example/x.yaml"));
        assertEquals(
                "https://evil.com／x.trusted.example/a.yaml", Urls.ascii("https://evil.com／x.trusted.example/a.yaml"));
        assertEquals("https://a＠b.example/x", Urls.ascii("https://a＠b.example/x"));
        assertEquals("straße.example", Urls.asciiHost("straße.example"));
        assertEquals("xn--and-6ma2c.example", Urls.asciiHost("ñandú.example"));
        // A message naming the host it read says how it was written, when in Unicode.
        assertEquals("; ñandú.example is read as xn--and-6ma2c.example", Urls.writtenAs("xn--and-6ma2c.example"));
        assertEquals("", Urls.writtenAs("git.example"));
        assertEquals("", Urls.writtenAs("xn--zz.example"));
        assertEquals(null, Urls.ascii(null));
    }
}
