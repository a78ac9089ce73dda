package dev.interlock.runs.ingest;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.interlock.runs.RunState;

/**
 * OpenLineage RunEvents (spec 2-0-2) into {@link RunEvent}s. Required: {@code eventTime}, {@code run.runId},
 * {@code job.namespace}, {@code job.name}; {@code eventType}, when present, one of the spec's enum. Facets Interlock
 * reads: {@code nominalTime}, {@code parent}, {@code errorMessage}, {@code jobType}, {@code sourceCodeLocation},
 * input/output statistics, Airflow's run type. Everything else is kept in the raw event.
 */
public final class OpenLineageParser {

    /** The eventType enum of the spec. */
    static final Set<String> TYPES = Set.of("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER");

    private static final Map<String, RunState> STATES = Map.of(
            "START",
            RunState.RUNNING,
            "RUNNING",
            RunState.RUNNING,
            "COMPLETE",
            RunState.SUCCEEDED,
            "FAIL",
            RunState.FAILED,
            "ABORT",
            RunState.CANCELLED);

    private final ObjectMapper mapper;

    public OpenLineageParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** One event, or each event of an array. */
    public List<RunEvent> parse(JsonNode body) {
        if (body.isArray()) {
            List<RunEvent> out = new java.util.ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                try {
                    out.add(one(body.get(i)));
                } catch (BadRunEvent e) {
                    throw e.at(i);
                }
            }
            return out;
        }
        return List.of(one(body));
    }

    RunEvent one(JsonNode e) {
        if (!e.isObject()) {
            throw new BadRunEvent(null, "an OpenLineage RunEvent is a JSON object");
        }
        String type = Fields.optional(e, "eventType");
        if (e.has("eventType") && (type == null || !TYPES.contains(type))) {
            throw new BadRunEvent(
                    "eventType",
                    "\"eventType\" must be one of START, RUNNING, COMPLETE, ABORT, FAIL, " + "OTHER; found "
                            + (type == null ? e.get("eventType").toString() : "\"" + Fields.shorten(type) + "\""));
        }
        if (type == null) {
            type = "OTHER";
        }
        Instant time = Fields.requiredTime(e, "eventTime");
        if (!e.has("run")
                && !e.has("eventType")
                && (e.path("job").isObject() || e.path("dataset").isObject())) {
            return staticEvent(e, time);
        }
        String runId = Fields.required(e, "run.runId", Fields.MAX_RUN_ID);
        if (!e.path("job").isObject()) {
            throw new BadRunEvent("job", "\"job\" is required: an object with namespace and name");
        }
        JobId job = new JobId(
                "openlineage",
                Fields.required(e, "job.namespace", Fields.MAX_JOB_PART),
                Fields.required(e, "job.name", Fields.MAX_JOB_PART),
                null);
        JsonNode runFacets = e.path("run").path("facets");
        JobId parentJob = null;
        // The parent's ids become the run's when the child rolls up into it: held to the same lengths as the event's
        // own (a longer run id was cut short in the runs table, or overflowed its key with a 500).
        JsonNode parentRunId = runFacets.path("parent").path("run").path("runId");
        if (!parentRunId.isMissingNode() && !parentRunId.isNull() && !parentRunId.isTextual()) {
            throw new BadRunEvent(
                    "run.facets.parent.run.runId",
                    "\"run.facets.parent.run.runId\" must be the parent run's id (text), found "
                            + Fields.shorten(parentRunId.toString()));
        }
        String parentRun = Fields.bounded(
                Fields.optional(runFacets, "parent.run.runId"), "run.facets.parent.run.runId", Fields.MAX_RUN_ID);
        String parentName = Fields.bounded(
                Fields.optional(runFacets, "parent.job.name"), "run.facets.parent.job.name", Fields.MAX_JOB_PART);
        if (parentRun != null && parentName != null) {
            // The facet's schema requires the namespace: without it the parent job would be one named "null".
            parentJob = new JobId(
                    "openlineage",
                    Fields.required(e, "run.facets.parent.job.namespace", Fields.MAX_JOB_PART),
                    parentName,
                    null);
        }
        Lineage root = parentRun == null ? new Lineage(null, null) : root(runFacets);
        Instant nominal = Fields.optionalTime(e, "run.facets.nominalTime.nominalStartTime");
        if (fromAirflow(e)) {
            // Airflow reports the data interval, whose start is the tick before the one the run is for (a run of
            // "0 * * * *" at 10:00 has 09:00–10:00); its end is the run's own tick (with Airflow 3's cron trigger
            // timetable both are the tick).
            Instant end = Fields.optionalTime(e, "run.facets.nominalTime.nominalEndTime");
            nominal = end != null ? end : nominal;
        }
        String runType = firstNonNull(
                Fields.optional(runFacets, "airflow.dagRun.run_type"),
                Fields.optional(runFacets, "airflowDagRun.dagRun.run_type"),
                Fields.optional(runFacets, "interlock.trigger"));
        boolean manual = runType != null && runType.toLowerCase().contains("manual");
        String trigger =
                manual ? "manual" : nominal != null || "scheduled".equalsIgnoreCase(runType) ? "schedule" : null;
        String url = firstNonNull(url(runFacets), Fields.optional(e, "job.facets.sourceCodeLocation.url"));
        String error = Fields.optional(runFacets, "errorMessage.message");
        String dedup = runId + "|" + type + "|" + time.toString();
        return new RunEvent(
                "openlineage",
                dedup,
                type,
                time,
                job,
                parentJob,
                runId,
                parentRun,
                root.run(),
                root.job(),
                STATES.get(type),
                false,
                "START".equals(type) || "RUNNING".equals(type),
                null,
                nominal,
                trigger,
                manual,
                Fields.optional(runFacets, "interlock.actor"),
                null,
                Fields.clip(url, 2000),
                Fields.clipMessage(error, 4000),
                false,
                datasets(e),
                null,
                null,
                e.toString());
    }

    private record Lineage(String run, JobId job) {}

    /**
     * The run at the root of the parent's lineage (ParentRunFacet 1-1-0's {@code root}): a Spark job started by an
     * Airflow task names the task as its parent and the DAG's run as its root. Only a hint: a root without its run id
     * and job, or with one longer than the runs table keeps, is left out ({@code null}s), never a reason to refuse
     * the event.
     */
    private static Lineage root(JsonNode runFacets) {
        String run = Fields.optional(runFacets, "parent.root.run.runId");
        String namespace = Fields.optional(runFacets, "parent.root.job.namespace");
        String name = Fields.optional(runFacets, "parent.root.job.name");
        if (run == null
                || namespace == null
                || name == null
                || run.length() > Fields.MAX_RUN_ID
                || namespace.length() > Fields.MAX_JOB_PART
                || name.length() > Fields.MAX_JOB_PART) {
            return new Lineage(null, null);
        }
        return new Lineage(run, new JobId("openlineage", namespace, name, null));
    }

    /**
     * Whether Airflow sent the event: its OpenLineage provider (producer {@code https://github.com/apache/airflow/...})
     * or the older openlineage-airflow integration, or a run facet only Airflow adds.
     */
    static boolean fromAirflow(JsonNode e) {
        String producer = e.path("producer").asText("");
        JsonNode facets = e.path("run").path("facets");
        return producer.startsWith("https://github.com/apache/airflow")
                || producer.contains("/integration/airflow")
                || facets.has("airflowDagRun")
                || facets.has("airflow");
    }

    /**
     * A JobEvent or DatasetEvent (spec 2-0-2): what a job or dataset is, with no run. Kept as it arrived, as a CDEvent
     * about no run is, so that an array that mixes them with RunEvents (as some producers send) is not refused.
     * Recognised again by its content when a producer retries it.
     */
    private static RunEvent staticEvent(JsonNode e, Instant time) {
        boolean job = e.path("job").isObject();
        String side = job ? "job" : "dataset";
        JobId id = new JobId(
                "openlineage",
                Fields.required(e, side + ".namespace", Fields.MAX_JOB_PART),
                Fields.required(e, side + ".name", Fields.MAX_JOB_PART),
                null);
        String type = job ? "JobEvent" : "DatasetEvent";
        String body = e.toString();
        return RunEvent.aboutNoRun("openlineage", type + "|" + Fields.digest(body), type, time, id, null, null, body);
    }

    /** A link to the run: any run facet's {@code url}/{@code uri} field. */
    private static String url(JsonNode runFacets) {
        for (Iterator<JsonNode> it = runFacets.elements(); it.hasNext(); ) {
            JsonNode facet = it.next();
            for (String key : List.of("url", "uri", "runUrl")) {
                if (facet.path(key).isTextual() && facet.path(key).asText().matches("(?i)https?://.*")) {
                    return facet.path(key).asText();
                }
            }
        }
        return null;
    }

    /** Inputs and outputs with row counts, when the event names any. */
    private String datasets(JsonNode e) {
        ObjectNode out = mapper.createObjectNode();
        boolean any = false;
        for (String side : List.of("inputs", "outputs")) {
            ArrayNode list = out.putArray(side);
            JsonNode sent = e.path(side);
            if (!sent.isMissingNode() && !sent.isNull() && !sent.isArray()) {
                throw new BadRunEvent(
                        side, "\"" + side + "\" must be a list of datasets, found " + Fields.shorten(sent.toString()));
            }
            for (int i = 0; i < sent.size(); i++) {
                JsonNode d = sent.get(i);
                if (!d.path("namespace").isTextual() || !d.path("name").isTextual()) {
                    String at = side + "[" + i + "]";
                    throw new BadRunEvent(
                            at, "\"" + at + "\" must be a dataset: an object with a namespace and a name (text)");
                }
                ObjectNode item = list.addObject();
                item.put("namespace", d.path("namespace").asText(""));
                item.put("name", d.path("name").asText(""));
                JsonNode rows = side.equals("inputs")
                        ? d.path("inputFacets").path("inputStatistics").path("rowCount")
                        : d.path("outputFacets").path("outputStatistics").path("rowCount");
                if (rows.isNumber()) {
                    item.put("rowCount", rows.asLong());
                }
                any = true;
            }
        }
        return any ? out.toString() : null;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
