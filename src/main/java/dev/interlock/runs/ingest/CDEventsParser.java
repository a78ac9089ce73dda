package dev.interlock.runs.ingest;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.interlock.runs.RunState;

/**
 * CDEvents (spec 0.4.x and 0.5.x) into {@link RunEvent}s. Required: {@code context.id}, {@code context.source},
 * {@code context.type}, {@code context.timestamp}, and {@code context.version} (0.4) or {@code context.specversion}
 * (0.5); for {@code pipelinerun.*} also {@code subject.id} and {@code subject.content.pipelineName}.
 * {@code pipelinerun.queued/started/finished} make runs; {@code taskrun.*} roll up into their pipeline run; other
 * types (test runs, deployments, incidents, unknown ones) are kept raw without a run.
 */
public final class CDEventsParser {

    private static final String PREFIX = "dev.cdevents.";

    /** A semantic version (CDEvents versions both the spec and each event type so). */
    private static final String VERSION = "\\d{1,9}\\.\\d{1,9}\\.\\d{1,9}(-[0-9A-Za-z.-]{1,60})?";

    private static final java.util.regex.Pattern SEMVER = java.util.regex.Pattern.compile(VERSION);

    /** A CDEvents type: subject, predicate and the event's version. */
    private static final java.util.regex.Pattern TYPE =
            java.util.regex.Pattern.compile("dev\\.cdevents\\.[A-Za-z]{1,60}\\.[A-Za-z]{1,60}\\." + VERSION);

    /** One CDEvent (the CloudEvent's data in binary or structured mode, or a plain CDEvent). */
    public RunEvent parse(JsonNode e) {
        if (!e.isObject()) {
            throw new BadRunEvent(null, "a CDEvent is a JSON object with context and subject");
        }
        if (!e.path("context").isObject()) {
            throw new BadRunEvent("context", "\"context\" is required: an object with id, source, type and timestamp");
        }
        String id = Fields.required(e, "context.id", Fields.MAX_EVENT_ID);
        String source = Fields.required(e, "context.source", Fields.MAX_EVENT_ID);
        String type = Fields.required(e, "context.type");
        Instant time = Fields.requiredTime(e, "context.timestamp");
        String versionField =
                Fields.optional(e, "context.specversion") != null ? "context.specversion" : "context.version";
        String version = Fields.optional(e, versionField);
        if (version == null) {
            throw new BadRunEvent(
                    "context.specversion",
                    "\"context.specversion\" (CDEvents 0.5) or \"context.version\"" + " (CDEvents 0.4) is required");
        }
        if (!SEMVER.matcher(version).matches()) {
            throw new BadRunEvent(
                    versionField,
                    "\"" + versionField + "\" must be the CDEvents version the event follows, such as 0.4.1, found "
                            + dev.interlock.errors.Echo.quoted(version));
        }
        if (type.startsWith(PREFIX) && !TYPE.matcher(type).matches()) {
            throw new BadRunEvent(
                    "context.type",
                    "\"context.type\" must be dev.cdevents.<subject>.<predicate>.<version>, such as"
                            + " dev.cdevents.pipelinerun.finished.0.1.1, found \"" + Fields.clip(type, 120) + "\"");
        }
        if (!e.path("subject").isObject()) {
            throw new BadRunEvent("subject", "\"subject\" is required: an object with id and content");
        }
        JsonNode content = e.path("subject").path("content");
        String[] parts =
                type.startsWith(PREFIX) ? type.substring(PREFIX.length()).split("\\.") : new String[0];
        String subject = parts.length >= 2 ? parts[0].toLowerCase(Locale.ROOT) : "";
        String predicate = parts.length >= 2 ? parts[1].toLowerCase(Locale.ROOT) : "";
        String dedup = source + "|" + id;
        String url = Fields.clip(first(Fields.optional(content, "uri"), Fields.optional(content, "url")), 2000);
        String error = Fields.clipMessage(Fields.optional(content, "errors"), 4000);
        String triggerType = Fields.optional(content, "trigger.type");
        boolean manual = triggerType != null && triggerType.equalsIgnoreCase("manual");
        String trigger = triggerType == null ? null : normaliseTrigger(triggerType);
        if ((subject.equals("pipelinerun") || subject.equals("taskrun"))
                && !predicate.equals("queued")
                && !predicate.equals("started")
                && !predicate.equals("finished")) {
            // A predicate CDEvents may add later: kept as it came, but it tells nothing of the run's state (a run made
            // of it alone would be queued for ever).
            JobId job = new JobId("cdevents", source, subject, null);
            return RunEvent.aboutNoRun("cdevents", dedup, type, time, job, url, error, e.toString());
        }
        if (subject.equals("pipelinerun")) {
            String runId = Fields.required(e, "subject.id", Fields.MAX_RUN_ID);
            String pipeline = Fields.required(e, "subject.content.pipelineName", Fields.MAX_JOB_PART);
            JobId job = new JobId("cdevents", source, pipeline, null);
            Outcome o = outcome(predicate, outcomeText(content), error);
            return new RunEvent(
                    "cdevents",
                    dedup,
                    type,
                    time,
                    job,
                    null,
                    runId,
                    null,
                    null,
                    null,
                    o.state,
                    predicate.equals("queued"),
                    predicate.equals("started"),
                    null,
                    null,
                    trigger,
                    manual,
                    null,
                    null,
                    url,
                    error,
                    o.infra,
                    null,
                    null,
                    null,
                    e.toString());
        }
        if (subject.equals("taskrun")) {
            // Held to a pipeline run's own length: a longer id names no run, and would overflow the key it waits for.
            String parent = Fields.bounded(
                    Fields.optional(content, "pipelineRun.id"), "subject.content.pipelineRun.id", Fields.MAX_RUN_ID);
            String task = first(Fields.optional(content, "taskName"), "task");
            JobId job = new JobId("cdevents", source, "taskrun:" + task, null);
            // The task run's own id, never its pipeline run's: a run naming itself as its parent is not a child.
            String own = Fields.clip(Fields.optional(e, "subject.id"), Fields.MAX_RUN_ID);
            String runId = parent == null
                    ? null
                    : own == null || own.equals(parent) ? Fields.clip(parent + "/" + task, Fields.MAX_RUN_ID) : own;
            Outcome o = outcome(predicate, outcomeText(content), error);
            // A task run's failure fails its pipeline run; its start shows the pipeline run running.
            RunState state = o.state == RunState.FAILED ? RunState.FAILED : null;
            return new RunEvent(
                    "cdevents",
                    dedup,
                    type,
                    time,
                    job,
                    null,
                    runId,
                    parent,
                    null,
                    null,
                    state,
                    false,
                    predicate.equals("started"),
                    null,
                    null,
                    null,
                    false,
                    null,
                    null,
                    null,
                    error,
                    o.infra,
                    null,
                    null,
                    null,
                    e.toString());
        }
        JobId job = new JobId("cdevents", source, subject.isEmpty() ? type : subject, null);
        return RunEvent.aboutNoRun("cdevents", dedup, type, time, job, url, error, e.toString());
    }

    private record Outcome(RunState state, boolean infra) {}

    /** success → succeeded, failure/error → failed (error is an infrastructure failure), cancel → cancelled. */
    private static final java.util.Set<String> OUTCOMES = java.util.Set.of(
            "success", "succeeded", "failure", "failed", "error", "cancel", "cancelled", "canceled", "skipped", "skip");

    /** The outcome as written, or {@code null} when absent; any other shape or word is refused, never guessed. */
    private static String outcomeText(JsonNode content) {
        JsonNode node = content.path("outcome");
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || !OUTCOMES.contains(node.asText().toLowerCase(Locale.ROOT))) {
            throw new BadRunEvent(
                    "subject.content.outcome",
                    "\"subject.content.outcome\" must be success, failure, error or cancel (CDEvents), found "
                            + Fields.shorten(node.toString()));
        }
        return node.asText();
    }

    private static Outcome outcome(String predicate, String outcome, String error) {
        if (predicate.equals("queued")) {
            return new Outcome(RunState.QUEUED, false);
        }
        if (predicate.equals("started")) {
            return new Outcome(RunState.RUNNING, false);
        }
        if (!predicate.equals("finished")) {
            return new Outcome(null, false);
        }
        String o = outcome == null ? (error == null ? "success" : "failure") : outcome.toLowerCase(Locale.ROOT);
        return switch (o) {
            case "success", "succeeded" -> new Outcome(RunState.SUCCEEDED, false);
            case "cancel", "cancelled", "canceled" -> new Outcome(RunState.CANCELLED, false);
            case "error" -> new Outcome(RunState.FAILED, true);
            case "skipped", "skip" -> new Outcome(RunState.SKIPPED, false);
            default -> new Outcome(RunState.FAILED, false);
        };
    }

    private static String normaliseTrigger(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "manual", "schedule", "push", "after", "event" -> t;
            case "cron", "scheduled" -> "schedule";
            default -> "event";
        };
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
