package dev.interlock.runs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.restassured.response.ValidatableResponse;

import dev.interlock.support.Api;

/** Run events for tests, shaped like the real ones (OpenLineage spec, cdevents/spec conformance, octokit payloads). */
public final class RunEvents {

    static final String GITHUB_SECRET = "test-webhook-secret";

    private RunEvents() {}

    /** A CDEvents pipelinerun event, 0.4.1 ({@code version}, {@code url}) or 0.5.1 ({@code specversion}, {@code uri}). */
    static String pipelineRun(
            String spec,
            String predicate,
            String id,
            String source,
            Instant time,
            String runId,
            String pipeline,
            String outcome) {
        boolean v05 = spec.startsWith("0.5");
        String type = "dev.cdevents.pipelinerun." + predicate + (v05 ? ".0.2.0" : ".0.1.1");
        String content = "\"pipelineName\": \"" + pipeline + "\", \"" + (v05 ? "uri" : "url")
                + "\": \"https://tekton.example/runs/" + runId + "\""
                + (outcome == null
                        ? ""
                        : ", \"outcome\": \"" + outcome + "\""
                                + (outcome.equals("success") ? "" : ", \"errors\": \"step build failed\\nexit 1\""));
        return """
                {"context": {"%s": "%s", "id": "%s", "source": "%s", "type": "%s", "timestamp": "%s"},
                 "subject": {"id": "%s", "source": "%s", %s"content": {%s}}}
                """.formatted(
                        v05 ? "specversion" : "version",
                        spec,
                        id,
                        source,
                        type,
                        time,
                        runId,
                        source,
                        v05 ? "" : "\"type\": \"pipelineRun\", ",
                        content);
    }

    /** A CDEvents 0.4 task run event of a pipeline run, as Tekton's CDEvents controller sends it. */
    static String taskRun(
            String predicate,
            String id,
            String source,
            Instant time,
            String taskRunId,
            String task,
            String pipelineRunId,
            String outcome) {
        String content = "\"taskName\": \"" + task + "\", \"pipelineRun\": {\"id\": \"" + pipelineRunId
                + "\", \"source\": \"" + source + "\"}"
                + (outcome == null
                        ? ""
                        : ", \"outcome\": \"" + outcome + "\""
                                + (outcome.equals("success") ? "" : ", \"errors\": \"step " + task + " failed\""));
        return """
                {"context": {"version": "0.4.1", "id": "%s", "source": "%s", "type": "dev.cdevents.taskrun.%s.0.1.1",
                 "timestamp": "%s"},
                 "subject": {"id": "%s", "source": "%s", "type": "taskRun", "content": {%s}}}
                """.formatted(id, source, predicate, time, taskRunId, source, content);
    }

    /** An OpenLineage ParentRunFacet naming a run and its job, as a run facets member. */
    static String parentFacet(String runId, String namespace, String job) {
        return "\"parent\": {\"run\": {\"runId\": \"" + runId + "\"}, \"job\": {\"namespace\": \"" + namespace
                + "\", \"name\": \"" + job + "\"}}";
    }

    /** A GitHub workflow_run delivery. */
    static String workflowRun(
            String action,
            long id,
            int attempt,
            String repo,
            String path,
            String conclusion,
            Instant created,
            Instant updated,
            String event,
            String actor) {
        return """
                {"action": "%s",
                 "workflow_run": {"id": %d, "name": "CI", "path": "%s", "run_attempt": %d, "event": "%s",
                   "status": "%s", "conclusion": %s, "created_at": "%s", "run_started_at": "%s", "updated_at": "%s",
                   "html_url": "https://github.com/%s/actions/runs/%d",
                   "actor": {"login": "%s"}, "triggering_actor": {"login": "%s"},
                   "repository": {"full_name": "%s"}},
                 "repository": {"full_name": "%s"}, "sender": {"login": "%s"}}
                """.formatted(
                        action,
                        id,
                        path,
                        attempt,
                        event,
                        action.equals("completed") ? "completed" : action,
                        conclusion == null ? "null" : "\"" + conclusion + "\"",
                        created,
                        created,
                        updated,
                        repo,
                        id,
                        actor,
                        actor,
                        repo,
                        repo,
                        actor);
    }

    static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(GITHUB_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ValidatableResponse postCDEvent(String json) {
        return Api.anonymous()
                .auth()
                .preemptive()
                .basic("ci", "ci")
                .contentType("application/json")
                .body(json)
                .post("/api/cdevents")
                .then();
    }

    static ValidatableResponse postGitHub(String json) {
        return Api.anonymous()
                .contentType("application/json")
                .header("X-GitHub-Event", "workflow_run")
                .header("X-GitHub-Delivery", java.util.UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", sign(json))
                .body(json)
                .post("/api/webhooks/github")
                .then();
    }

    /** A data pipeline claiming OpenLineage jobs, with optional extra pipeline keys. */
    public static String dataPipeline(String name, String annotations, String pipelineExtra) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  annotations:
                %s
                spec:
                  type: pipeline
                  lifecycle: production
                  owner: group:data-engineering
                  pipeline:
                    family: data
                    maintainers: [user:raj]
                """.formatted(name, annotations.indent(4).stripTrailing())
                + (pipelineExtra == null ? "" : pipelineExtra.indent(4));
    }
}
