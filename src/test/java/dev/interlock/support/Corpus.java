package dev.interlock.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared Backstage corpus ({@code ../shared/corpus} from the project root, or {@code -Dinterlock.corpus}). */
public final class Corpus {

    private Corpus() {}

    public static Path root() {
        Path root = Path.of(System.getProperty("interlock.corpus", "../shared/corpus"));
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("The Backstage corpus is not at " + root.toAbsolutePath()
                    + "; run the tests from the project root next to ../shared, or set -Dinterlock.corpus=<dir>");
        }
        return root;
    }

    public static List<Path> conformanceCases() {
        return list(root().resolve("backstage-conformance/cases"));
    }

    public static List<Path> exampleFiles() {
        try (Stream<Path> walk = Files.walk(root().resolve("backstage-examples"))) {
            return walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
