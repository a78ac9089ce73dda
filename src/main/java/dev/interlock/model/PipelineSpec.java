package dev.interlock.model;

import java.util.List;

/**
 * The {@code spec.pipeline} block of a pipeline component (catalog-model.md), as values. References stay as
 * written; {@link Entity#refs(String)} parses them with their field's default kind.
 *
 * @param family what kind of pipeline ({@code ci}, {@code elt}, {@code reverse-etl}); {@code ""} when none
 * @param platform where it runs ({@code github-actions}, {@code airflow}); {@code ""} when none
 * @param url where its runs are shown; {@code ""} when none
 * @param runsAs the account it runs as; {@code ""} when none
 * @param source where its code lives; {@code ""} when none
 * @param trigger when it runs
 * @param inputs resources it reads, as written
 * @param outputs resources it writes, as written
 * @param maintainers people who can fix it, as written
 * @param runbook how to fix it; {@code ""} when none
 * @param oncall who to call (a URL or a name); {@code ""} when none
 * @param slo what it promises
 * @param checks the tests and data-quality checks it runs
 * @param node the block itself, for expressions
 */
public record PipelineSpec(
        String family,
        String platform,
        String url,
        String runsAs,
        String source,
        Trigger trigger,
        List<String> inputs,
        List<String> outputs,
        List<String> maintainers,
        String runbook,
        String oncall,
        Slo slo,
        List<Check> checks,
        Node node) {

    /**
     * When the pipeline runs.
     *
     * @param schedule cron expression or {@code @hourly}-style macro; {@code ""} when none
     * @param timezone the schedule's time zone; {@code ""} for UTC
     * @param grace how late a run may start (ISO-8601 or {@code 15m}); {@code ""} for the default
     * @param after pipelines whose success triggers it, as written
     * @param events events that trigger it ({@code push}, {@code manual})
     */
    public record Trigger(String schedule, String timezone, String grace, List<String> after, List<String> events) {}

    /**
     * What the pipeline promises.
     *
     * @param freshness how old its outputs may be; {@code ""} when none
     * @param successRate the share of runs that must succeed, as written; {@code ""} when none
     * @param maxDuration how long a run may take; {@code ""} when none
     */
    public record Slo(String freshness, String successRate, String maxDuration) {}

    /** A test or data-quality check. */
    public record Check(String name, String type) {}

    /** Reads a {@code spec.pipeline} node. */
    public static PipelineSpec of(Node p) {
        Node t = p.get("trigger");
        Node slo = p.get("slo");
        return new PipelineSpec(
                p.get("family").text(""),
                p.get("platform").text(""),
                p.get("url").text(""),
                p.get("runsAs").text(""),
                p.get("source").text(""),
                new Trigger(
                        t.get("schedule").text(""),
                        t.get("timezone").text(""),
                        orEmpty(t.get("grace").scalarText()),
                        t.get("after").strings(),
                        t.get("events").strings()),
                p.get("inputs").strings(),
                p.get("outputs").strings(),
                p.get("maintainers").strings(),
                p.get("runbook").text(""),
                p.get("oncall").text(""),
                new Slo(
                        orEmpty(slo.get("freshness").scalarText()),
                        orEmpty(slo.get("successRate").scalarText()),
                        orEmpty(slo.get("maxDuration").scalarText())),
                p.get("checks").items().stream()
                        .map(c ->
                                new Check(c.get("name").text(""), c.get("type").text("")))
                        .toList(),
                p);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
