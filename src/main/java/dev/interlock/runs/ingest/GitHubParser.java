package dev.interlock.runs.ingest;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.interlock.runs.BranchKind;
import dev.interlock.runs.RunState;

/**
 * GitHub {@code workflow_run} webhook payloads into {@link RunEvent}s. Required: {@code action},
 * {@code workflow_run.id}, {@code workflow_run.repository.full_name} (or {@code repository.full_name}),
 * {@code workflow_run.path} or {@code .name} (else the delivery's {@code workflow.path} or {@code .name}), and the time of the action ({@code updated_at}/{@code created_at}).
 * A re-run ({@code run_attempt > 1}) is a run of its own, started by hand.
 */
public final class GitHubParser {

    /**
     * Longest {@code action} kept. GitHub's are a word ({@code requested}, {@code in_progress}, {@code completed}); the
     * action is part of the dedup key (700 characters, with a run id of up to 280 and the attempt), which a longer one
     * overflowed: the insert failed and the delivery got a 500.
     */
    static final int MAX_ACTION = 100;

    /** GitHub's run ids: whole numbers (64-bit today; room for more). */
    private static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile("[0-9]{1,30}");

    /** The actions of {@code workflow_run} deliveries (GitHub's webhook documentation). */
    private static final java.util.Set<String> KNOWN_ACTIONS =
            java.util.Set.of("requested", "in_progress", "completed");

    /** One delivery. */
    public RunEvent parse(JsonNode e) {
        if (!e.isObject()) {
            throw new BadRunEvent(null, "a workflow_run delivery is a JSON object");
        }
        String action = Fields.required(e, "action", MAX_ACTION);
        if (!e.path("workflow_run").isObject()) {
            throw new BadRunEvent("workflow_run", "\"workflow_run\" is required");
        }
        JsonNode run = e.path("workflow_run");
        String id = id(run.path("id"));
        String repo = Fields.optional(run, "repository.full_name");
        if (repo == null) {
            repo = Fields.required(e, "repository.full_name");
        }
        Fields.bounded(repo, "repository.full_name", Fields.MAX_JOB_PART);
        // The delivery's top-level "workflow" names the workflow too (GitHub's own sample payload has no
        // workflow_run.path and an empty workflow_run.name).
        String path = Fields.bounded(
                first(Fields.optional(run, "path"), Fields.optional(e, "workflow.path")),
                "workflow_run.path",
                Fields.MAX_JOB_PART);
        String name = Fields.bounded(
                first(Fields.optional(run, "name"), Fields.optional(e, "workflow.name")),
                "workflow_run.name",
                Fields.MAX_JOB_PART);
        if (path == null && name == null) {
            throw new BadRunEvent("workflow_run.path", "\"workflow_run.path\" or \"workflow_run.name\" is required");
        }
        int attempt = attempt(run.path("run_attempt"));
        Instant updated = Fields.optionalTime(e, "workflow_run.updated_at");
        Instant created = Fields.optionalTime(e, "workflow_run.created_at");
        Instant started = Fields.optionalTime(e, "workflow_run.run_started_at");
        Instant time = switch (action) {
            // created_at stays the first attempt's: a re-run is requested when it is updated.
            case "requested" -> attempt > 1 ? first(updated, created) : first(created, updated);
            case "in_progress" -> first(started, updated);
            default -> first(updated, created);
        };
        if (time == null) {
            throw new BadRunEvent("workflow_run.updated_at", "\"workflow_run.updated_at\" is required");
        }
        JobId job = new JobId("github", repo, path == null ? name : path, name);
        if (!KNOWN_ACTIONS.contains(action)) {
            // A delivery GitHub may add later: kept as it came, but it tells nothing of the run's state (a run made of
            // it alone would be queued for ever).
            return RunEvent.aboutNoRun(
                    "github",
                    id + "|" + attempt + "|" + action,
                    "workflow_run." + action,
                    time,
                    job,
                    Fields.clip(Fields.optional(run, "html_url"), 2000),
                    null,
                    e.toString());
        }
        RunState state = switch (action) {
            case "requested" -> RunState.QUEUED;
            case "in_progress" -> RunState.RUNNING;
            case "completed" -> conclusion(Fields.optionalText(e, "workflow_run.conclusion", "GitHub's conclusion"));
            default -> null;
        };
        String event = Fields.optionalText(e, "workflow_run.event", "the event that triggered the run");
        boolean manual = "workflow_dispatch".equals(event) || attempt > 1;
        String actor = first(Fields.optional(run, "triggering_actor.login"), Fields.optional(run, "actor.login"));
        String runId = attempt > 1 ? id + "-attempt-" + attempt : id;
        // Kept as sent, and judged so ("ma\u200Bin" is not main); pages leave out its invisible characters.
        String branch = Fields.clip(Fields.optionalText(e, "workflow_run.head_branch", "a branch name"), 255);
        BranchKind kind = branch == null
                ? null
                : branchKind(
                        branch,
                        event,
                        first(
                                Fields.optional(e, "repository.default_branch"),
                                Fields.optional(run, "repository.default_branch")),
                        Fields.optional(run, "head_repository.full_name"),
                        repo);
        return new RunEvent(
                "github",
                // Unambiguous with | in the action: the id is digits and the attempt a number, and the action comes
                // last.
                id + "|" + attempt + "|" + action,
                "workflow_run." + action,
                time,
                job,
                null,
                runId,
                null,
                null,
                null,
                state,
                action.equals("requested"),
                action.equals("in_progress"),
                started,
                null,
                trigger(event, manual),
                manual,
                actor,
                attempt,
                Fields.clip(Fields.optional(run, "html_url"), 2000),
                state == RunState.FAILED ? failure(Fields.optional(run, "conclusion")) : null,
                false,
                null,
                branch,
                kind,
                e.toString());
    }

    /**
     * {@code workflow_run.id}: GitHub's run id, a whole number (as JSON number or text). Any other text is refused: it
     * would be part of the dedup key, where a {@code |} in it could make two deliveries one.
     */
    private static String id(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            throw new BadRunEvent("workflow_run.id", "\"workflow_run.id\" is required");
        }
        String id = node.isIntegralNumber() || node.isTextual() ? node.asText() : "";
        if (!RUN_ID.matcher(id).matches()) {
            throw new BadRunEvent(
                    "workflow_run.id",
                    "\"workflow_run.id\" must be GitHub's run id, a whole number, found "
                            + Fields.shorten(node.toString()));
        }
        // One number, one run: "012" as text is the run 12 that GitHub sends as a JSON number.
        return id.replaceFirst("^0+(?=[0-9])", "");
    }

    /**
     * {@code run_attempt}: 1 when absent, else a whole number from 1. Anything else is refused, never read as 1 (a
     * re-run's attempt written as text folded into the first run) or wrapped around (a number past {@code int} became
     * negative).
     */
    private static int attempt(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return 1;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
            throw new BadRunEvent(
                    "workflow_run.run_attempt",
                    "\"workflow_run.run_attempt\" must be a whole number from 1, found "
                            + Fields.shorten(node.toString()));
        }
        return node.asInt();
    }

    /**
     * GitHub's conclusions: success → succeeded; failure, timed_out, startup_failure (the workflow could not start, as
     * when its file is invalid) → failed; cancelled, stale (GitHub gave up waiting for it to complete) → cancelled;
     * skipped, neutral, action_required (it waits for someone to approve it, and has not run) → skipped. A conclusion
     * GitHub adds later counts as failed, and the run's error names it ({@link #failure}).
     */
    static RunState conclusion(String conclusion) {
        return switch (conclusion == null ? "" : conclusion.toLowerCase(Locale.ROOT)) {
            case "success" -> RunState.SUCCEEDED;
            case "failure", "timed_out", "startup_failure" -> RunState.FAILED;
            case "cancelled", "stale" -> RunState.CANCELLED;
            case "skipped", "neutral", "action_required" -> RunState.SKIPPED;
            default -> RunState.FAILED;
        };
    }

    /** The error of a failed run: its conclusion, and whether Interlock knows it. */
    private static String failure(String conclusion) {
        String c = conclusion == null ? "" : conclusion.toLowerCase(Locale.ROOT);
        return switch (c) {
            case "failure", "timed_out", "startup_failure" -> "conclusion: " + conclusion;
            default ->
                "conclusion: " + (conclusion == null ? "none" : Fields.shorten(conclusion))
                        + " (not one Interlock knows; counted as failed)";
        };
    }

    /**
     * What a run's branch is. A pull request's run, the merge queue's, and any run of a fork's branch (a fork's
     * pull request from its own {@code main} has that name too) are proposals; the default branch is the main line, and
     * so is a run no push started (a release, a schedule, a run by hand); a push to another branch or a tag is other,
     * and so is a run another workflow's run started there.
     * Without the default branch (a trimmed payload), a push is other unless it is named {@code main} or {@code master}.
     */
    static BranchKind branchKind(String branch, String event, String defaultBranch, String headRepo, String repo) {
        if ((event != null && PROPOSALS.contains(event)) || (headRepo != null && !headRepo.equalsIgnoreCase(repo))) {
            return BranchKind.PROPOSAL;
        }
        if (defaultBranch != null ? branch.equals(defaultBranch) : branch.equals("main") || branch.equals("master")) {
            return BranchKind.MAIN;
        }
        // A push (or a run another workflow's run started, which ran for its branch) is that branch's build.
        return event == null || event.equals("push") || event.equals("workflow_run")
                ? BranchKind.OTHER
                : BranchKind.MAIN;
    }

    /** The events of a change proposed for merging. */
    private static final java.util.Set<String> PROPOSALS =
            java.util.Set.of("pull_request", "pull_request_target", "merge_group");

    private static String trigger(String event, boolean manual) {
        if (manual) {
            return "manual";
        }
        if (event == null) {
            return null;
        }
        return switch (event) {
            case "schedule" -> "schedule";
            case "push", "pull_request", "pull_request_target", "merge_group", "release", "create" -> "push";
            case "workflow_run" -> "after";
            default -> "event";
        };
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
