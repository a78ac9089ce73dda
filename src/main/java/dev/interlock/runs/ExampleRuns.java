package dev.interlock.runs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

import dev.interlock.registration.ExampleCatalogLoader;
import dev.interlock.registration.ExamplesConfig;
import dev.interlock.replicas.SharedLocks;
import dev.interlock.runs.bind.PipelineDirectory;
import dev.interlock.runs.ingest.CDEventsParser;
import dev.interlock.runs.ingest.GitHubParser;
import dev.interlock.runs.ingest.OpenLineageParser;
import dev.interlock.runs.ingest.RunEvent;
import dev.interlock.runs.ingest.RunIngestion;

/**
 * A believable recent run history for the example pipelines (runs.md §6), relative to the start time: mostly
 * healthy, the Salesforce ingestion failing for hours (its dbt and reverse-ETL readers {@code upstream}), the
 * personal-login Syncari sync missing ticks, a flaky Jenkins build below its success-rate SLO, a nightly release
 * restored by the same person every time. Sent as real OpenLineage, CDEvents and GitHub payloads through the
 * parsers and the ingestion service, at the first start with the examples ({@code interlock.examples.runs}).
 */
@ApplicationScoped
public class ExampleRuns {

    private static final Logger LOG = Logger.getLogger(ExampleRuns.class);

    @Inject
    ExamplesConfig config;

    @Inject
    RunEventStore eventStore;

    @Inject
    PipelineDirectory directory;

    @Inject
    RunIngestion ingestion;

    @Inject
    RunChanges changes;

    @Inject
    SharedLocks locks;

    @Inject
    ObjectMapper mapper;

    private final Random random = new Random(42);
    private final List<RunEvent> events = new ArrayList<>();
    private Instant now;

    void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 900) StartupEvent event) {
        if (!config.load() || !config.runs()) {
            return;
        }
        // Under the examples' lock, so that replicas starting at once on an empty database send it once.
        locks.withLock(ExampleCatalogLoader.LOCK, () -> {
            if (directory.current().get("component:default/fivetran-salesforce").isEmpty()
                    || eventStore.eventCount() > 0) {
                return 0;
            }
            int n = load(Instant.now().truncatedTo(ChronoUnit.SECONDS));
            LOG.infof("Example run history sent: %d events", n);
            return n;
        });
    }

    /** Sends the history; returns how many events. */
    public int load(Instant at) {
        now = at;
        events.clear();
        // Data: the Salesforce ingestion has failed every hour for the last 5 hours.
        hourly(
                "fivetran",
                "northwind_sfdc",
                3,
                4,
                12,
                5,
                "Salesforce API: INVALID_SESSION_ID: Session expired or invalid");
        every("dbt-cloud", "revenue_models", Duration.ofHours(3), 7, 40, 12, List.of(now.minus(26, ChronoUnit.HOURS)));
        every("census", "accounts-to-hubspot", Duration.ofHours(3), 7, 55, 4, List.of());
        quarterHourly("syncari", "sfdc-hubspot", 2, Duration.ofMinutes(70));
        daily("airbyte", "marketing-ads", 5, 0, 10, 25);
        daily("dbt-cloud", "marketing_models", 5, 40, 10, 18);
        daily("airflow", "lead_scoring", 6, 30, 10, 9);
        daily("hightouch", "lead-scores", 7, 0, 10, 4);
        quarterHourly("zapier", "demo-requests-to-sfdc", 1, Duration.ZERO);
        // Delivery.
        github("northwind-cloud/checkout-service", ".github/workflows/ci.yml", 7, 8, "push", 0.99, null);
        github("northwind-cloud/web-storefront", ".github/workflows/nightly.yml", 14, 1, "schedule", 0.7, "carol");
        github("northwind-cloud/northwind-mobile", ".github/workflows/release.yml", 14, 0, "release", 1.0, null);
        cdevents("argocd/checkout", "checkout-staging", 7, 8, 0.98, 4);
        cdevents("argocd/checkout", "checkout-production", 7, 2, 1.0, 9);
        cdevents("argocd/web-storefront", "web-storefront", 7, 1, 1.0, 12);
        cdevents("jenkins/billing", "billing-service", 14, 3, 0.7, 14);
        cdevents("gitlab/ops", "infra-live", 14, 2, 0.92, 20);
        cdevents("tekton/ci", "base-images", 28, 0, 1.0, 22);
        cdeventsWeekly("tekton/ci", "base-images", 4);
        events.sort(java.util.Comparator.comparing(RunEvent::eventTime));
        for (int i = 0; i < events.size(); i += 500) {
            changes.changed(ingestion
                    .ingest(events.subList(i, Math.min(events.size(), i + 500)))
                    .pipelines());
        }
        return events.size();
    }

    private void hourly(
            String ns, String job, int days, int delayMin, int durationMin, int failingHours, String error) {
        Instant first = now.minus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        for (Instant tick = first; tick.isBefore(now); tick = tick.plus(1, ChronoUnit.HOURS)) {
            boolean fail = tick.isAfter(now.minus(failingHours, ChronoUnit.HOURS));
            lineageRun(
                    ns,
                    job,
                    tick,
                    tick.plus(delayMin, ChronoUnit.MINUTES),
                    durationMin + random.nextInt(5),
                    fail ? error : null,
                    null);
        }
    }

    private void every(
            String ns,
            String job,
            Duration interval,
            int days,
            int offsetMin,
            int durationMin,
            List<Instant> failures) {
        Instant first = now.minus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        for (Instant t = first; t.isBefore(now); t = t.plus(interval)) {
            Instant start = t.plus(offsetMin, ChronoUnit.MINUTES);
            boolean fail = failures.stream()
                    .anyMatch(f -> Math.abs(Duration.between(f, start).toMinutes()) < 90);
            lineageRun(
                    ns,
                    job,
                    null,
                    start,
                    durationMin + random.nextInt(4),
                    fail ? "Database Error in model " + "fct_revenue: column ARR does not exist" : null,
                    fail ? null : "mei");
        }
    }

    private void quarterHourly(String ns, String job, int days, Duration silentFor) {
        Instant first = now.minus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        for (Instant tick = first; tick.isBefore(now.minus(silentFor)); tick = tick.plus(15, ChronoUnit.MINUTES)) {
            if (!silentFor.isZero() && random.nextInt(12) == 0) {
                continue;
            }
            lineageRun(ns, job, tick, tick.plus(1, ChronoUnit.MINUTES), 2, null, null);
        }
    }

    private void daily(String ns, String job, int hour, int minute, int days, int durationMin) {
        ZonedDateTime day =
                now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).minusDays(days);
        for (int i = 0; i <= days; i++, day = day.plusDays(1)) {
            Instant tick = day.withHour(hour).withMinute(minute).toInstant();
            lineageRun(ns, job, tick, tick.plus(2, ChronoUnit.MINUTES), durationMin + random.nextInt(3), null, null);
        }
    }

    /**
     * One OpenLineage run: START, then COMPLETE or FAIL. A run still going at the first start ends now: the history
     * is sent once, so nothing would report its end later, and it would stay running for good (past its pipeline's
     * duration SLO, degrading it).
     */
    private void lineageRun(
            String ns, String job, Instant nominal, Instant start, int minutes, String error, String actor) {
        if (start.isAfter(now)) {
            return;
        }
        String id = UUID.randomUUID().toString();
        String facets = (nominal == null ? "" : "\"nominalTime\": {\"nominalStartTime\": \"" + nominal + "\"}")
                + (actor == null
                        ? ""
                        : (nominal == null ? "" : ", ") + "\"interlock\": {\"actor\": \"" + actor + "\"}");
        lineage("START", start, id, ns, job, facets);
        String endFacets = error == null
                ? facets
                : facets + (facets.isEmpty() ? "" : ", ") + "\"errorMessage\": {\"message\": \"" + error
                        + "\", \"programmingLanguage\": \"SQL\"}";
        lineage(
                error == null ? "COMPLETE" : "FAIL",
                endedBy(start.plus(minutes, ChronoUnit.MINUTES)),
                id,
                ns,
                job,
                endFacets);
    }

    private void lineage(String type, Instant time, String id, String ns, String job, String facets) {
        String json = """
                {"eventType": "%s", "eventTime": "%s", "producer": "https://github.com/OpenLineage/OpenLineage",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                 "run": {"runId": "%s", "facets": {%s}}, "job": {"namespace": "%s", "name": "%s", "facets": {}},
                 "inputs": [], "outputs": []}""".formatted(type, time, id, facets, ns, job);
        events.addAll(new OpenLineageParser(mapper).parse(read(json)));
    }

    private void github(
            String repo, String path, int days, int perDay, String event, double successRate, String restorer) {
        List<Instant> starts = new ArrayList<>();
        if (event.equals("schedule")) {
            // The nightly release: 02:01 on weekdays, the schedule's ticks.
            ZonedDateTime day =
                    now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).minusDays(days);
            for (int d = 0; d <= days; d++, day = day.plusDays(1)) {
                if (day.getDayOfWeek().getValue() <= 5) {
                    starts.add(day.withHour(2).withMinute(1).toInstant());
                }
            }
        } else {
            int total = perDay == 0 ? 4 : days * perDay;
            for (int i = 0; i < total; i++) {
                starts.add(now.minus(days, ChronoUnit.DAYS).plusSeconds((long) ((i + 0.5) * days * 86_400L / total)));
            }
        }
        int total = starts.size();
        // Each pipeline draws from its own seeded sequence: its history does not depend on the clock or on the others.
        Random draws = new Random((repo + path).hashCode());
        for (int i = 0; i < total; i++) {
            Instant created = starts.get(i);
            long id = 7_000_000_000L + Math.abs((repo + path + i).hashCode());
            boolean ok = draws.nextDouble() < successRate || i >= total - 2;
            workflowRun(
                    repo,
                    path,
                    id,
                    1,
                    created,
                    created.plus(9 + draws.nextInt(6), ChronoUnit.MINUTES),
                    event,
                    ok ? "success" : "failure",
                    "release-bot");
            if (!ok && restorer != null) {
                Instant again = created.plus(3, ChronoUnit.HOURS);
                workflowRun(repo, path, id, 2, again, again.plus(12, ChronoUnit.MINUTES), event, "success", restorer);
            }
        }
    }

    private void workflowRun(
            String repo,
            String path,
            long id,
            int attempt,
            Instant created,
            Instant updated,
            String event,
            String conclusion,
            String actor) {
        if (updated.isAfter(now)) {
            return;
        }
        for (String action : List.of("requested", "completed")) {
            String json = """
                    {"action": "%s", "workflow_run": {"id": %d, "name": "%s", "path": "%s", "run_attempt": %d,
                     "event": "%s", "status": "%s", "conclusion": %s, "created_at": "%s", "run_started_at": "%s",
                     "updated_at": "%s", "html_url": "https://github.com/%s/actions/runs/%d/attempts/%d",
                     "triggering_actor": {"login": "%s"}, "repository": {"full_name": "%s"}},
                     "repository": {"full_name": "%s"}}""".formatted(
                            action,
                            id,
                            path.replaceAll(".*/", ""),
                            path,
                            attempt,
                            attempt > 1 ? "workflow_dispatch" : event,
                            action,
                            action.equals("completed") ? "\"" + conclusion + "\"" : "null",
                            created,
                            created,
                            action.equals("completed") ? updated : created,
                            repo,
                            id,
                            attempt,
                            actor,
                            repo,
                            repo);
            events.add(new GitHubParser().parse(read(json)));
        }
    }

    private void cdevents(String source, String pipeline, int days, int perDay, double successRate, int minutes) {
        if (perDay == 0) {
            return;
        }
        int total = days * perDay;
        Random draws = new Random((source + pipeline).hashCode());
        for (int i = 0; i < total; i++) {
            Instant start = now.minus(days, ChronoUnit.DAYS).plusSeconds((long) ((i + 0.3) * days * 86_400L / total));
            // The last two runs succeed: a flaky build is degraded (below its SLO), not failing right now.
            boolean ok = draws.nextDouble() < successRate || i >= total - 2;
            pipelineRun(
                    source,
                    pipeline,
                    "run-" + pipeline + "-" + i,
                    start,
                    start.plus(minutes, ChronoUnit.MINUTES),
                    ok ? "success" : "failure");
        }
    }

    private void cdeventsWeekly(String source, String pipeline, int weeks) {
        ZonedDateTime monday = now.atZone(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.DAYS)
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        for (int w = 0; w <= weeks; w++) {
            Instant start = monday.minusWeeks(w).withHour(3).withMinute(31).toInstant();
            pipelineRun(
                    source,
                    pipeline,
                    "weekly-" + pipeline + "-" + w,
                    start,
                    start.plus(18, ChronoUnit.MINUTES),
                    "success");
        }
    }

    private void pipelineRun(String source, String pipeline, String runId, Instant start, Instant end, String outcome) {
        if (start.isAfter(now)) {
            return;
        }
        // Ended by now, as lineageRun's.
        cdevent("0.4.1", "started", source, runId, pipeline, start, null);
        cdevent("0.5.1", "finished", source, runId, pipeline, endedBy(end), outcome);
    }

    /** When a run of the history ends: as planned, or now if it would still be going. */
    private Instant endedBy(Instant planned) {
        return planned.isAfter(now) ? now : planned;
    }

    private void cdevent(
            String spec, String predicate, String source, String runId, String pipeline, Instant time, String outcome) {
        boolean v05 = spec.startsWith("0.5");
        String json = """
                {"context": {"%s": "%s", "id": "%s", "source": "%s", "type": "dev.cdevents.pipelinerun.%s.%s",
                 "timestamp": "%s"}, "subject": {"id": "%s", "source": "%s", "content": {"pipelineName": "%s",
                 "%s": "https://ci.northwind.example/%s/%s"%s}}}""".formatted(
                        v05 ? "specversion" : "version",
                        v05 ? "0.5.0" : "0.4.1",
                        UUID.randomUUID(),
                        source,
                        predicate,
                        v05 ? "0.2.0" : "0.1.1",
                        time,
                        runId,
                        source,
                        pipeline,
                        v05 ? "uri" : "url",
                        pipeline,
                        runId,
                        outcome == null
                                ? ""
                                : ", \"outcome\": \"" + outcome + "\""
                                        + (outcome.equals("success") ? "" : ", \"errors\": \"step test failed\""));
        events.add(new CDEventsParser().parse(read(json)));
    }

    private com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
