package dev.interlock.runs.bind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.registration.RegisteredTogether;
import dev.interlock.registration.RegistrationAdvisor;
import dev.interlock.runs.ingest.JobId;

/**
 * Warns when a pipeline being registered claims, exactly, a job another pipeline claims exactly too: the pipeline
 * registered first keeps the job's runs ({@link Bindings}), so a later claim takes nothing and its registrant is told
 * whose runs these are; the earlier one is told that another pipeline claims its job too. Also when it claims exactly
 * a job another pipeline's wildcard matches: the exact claim takes that job's runs.
 */
@ApplicationScoped
public class ContestedClaims implements RegistrationAdvisor {

    @Inject
    PipelineDirectory directory;

    @Inject
    ObjectMapper mapper;

    private PipelineBodies bodies;

    @PostConstruct
    void init() {
        bodies = new PipelineBodies(mapper);
    }

    @Override
    public List<String> warnings(EntityRef ref, Entity body, RegisteredTogether together) {
        if (!body.isPipeline()) {
            return List.of();
        }
        PipelineDirectory.Snapshot snapshot = asRegistered(together);
        PipelineInfo mine = bodies.info(ref.toString(), body, together.registeredAt(ref));
        List<String> out = Contest.sentences(contests(snapshot, mine));
        out.addAll(takenFromWildcards(snapshot, mine));
        return out;
    }

    /** The catalog's pipelines as a registration leaves them, derived once per registration. */
    private record AsRegistered(PipelineDirectory.Snapshot snapshot) {}

    /**
     * The pipelines as they will be once the registration is stored: the stored ones, with those the registration
     * holds replaced by their new bodies (so that two pipelines registered in one body are told of each other, and a
     * pipeline that stops claiming a job in the same body is not held against another). A registration holding one
     * pipeline, stored or new, reads the directory's snapshot as it is: its own stored version is never compared with
     * it, so the stored pipelines are copied only for a body of several.
     */
    private PipelineDirectory.Snapshot asRegistered(RegisteredTogether together) {
        return together.derived(AsRegistered.class, entities -> {
                    PipelineDirectory.Snapshot stored = directory.current();
                    long pipelines = entities.entrySet().stream()
                            .filter(e -> e.getValue().isPipeline()
                                    || stored.pipelines().containsKey(e.getKey().toString()))
                            .count();
                    if (pipelines < 2) {
                        return new AsRegistered(stored);
                    }
                    Map<String, PipelineInfo> all = new LinkedHashMap<>(stored.pipelines());
                    entities.forEach((ref, body) -> {
                        all.remove(ref.toString());
                        PipelineInfo info = body.isPipeline()
                                ? bodies.info(ref.toString(), body, together.registeredAt(ref))
                                : null;
                        if (info != null) {
                            all.put(ref.toString(), info);
                        }
                    });
                    // No catalog version: this is nobody's snapshot but the registration's.
                    return new AsRegistered(new PipelineDirectory.Snapshot(
                            -1,
                            all,
                            Map.of(),
                            Map.of(),
                            new java.util.concurrent.ConcurrentHashMap<>(),
                            Bindings.Index.of(all.values())));
                })
                .snapshot();
    }

    /**
     * The jobs this pipeline claims exactly that another pipeline's wildcard matches: a claim without wildcards wins
     * ({@link Bindings}), so those jobs' runs, the ones stored before included, move here from the other pipeline.
     * Said so that a registration does not take another team's history unawares.
     */
    static List<String> takenFromWildcards(PipelineDirectory.Snapshot snapshot, PipelineInfo mine) {
        if (mine == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String job : exact(mine.openLineageJobs())) {
            int slash = job.indexOf('/');
            if (slash > 0) {
                JobId id = new JobId("openlineage", job.substring(0, slash), job.substring(slash + 1), null);
                takes(snapshot, mine, "openlineage.io/job " + job, id, out);
            }
        }
        if (mine.cdeventsSource() != null && !JobPatterns.isWildcard(mine.cdeventsSource())) {
            String source = JobPatterns.literal(mine.cdeventsSource());
            for (String name : exact(mine.cdeventsPipelines())) {
                takes(snapshot, mine, "cdevents.dev/pipeline " + name, new JobId("cdevents", source, name, null), out);
            }
        }
        if (mine.githubSlug() != null) {
            for (String workflow : exact(mine.githubWorkflows())) {
                JobId id = new JobId("github", mine.githubSlug(), workflow, null);
                takes(snapshot, mine, "github.com/workflow " + workflow + " of " + mine.githubSlug(), id, out);
            }
        }
        return out;
    }

    /**
     * Says of each wildcard matching this exact claim that the job's runs are this pipeline's, unless another exact
     * claim keeps them (the contest says so): a wildcard registered at the same moment, in the same body, had no runs
     * to lose.
     */
    private static void takes(
            PipelineDirectory.Snapshot snapshot, PipelineInfo mine, String claim, JobId job, List<String> out) {
        java.util.Set<PipelineInfo> candidates =
                new java.util.LinkedHashSet<>(snapshot.index().candidates(job));
        for (PipelineInfo other : candidates) {
            if (!other.ref().equals(mine.ref()) && Bindings.score(other, job) == 2 && Bindings.keepsOver(other, mine)) {
                return;
            }
        }
        for (PipelineInfo other : candidates) {
            if (!other.ref().equals(mine.ref()) && Bindings.score(other, job) == 1) {
                out.add(claim + " is also matched by a wildcard of " + other.ref() + ": a claim without wildcards wins,"
                        + (other.registeredAt().equals(mine.registeredAt())
                                ? " so the job's runs are this pipeline's"
                                : " so the job's runs, those stored before included, are this pipeline's and no"
                                        + " longer " + other.ref() + "'s"));
            }
        }
    }

    /**
     * What a stored pipeline's page says of the jobs it shares with others, as {@link #warnings} says it when it is
     * registered: kept up to date as the others come and go (a warning is given once, to whoever registers).
     *
     * @param snapshot the pipeline directory's snapshot the page already reads (its health uses the same)
     */
    public List<Contest> of(PipelineDirectory.Snapshot snapshot, String ref) {
        return snapshot.get(ref).map(mine -> contests(snapshot, mine)).orElse(List.of());
    }

    private static List<Contest> contests(PipelineDirectory.Snapshot snapshot, PipelineInfo mine) {
        if (mine == null || !mine.claimsEvents()) {
            return List.of();
        }
        // Of all the pipelines claiming a job, the one registered first keeps its runs (not the earlier of two).
        Map<String, List<PipelineInfo>> claimants = new LinkedHashMap<>();
        for (PipelineInfo other : snapshot.index().neighbours(mine)) {
            if (other.ref().equals(mine.ref())) {
                continue;
            }
            for (String claim : shared(mine, other)) {
                claimants.computeIfAbsent(claim, c -> new ArrayList<>()).add(other);
            }
        }
        List<Contest> out = new ArrayList<>();
        claimants.forEach((claim, others) -> {
            PipelineInfo keeper = mine;
            for (PipelineInfo other : others) {
                if (Bindings.keepsOver(other, keeper)) {
                    keeper = other;
                }
            }
            EntityRef keeperRef = keeper == mine ? null : EntityRef.ofCanonical(keeper.ref());
            for (PipelineInfo other : others) {
                // Compared with this pipeline, or, when this one keeps the runs, with the other.
                boolean sameMoment =
                        (keeper == mine ? other : keeper).registeredAt().equals(mine.registeredAt());
                out.add(new Contest(claim, EntityRef.ofCanonical(other.ref()), keeperRef, sameMoment));
            }
        });
        return out;
    }

    /** The annotations through which both pipelines claim the same jobs exactly (not through a wildcard). */
    static List<String> shared(PipelineInfo a, PipelineInfo b) {
        List<String> out = new ArrayList<>();
        for (String job : exact(a.openLineageJobs())) {
            if (exact(b.openLineageJobs()).contains(job)) {
                out.add("openlineage.io/job " + job);
            }
        }
        if (sourcesMeet(a.cdeventsSource(), b.cdeventsSource())) {
            for (String name : exact(a.cdeventsPipelines())) {
                if (exact(b.cdeventsPipelines()).contains(name)) {
                    out.add("cdevents.dev/pipeline " + name);
                }
            }
        }
        if (a.githubSlug() != null
                && b.githubSlug() != null
                && a.githubSlug().toLowerCase(Locale.ROOT).equals(b.githubSlug().toLowerCase(Locale.ROOT))) {
            for (String workflow : exact(a.githubWorkflows())) {
                if (exact(b.githubWorkflows()).contains(workflow)) {
                    out.add("github.com/workflow " + workflow + " of " + a.githubSlug());
                }
            }
        }
        return out;
    }

    /** Whether two {@code cdevents.dev/source} annotations can both match one event's source. */
    private static boolean sourcesMeet(String a, String b) {
        return a == null
                || b == null
                || JobPatterns.isWildcard(a)
                || JobPatterns.isWildcard(b)
                || JobPatterns.literal(a).equals(JobPatterns.literal(b));
    }

    /** The patterns without wildcards, as the jobs they name, each once (an annotation may name a job twice). */
    private static List<String> exact(List<String> patterns) {
        return patterns.stream()
                .filter(p -> !JobPatterns.isWildcard(p))
                .map(JobPatterns::literal)
                .distinct()
                .toList();
    }
}
