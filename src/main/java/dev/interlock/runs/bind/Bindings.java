package dev.interlock.runs.bind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.interlock.runs.ingest.JobId;

/**
 * Which pipeline claims a job (runs.md §2): {@code openlineage.io/job: <namespace>/<name>} (several, comma
 * separated, {@code *} a wildcard), {@code cdevents.dev/pipeline} (+ optional {@code cdevents.dev/source}),
 * {@code github.com/project-slug} + {@code github.com/workflow} (path or name). When several pipelines claim a job,
 * an exact pattern wins over a wildcard; between equally exact claims, the pipeline registered first keeps the job (a
 * later registration cannot take another pipeline's runs by its name), then the first reference in order.
 */
public final class Bindings {

    private Bindings() {}

    /** The pipeline that claims a job, if any. */
    public static Optional<String> claim(PipelineDirectory.Snapshot snapshot, JobId job) {
        return snapshot.claims().computeIfAbsent(job.key() + "|" + job.alt(), k -> search(snapshot, job));
    }

    private static Optional<String> search(PipelineDirectory.Snapshot snapshot, JobId job) {
        return snapshot.index().candidates(job).stream()
                .map(p -> new Match(p.ref(), p.registeredAt(), score(p, job)))
                .filter(m -> m.score > 0)
                .max(Comparator.comparingInt(Match::score).thenComparing(FIRST.reversed()))
                .map(Match::ref);
    }

    /** Between equally exact claims: the pipeline registered first, then the first reference in order. */
    private static final Comparator<Match> FIRST =
            Comparator.comparing(Match::registeredAt).thenComparing(Match::ref);

    private record Match(String ref, java.time.Instant registeredAt, int score) {}

    /** Whether {@code a} keeps a job both claim equally exactly: it was registered first (then by reference). */
    public static boolean keepsOver(PipelineInfo a, PipelineInfo b) {
        return FIRST.compare(new Match(a.ref(), a.registeredAt(), 0), new Match(b.ref(), b.registeredAt(), 0)) < 0;
    }

    /**
     * The pipelines that could claim a job, found without looking at every pipeline: by exact OpenLineage job, by
     * CDEvents pipeline name, by GitHub repository, plus those with a wildcard pattern. Built once per catalog
     * version; {@link #score} then decides among the few candidates exactly as it would among all.
     */
    public static final class Index {

        private final Map<String, List<PipelineInfo>> openLineage = new HashMap<>();
        private final Map<String, List<PipelineInfo>> cdevents = new HashMap<>();
        private final Map<String, List<PipelineInfo>> github = new HashMap<>();
        private final List<PipelineInfo> wildcards = new ArrayList<>();

        /** The index of these pipelines. */
        public static Index of(Collection<PipelineInfo> pipelines) {
            Index index = new Index();
            for (PipelineInfo p : pipelines) {
                p.openLineageJobs()
                        .forEach(j -> index.openLineage
                                .computeIfAbsent(JobPatterns.literal(j), k -> new ArrayList<>())
                                .add(p));
                p.cdeventsPipelines()
                        .forEach(n -> index.cdevents
                                .computeIfAbsent(JobPatterns.literal(n), k -> new ArrayList<>())
                                .add(p));
                if (p.githubSlug() != null) {
                    index.github
                            .computeIfAbsent(p.githubSlug().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(p);
                }
                if (p.openLineageJobs().stream().anyMatch(JobPatterns::isWildcard)
                        || p.cdeventsPipelines().stream().anyMatch(JobPatterns::isWildcard)) {
                    index.wildcards.add(p);
                }
            }
            return index;
        }

        /**
         * The pipelines that may claim some job exactly as this one does: those naming one of its exact OpenLineage
         * jobs or CDEvents pipelines, or its GitHub repository ({@link ContestedClaims} then compares their claims).
         */
        java.util.Set<PipelineInfo> neighbours(PipelineInfo p) {
            java.util.Set<PipelineInfo> out = new java.util.LinkedHashSet<>();
            p.openLineageJobs().stream()
                    .filter(j -> !JobPatterns.isWildcard(j))
                    .forEach(j -> out.addAll(openLineage.getOrDefault(JobPatterns.literal(j), List.of())));
            p.cdeventsPipelines().stream()
                    .filter(n -> !JobPatterns.isWildcard(n))
                    .forEach(n -> out.addAll(cdevents.getOrDefault(JobPatterns.literal(n), List.of())));
            if (p.githubSlug() != null) {
                out.addAll(github.getOrDefault(p.githubSlug().toLowerCase(Locale.ROOT), List.of()));
            }
            return out;
        }

        List<PipelineInfo> candidates(JobId job) {
            List<PipelineInfo> out = new ArrayList<>(wildcards);
            switch (job.format()) {
                case "openlineage" ->
                    out.addAll(openLineage.getOrDefault(job.namespace() + "/" + job.name(), List.of()));
                case "cdevents" -> out.addAll(cdevents.getOrDefault(job.name(), List.of()));
                case "github" -> out.addAll(github.getOrDefault(job.namespace().toLowerCase(Locale.ROOT), List.of()));
                default -> {}
            }
            return out;
        }
    }

    /** 0: no claim; 1: through a wildcard; 2: exact. */
    static int score(PipelineInfo p, JobId job) {
        return switch (job.format()) {
            case "openlineage" -> best(p.openLineageJobs(), job.namespace() + "/" + job.name());
            case "cdevents" ->
                p.cdeventsSource() != null && best(List.of(p.cdeventsSource()), job.namespace()) == 0
                        ? 0
                        : best(p.cdeventsPipelines(), job.name());
            case "github" ->
                p.githubSlug() == null || !p.githubSlug().equalsIgnoreCase(job.namespace())
                        ? 0
                        : Math.max(
                                best(p.githubWorkflows(), job.name()),
                                job.alt() == null ? 0 : best(p.githubWorkflows(), job.alt()));
            default -> 0;
        };
    }

    private static int best(List<String> patterns, String value) {
        int best = 0;
        for (String pattern : patterns) {
            if (!JobPatterns.isWildcard(pattern)) {
                if (JobPatterns.literal(pattern).equals(value)) {
                    return 2;
                }
            } else if (JobPatterns.compiled(pattern).matches(value)) {
                best = 1;
            }
        }
        return best;
    }

    /** The annotations that would claim a job: the YAML snippet shown for an unbound job. */
    public static String annotationsFor(JobId job) {
        return switch (job.format()) {
            case "openlineage" ->
                "openlineage.io/job: " + quote(JobPatterns.escape(job.namespace() + "/" + job.name()));
            case "cdevents" ->
                "cdevents.dev/pipeline: " + quote(JobPatterns.escape(job.name())) + "\n    cdevents.dev/source: "
                        + quote(sourcePattern(job.namespace()));
            case "github" ->
                "github.com/project-slug: " + quote(job.namespace()) + "\n    github.com/workflow: "
                        + quote(JobPatterns.escape(job.name()));
            default -> "";
        };
    }

    /** A Jenkins build's URL: the job's path, then the build number. */
    private static final Pattern JENKINS_BUILD = Pattern.compile("((?:.*/)?job/.+/)[0-9]+/?");

    /**
     * The {@code cdevents.dev/source} that claims a job's runs. Jenkins' CDEvents plugin sends each build's URL as
     * its source ({@code job/payments-build/42/}): the claim takes every build of that job, not the one build seen.
     */
    static String sourcePattern(String source) {
        Matcher build = JENKINS_BUILD.matcher(source);
        return build.matches() ? JobPatterns.escape(build.group(1)) + "*" : JobPatterns.escape(source);
    }

    /** A catalog name made from a job name: lower case, [a-z0-9-], at most 63 characters. */
    public static String suggestedName(JobId job) {
        // The first of suggestedNames, without the others: a list of thousands of unclaimed jobs names each.
        return entityName(baseName(job));
    }

    /**
     * Entity names for a job's pipeline, the likeliest first: its name (GitHub: repository and workflow), then one that
     * tells it from a namesake (GitHub: with the organisation, as {@code acme/web} and {@code globex/web} share a
     * workflow's name), then numbered ones.
     */
    public static List<String> suggestedNames(JobId job) {
        String base = baseName(job);
        String name = entityName(base);
        List<String> names = new ArrayList<>(List.of(name));
        String prefix = job.format().equals("github")
                ? AFTER_SLASH.matcher(job.namespace()).replaceAll("")
                : UP_TO_LAST_SEPARATOR.matcher(job.namespace()).replaceAll("");
        String qualified = entityName(prefix + "-" + base);
        if (!names.contains(qualified)) {
            names.add(qualified);
        }
        for (int i = 2; i <= 9; i++) {
            names.add(entityName(name.substring(0, Math.min(name.length(), 60)) + "-" + i));
        }
        // Last, one no namesake has: a digest of the job.
        String digest = java.util
                .UUID
                .nameUUIDFromBytes(job.key().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString()
                .substring(0, 8);
        names.add(entityName(name.substring(0, Math.min(name.length(), 54)) + "-" + digest));
        return names;
    }

    // Compiled once: a page of unclaimed jobs names thousands of jobs, a dozen names each.
    private static final Pattern UP_TO_LAST_SLASH = Pattern.compile(".*/");
    private static final Pattern AFTER_SLASH = Pattern.compile("/.*");
    private static final Pattern UP_TO_LAST_SEPARATOR = Pattern.compile(".*[/:]");
    private static final Pattern YAML_SUFFIX = Pattern.compile("\\.ya?ml$");
    private static final Pattern NOT_NAME_CHARACTERS = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_HYPHENS = Pattern.compile("^-+|-+$");
    private static final Pattern TRAILING_HYPHENS = Pattern.compile("-+$");

    /** What a job's names are made from: its name (GitHub: repository and workflow file without its extension). */
    private static String baseName(JobId job) {
        return job.format().equals("github")
                ? UP_TO_LAST_SLASH.matcher(job.namespace()).replaceAll("") + "-"
                        + YAML_SUFFIX
                                .matcher(UP_TO_LAST_SLASH.matcher(job.name()).replaceAll(""))
                                .replaceAll("")
                : job.name();
    }

    /** A text as an entity name: lower case, runs of other characters as one hyphen, at most 63 characters. */
    private static String entityName(String text) {
        String name = EDGE_HYPHENS
                .matcher(NOT_NAME_CHARACTERS
                        .matcher(text.toLowerCase(Locale.ROOT))
                        .replaceAll("-"))
                .replaceAll("");
        name = name.length() > 63
                ? TRAILING_HYPHENS.matcher(name.substring(0, 63)).replaceAll("")
                : name;
        return name.isEmpty() ? "pipeline" : name;
    }

    /**
     * A YAML double-quoted scalar that reads back as exactly {@code s}: line breaks (YAML folds a raw one into a space),
     * Unicode's line separators and every character YAML does not allow as it is (control characters, U+FFFE and
     * U+FFFF) are escaped, so that the snippet loads and claims the very job.
     */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '"') {
                out.append('\\').append(c);
            } else if (c < 0x20
                    || c >= 0x7f && c <= 0x9f
                    || c == 0x2028
                    || c == 0x2029
                    || c == 0xfffe
                    || c == 0xffff
                    || Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Whether the surrogate at {@code i} is half of a pair (a character beyond U+FFFF, which YAML allows). */
    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c)
                ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
