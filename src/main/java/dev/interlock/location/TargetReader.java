package dev.interlock.location;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads the files of locations, {@code url} (through {@link UrlReader}) or {@code file} (only under
 * {@code interlock.locations.file-roots}), resolves relative targets against the file that names them, and expands
 * glob targets of {@code file} locations.
 */
@ApplicationScoped
public class TargetReader {

    @Inject
    UrlReader urls;

    @Inject
    LocationsConfig config;

    @Inject
    dev.interlock.registration.ExamplesConfig examples;

    /**
     * Reads one file, conditionally when validators are given.
     *
     * @throws ReadFailure when it cannot be read
     */
    public FileRead read(String type, String target, FileRead.Validators known) {
        return read(type, target, known, null);
    }

    /**
     * Reads a placeholder's file: as {@link #read(String, String, FileRead.Validators)}, a URL's redirects followed
     * only on the host of {@code file}, the file that names it.
     *
     * @throws ReadFailure when it cannot be read
     */
    public FileRead readPlaceholder(String type, String target, String file) {
        return read(type, target, null, file);
    }

    private FileRead read(String type, String target, FileRead.Validators known, String sameHostAs) {
        if (type.equals("url")) {
            return urls.read(target, known, sameHostAs);
        }
        Path path = allowedPath(target);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new ReadFailure(target, target + " is not a file");
            }
            long max = config.maxSize().asLongValue();
            if (attributes.size() > max) {
                throw new ReadFailure(
                        target,
                        target + " is " + attributes.size() + " bytes; files of locations may" + " be at most " + max
                                + " bytes (interlock.locations.max-size)");
            }
            FileRead.Validators stamp =
                    new FileRead.Validators(null, attributes.lastModifiedTime().toMillis() + ":" + attributes.size());
            if (known != null && stamp.equals(known)) {
                return new FileRead(target, null, known);
            }
            return new FileRead(target, Texts.decode(target, Files.readAllBytes(path)), stamp);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ReadFailure(target, target + " does not exist");
        } catch (IOException e) {
            throw new ReadFailure(target, target + " could not be read (" + Texts.reason(e) + ")");
        }
    }

    /** Checks a target before anything is read: its type, its form, and (for files) that it is under a file root. */
    public String normalize(String type, String target) {
        if (target == null || target.isBlank()) {
            throw new ReadFailure(String.valueOf(target), "the target is empty");
        }
        if (type.equals("url")) {
            urls.check(target, UrlReader.raw(target.trim()));
            return target.trim();
        }
        if (type.equals("file")) {
            allowedPath(target.trim());
            return Path.of(target.trim()).normalize().toString();
        }
        throw new ReadFailure(
                target,
                "location type \"" + type + "\" is not supported; use url (or file, for paths"
                        + " under interlock.locations.file-roots)");
    }

    /**
     * A target named relative to the file that names it ({@code ./b.yaml}, {@code ../x/c.yaml}), or absolute.
     *
     * @throws ReadFailure when the result is not a valid target
     */
    public String resolve(String type, String base, String relative) {
        String r = relative.trim();
        if (type.equals("url")) {
            try {
                return Urls.withinRoot(URI.create(UrlReader.raw(base)).resolve(r))
                        .toString();
            } catch (IllegalArgumentException e) {
                // Quoted whole, as written: a password with a space in it would pass the masking of URLs in text.
                String shown = Urls.targetWithoutCredentials(r);
                throw new ReadFailure(shown, "\"" + shown + "\" is not a valid URL or relative path");
            }
        }
        Path p = Path.of(r);
        Path folder =
                Path.of(base).getParent() == null ? Path.of("") : Path.of(base).getParent();
        return (p.isAbsolute() ? p : folder.resolve(p)).normalize().toString();
    }

    /** Whether a target is a glob: a {@code *} in a URL's path; {@code *}, {@code ?}, {@code [}, <code>{</code> in a path. */
    public static boolean isGlob(String type, String target) {
        if (type.equals("url")) {
            int query = target.indexOf('?');
            return (query < 0 ? target : target.substring(0, query)).contains("*");
        }
        return target.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** The files a glob matches, sorted; only {@code file} locations can be listed. Matching nothing is no error. */
    public List<String> glob(String type, String pattern) {
        if (!type.equals("file")) {
            throw new ReadFailure(
                    pattern,
                    "glob targets can only be listed for file locations; " + pattern
                            + " was not read (name each file, or a Location listing them)");
        }
        Path absolute = Path.of(pattern).toAbsolutePath().normalize();
        Path base = absolute.getRoot();
        for (Path part : absolute) {
            if (isGlob("file", part.toString())) {
                break;
            }
            base = base.resolve(part);
        }
        allowedPath(base.toString());
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolute);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new ReadFailure(
                    pattern,
                    "not a valid glob (" + e.getDescription()
                            + "): * and ? match within a folder, ** across folders, [abc] one of the characters"
                            + " and {a,b} one of the words; each [ and { needs its closing ] and }");
        }
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(base, 20)) {
            return walk.filter(matcher::matches)
                    .filter(Files::isRegularFile)
                    .map(Path::toString)
                    .sorted()
                    .limit(config.maxFiles())
                    .toList();
        } catch (IOException e) {
            throw new ReadFailure(pattern, pattern + " could not be listed (" + Texts.reason(e) + ")");
        }
    }

    /** Whether {@code other} may be read for a file of location target {@code root}: same scheme, host and port. */
    public boolean sameHost(String type, String root, String other) {
        if (!type.equals("url")) {
            return true; // file targets are confined to the file roots by allowedPath
        }
        return UrlReader.sameHost(root, other);
    }

    /** The path, when it is under one of the file roots (symbolic links resolved); else a read failure. */
    Path allowedPath(String target) {
        List<String> roots = new java.util.ArrayList<>(config.fileRoots().orElse(List.of()).stream()
                .map(String::trim)
                .filter(r -> !r.isEmpty())
                .toList());
        if (examples.load()) {
            roots.add(examples.path()); // the example catalog is loaded as file locations
        }
        if (roots.isEmpty()) {
            throw new ReadFailure(
                    target,
                    "file locations are off: set interlock.locations.file-roots to the folders" + " they may read");
        }
        Path path = Path.of(target).toAbsolutePath().normalize();
        Optional<Path> real = realPath(path);
        for (String root : roots) {
            Path r = Path.of(root).toAbsolutePath().normalize();
            Path rr = realPath(r).orElse(r);
            if (path.startsWith(r) && real.map(p -> p.startsWith(rr)).orElse(true)) {
                return path;
            }
        }
        throw new ReadFailure(
                target,
                target + " is outside the folders file locations may read " + "(interlock.locations.file-roots)");
    }

    private static Optional<Path> realPath(Path p) {
        try {
            return Optional.of(p.toRealPath());
        } catch (IOException e) {
            // A file that does not exist yet: check its folder.
            Path parent = p.getParent();
            try {
                return parent == null
                        ? Optional.empty()
                        : Optional.of(parent.toRealPath(new LinkOption[0]).resolve(p.getFileName()));
            } catch (IOException e2) {
                return Optional.empty();
            }
        }
    }
}
