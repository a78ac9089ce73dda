package dev.interlock.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.ReaderLimits;
import dev.interlock.support.Validators;
import dev.interlock.validation.Problem;

class PipelinePolicyTest {

    private static final String HEAD = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: sfdc-to-hubspot-deals
            spec:
              type: pipeline
              lifecycle: production
              owner: group:revops
              pipeline:
            """;

    private List<Problem> problems(String pipeline) {
        return new DescriptorReader(ReaderLimits.DEFAULTS)
                .read(HEAD + pipeline.indent(4), DescriptorReader.Format.YAML, null).stream()
                        .flatMap(d -> Validators.all().validate(d).stream())
                        .toList();
    }

    @Test
    void acceptsTheFullBlockOfTheSpec() {
        List<Problem> problems = problems("""
                family: data
                platform: fivetran
                url: https://fivetran.example/connectors/1
                runsAs: service-account
                source: https://git.example.com/revops/syncs/-/tree/main/hubspot
                trigger:
                  schedule: "0 * * * *"
                  after: [component:dbt-revenue-models]
                  events: [push, manual]
                inputs: [resource:salesforce-opportunity]
                outputs: [resource:hubspot-deal]
                maintainers: [user:ana, user:raj]
                runbook: https://wiki.example/runbook
                oncall: pagerduty:revops
                slo: {freshness: 2h, successRate: 0.95, maxDuration: PT30M}
                checks:
                  - {name: unit-tests, type: test}
                  - {name: opportunity-id-not-null, type: quality}
                """);
        assertEquals(List.of(), problems);
    }

    @Test
    void refusesEachMalformedKeyWithItsLine() {
        List<Problem> problems = problems("""
                family: marketing
                runsAs: ana
                url: ftp://x
                trigger:
                  schedule: "61 * * * *"
                slo: {freshness: soon, successRate: 95}
                oncall: call ana
                checks: [{type: test}]
                maintainers: user:ana
                """);
        List<String> fields = problems.stream().map(Problem::field).toList();
        assertEquals(
                List.of(
                        "spec.pipeline.family",
                        "spec.pipeline.url",
                        "spec.pipeline.runsAs",
                        "spec.pipeline.oncall",
                        "spec.pipeline.maintainers",
                        "spec.pipeline.trigger.schedule",
                        "spec.pipeline.slo.freshness",
                        "spec.pipeline.slo.successRate",
                        "spec.pipeline.checks.0.name"),
                fields);
        Problem cron = problems.get(5);
        assertEquals(14, cron.line());
        assertTrue(cron.message().contains("61"), cron.message());
        assertTrue(problems.stream().allMatch(Problem::isError));
    }

    @Test
    void warnsOfUnknownKeys() {
        List<Problem> problems = problems("family: data\nmaintainer: [user:ana]\n");
        assertEquals(1, problems.size());
        assertEquals(Problem.Severity.WARNING, problems.get(0).severity());
        assertEquals("spec.pipeline.maintainer", problems.get(0).field());
    }

    @Test
    void parsesDurationsAndDescribesSchedules() {
        assertEquals(Duration.ofHours(2), Durations.parse("2h").orElseThrow());
        assertEquals(Duration.ofMinutes(30), Durations.parse("PT30M").orElseThrow());
        assertEquals(Duration.ofDays(1), Durations.parse("P1D").orElseThrow());
        assertTrue(Durations.parse("2 hours").isEmpty());
        assertEquals("every hour at :00", Schedules.describe("0 * * * *"));
        assertEquals("every 15 minutes", Schedules.describe("*/15 * * * *"));
        assertEquals("every 6 hours at :30", Schedules.describe("30 */6 * * *"));
        assertEquals("every day at 02:00", Schedules.describe("0 2 * * *"));
        assertEquals("at 02:00 on Monday to Friday", Schedules.describe("0 2 * * 1-5"));
        assertEquals("at 03:30 on Monday", Schedules.describe("30 3 * * 1"));
        assertEquals("at 06:00 on Monday and Thursday", Schedules.describe("0 6 * * 1,4"));
        assertEquals("at 04:00 on day 1 of every month", Schedules.describe("0 4 1 * *"));
        assertEquals("61 * * * *", Schedules.describe("61 * * * *"));
    }
}
