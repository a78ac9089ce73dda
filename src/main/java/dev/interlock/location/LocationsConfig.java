package dev.interlock.location;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Locations: where descriptors are read from and how they are kept in sync ({@code interlock.locations.*}). */
@ConfigMapping(prefix = "interlock.locations")
public interface LocationsConfig {

    /** How often every location is read again; rounds are spread over this interval. */
    @WithDefault("PT2M")
    Duration refreshInterval();

    /** Whether the scheduled refresh runs at all (a refresh from the API or a page always works). */
    @WithDefault("true")
    boolean refreshEnabled();

    /** How often the scheduler looks for locations whose time has come ({@code 2s}, or an ISO duration). */
    @WithDefault("2s")
    String refreshTick();

    /** How long after start the scheduler first looks. */
    @WithDefault("5s")
    String refreshDelay();

    /** How many locations are read at once during a refresh round. */
    @WithDefault("4")
    int refreshParallelism();

    /** Most due locations one scheduler tick starts; the next tick takes the rest. */
    @WithDefault("2000")
    int refreshBatch();

    /** How many locations {@code POST /api/catalog/locations/by-query} answers when the request names no limit. */
    @WithDefault("20")
    int queryDefaultLimit();

    /** The largest limit {@code POST /api/catalog/locations/by-query} accepts. */
    @WithDefault("10000")
    int queryMaxLimit();

    /** Host names that may be read (comma-separated); empty means any public host. */
    Optional<List<String>> allowedHosts();

    /**
     * Read addresses in private, loopback and link-local ranges (a self-hosted Git server, tests). Off by default:
     * a location must not make the server read its own network (cloud metadata at 169.254.169.254, admin ports).
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** Folders under which {@code type: file} locations may be read (comma-separated); empty means none. */
    Optional<List<String>> fileRoots();

    /** What happens to an entity its location no longer produces: {@code keep} (annotated as orphan) or {@code delete}. */
    @WithDefault("keep")
    OrphanStrategy orphanStrategy();

    /** Time to open a connection. */
    @WithDefault("PT5S")
    Duration connectTimeout();

    /** Time for a whole answer. */
    @WithDefault("PT20S")
    Duration readTimeout();

    /**
     * Longest one location may take to read, all its files together: no file is asked for after it (each file has
     * {@link #readTimeout()} besides), so a location of many slow files cannot hold a registration or a refresh slot
     * for hours; the location is then an error, nothing applied.
     */
    @WithDefault("PT2M")
    Duration locationTimeout();

    /** Largest file read; a larger one is an error of its location. */
    @WithDefault("4M")
    MemorySize maxSize();

    /**
     * Most text one location may read in all (its files, nested locations and placeholder files); a location that
     * reads more is an error, nothing applied. Everything read is held in memory until the location is applied, and
     * its entities are stored in one transaction: the default is that of a registration body
     * ({@code quarkus.http.limits.max-body-size}).
     */
    @WithDefault("8M")
    MemorySize maxTotalSize();

    /** Most redirects followed for one file (each one checked again). */
    @WithDefault("5")
    int maxRedirects();

    /** How deep {@code kind: Location} entities may point at further locations. */
    @WithDefault("10")
    int maxDepth();

    /** Most files (targets and placeholder files) one location may read. */
    @WithDefault("500")
    int maxFiles();

    /** Credentials per host name ({@code interlock.locations.hosts."github.com".token}). */
    Map<String, Host> hosts();

    /** What to do with an orphaned entity. */
    enum OrphanStrategy {
        /** Keep it, annotated {@code backstage.io/orphan: "true"}. */
        KEEP,
        /** Delete it. */
        DELETE
    }

    /** One host's settings. */
    interface Host {
        /** Sent as {@code Authorization: Bearer <token>} to this host only; never logged or shown. */
        Optional<String> token();
    }
}
