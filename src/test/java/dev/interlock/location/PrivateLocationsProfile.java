package dev.interlock.location;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Locations on 127.0.0.1 (the test's own file server) allowed, a short refresh interval, a file root under target/,
 * only 127.0.0.1 allowed as a host (so a redirect or placeholder to another host name is refused), a token for it,
 * files of at most 1 MB and 3 MB in all per location, a read timeout of 5 s (the file server's stalled answer) and 12 s
 * for a whole location.
 */
public class PrivateLocationsProfile implements QuarkusTestProfile {

    /** The folder file locations may read. */
    public static final String FILE_ROOT = "target/location-files";
    /** The token configured for 127.0.0.1. */
    public static final String TOKEN = "s3cret-location-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("interlock.locations.allow-private-addresses", "true"),
                // A host written in Unicode in configuration names its ASCII form too.
                Map.entry("interlock.locations.allowed-hosts", "127.0.0.1,ñandú.example"),
                Map.entry("interlock.locations.refresh-interval", "PT3S"),
                Map.entry("interlock.locations.refresh-tick", "1s"),
                Map.entry("interlock.locations.refresh-delay", "1s"),
                Map.entry("interlock.locations.file-roots", FILE_ROOT),
                Map.entry("interlock.locations.max-size", "1M"),
                Map.entry("interlock.locations.max-total-size", "3M"),
                Map.entry("interlock.locations.read-timeout", "PT5S"),
                Map.entry("interlock.locations.location-timeout", "PT12S"),
                Map.entry("interlock.locations.hosts.\"127.0.0.1\".token", TOKEN));
    }
}
