package dev.interlock.registration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

import dev.interlock.catalog.CatalogEntity;
import dev.interlock.location.LocationRejected;
import dev.interlock.location.LocationService;
import dev.interlock.replicas.SharedLocks;

/**
 * Registers the example catalog ({@code catalog-examples/}) at start when the catalog is empty, so that a new
 * user sees a believable company straight away. Off with {@code interlock.examples.load=false}.
 */
@ApplicationScoped
public class ExampleCatalogLoader {

    private static final Logger LOG = Logger.getLogger(ExampleCatalogLoader.class);
    /** Who the history names as the author of the examples. */
    public static final String ACTOR = "system";
    /**
     * The name of the lock ({@link SharedLocks}) under which the examples and their runs are loaded, each once, however
     * many replicas start at once.
     */
    public static final String LOCK = "examples";

    @Inject
    ExamplesConfig config;

    @Inject
    LocationService locations;

    @Inject
    SharedLocks locks;

    void onStart(@Observes StartupEvent event) {
        if (!config.load()) {
            LOG.info("Example catalog not loaded (interlock.examples.load=false)");
            return;
        }
        load();
    }

    /**
     * Loads the examples when the catalog is empty, each file as a {@code file} location (so that editing an example
     * file is picked up by the location refresh); returns how many entities were registered.
     */
    public int load() {
        // Under the examples' lock: replicas starting at once on an empty database would each find it empty, and the
        // second's registration of the same files failed its start.
        return locks.withLock(LOCK, this::loadIfEmpty);
    }

    private int loadIfEmpty() {
        if (QuarkusTransaction.requiringNew().call(() -> CatalogEntity.count()) > 0) {
            LOG.debug("Catalog is not empty; example catalog not loaded");
            return 0;
        }
        Path root = Path.of(config.path());
        if (!Files.isDirectory(root)) {
            LOG.warnf(
                    "Example catalog folder %s not found (working directory %s); nothing loaded",
                    root, Path.of("").toAbsolutePath());
            return 0;
        }
        int count = 0;
        LocationService.Account system = LocationService.Account.SYSTEM;
        for (Path file : files(root)) {
            String target = file.toString().replace('\\', '/');
            try {
                count += locations
                        .register("file", target, system, ChangePermission.SYSTEM, false)
                        .entities()
                        .size();
            } catch (LocationRejected e) {
                e.problems().forEach(p -> LOG.errorf("%s", p.describe()));
                throw new IllegalStateException(
                        "The example catalog in " + root.toAbsolutePath() + " is invalid ("
                                + e.problems().size()
                                + " problems, logged above); fix it or set interlock.examples.load=false",
                        e);
            }
        }
        LOG.infof("Example catalog loaded: %d entities from %s, each file a location", count, root.toAbsolutePath());
        return count;
    }

    private static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(
                            p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
