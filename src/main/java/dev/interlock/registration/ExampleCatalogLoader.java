package dev.interlock.registration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.interlock.catalog.CatalogEntity;
import dev.interlock.catalog.LocationRecord;
import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.ReaderLimits;

/**
 * Registers the example catalog ({@code catalog-examples/}) at start when the catalog is empty, so that a new
 * user sees a believable company straight away. Off with {@code interlock.examples.load=false}.
 */
@ApplicationScoped
public class ExampleCatalogLoader {

    private static final Logger LOG = Logger.getLogger(ExampleCatalogLoader.class);
    /** Who the history names as the author of the examples. */
    public static final String ACTOR = "system";

    @Inject
    ExamplesConfig config;

    @Inject
    RegistrationService registration;

    void onStart(@Observes StartupEvent event) {
        if (!config.load()) {
            LOG.info("Example catalog not loaded (interlock.examples.load=false)");
            return;
        }
        load();
    }

    /** Loads the examples when the catalog is empty; returns how many entities were registered. */
    @Transactional
    public int load() {
        if (CatalogEntity.count() > 0) {
            LOG.debug("Catalog is not empty; example catalog not loaded");
            return 0;
        }
        Path root = Path.of(config.path());
        if (!Files.isDirectory(root)) {
            LOG.warnf("Example catalog folder %s not found (working directory %s); nothing loaded", root,
                    Path.of("").toAbsolutePath());
            return 0;
        }
        List<Descriptor> documents = new ArrayList<>();
        DescriptorReader reader = new DescriptorReader(ReaderLimits.DEFAULTS);
        for (Path file : files(root)) {
            String location = "file:" + root.getFileName().resolve(root.relativize(file)).toString().replace('\\', '/');
            LocationRecord.ensure("file", location.substring("file:".length()));
            try {
                documents.addAll(reader.read(Files.readString(file, StandardCharsets.UTF_8),
                        DescriptorReader.Format.YAML, location));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read example file " + file, e);
            }
        }
        // Documents of all files form one body: number them through so each keeps a unique position.
        List<Descriptor> numbered = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            Descriptor d = documents.get(i);
            numbered.add(new Descriptor(i + 1, d.root(), d.positions(), d.start(), d.source(), d.location()));
        }
        List<Outcome> outcomes;
        try {
            outcomes = registration.register(numbered, ACTOR, ChangePermission.SYSTEM, null, false);
        } catch (RegistrationRejected e) {
            // Say which file each problem is in: the numbering runs through all files.
            e.errors().forEach(p -> LOG.errorf("%s: %s", numbered.get(p.document() - 1).location(), p.message()));
            throw new IllegalStateException("The example catalog in " + root.toAbsolutePath() + " is invalid ("
                    + e.errors().size() + " problems, logged above); fix it or set interlock.examples.load=false", e);
        }
        LOG.infof("Example catalog loaded: %d entities from %s", outcomes.size(), root.toAbsolutePath());
        return outcomes.size();
    }

    private static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
